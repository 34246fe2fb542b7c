"""summary versions: every saved Framework summary of a case x theme cell, with its author and the draft it came from

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01 14:20:00
"""

from alembic import op
import sqlalchemy as sa


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "summary_versions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("project_id", sa.Integer(), nullable=False),
        sa.Column("transcript_id", sa.Integer(), nullable=False),
        sa.Column("theme_key", sa.String(length=120), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("action", sa.String(length=12), nullable=False),
        sa.Column("draft", sa.Text(), nullable=False),
        sa.Column("author", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["project_id"], ["projects.id"], ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["transcript_id"], ["transcripts.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_summary_versions_cell", "summary_versions", ["transcript_id", "theme_key", "id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_summary_versions_cell", table_name="summary_versions")
    op.drop_table("summary_versions")
