"""integrity: themes are archived, never orphaned; phrase codes keyed by span; codes, memos and
summaries point at their theme by foreign key; undo is an appended log entry; detached codes

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01 14:55:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def _recover_orphans() -> None:
    """A theme key that codes, memos, summaries or decisions point at but no theme row holds
    (left by deletes and merges of older versions) becomes an archived theme, so nothing is lost
    and the new foreign keys hold."""
    conn = op.get_bind()
    for table in ("code_applications", "memos", "summaries", "decisions"):
        rows = conn.execute(
            sa.text(
                f"SELECT DISTINCT x.project_id, x.theme_key FROM {table} x WHERE x.theme_key IS NOT NULL AND NOT EXISTS "
                "(SELECT 1 FROM themes t WHERE t.project_id = x.project_id AND t.theme_key = x.theme_key)"
            )
        ).all()
        for project_id, theme_key in rows:
            frame_id = conn.execute(
                sa.text("SELECT min(id) FROM frames WHERE project_id = :p"), {"p": project_id}
            ).scalar()
            if frame_id is None:
                continue
            conn.execute(
                sa.text(
                    "INSERT INTO themes (project_id, frame_id, theme_key, parent_key, position, kind, label, description, "
                    "keywords, key, probes, routing, maps_to, archived) VALUES (:p, :f, :k, NULL, 0, 'theme', :label, "
                    "'Recovered: coded before this theme was removed from its frame.', '[]', :false, '[]', '', '[]', :true)"
                ),
                {"p": project_id, "f": frame_id, "k": theme_key, "label": theme_key, "false": False, "true": True},
            )


def _codes_table() -> list:
    return [
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
        sa.Column("segment_id", sa.Integer(), sa.ForeignKey("segments.id", ondelete="CASCADE"), nullable=False),
        sa.Column("theme_key", sa.String(120), nullable=False),
        sa.Column("coder", sa.String(100), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("model", sa.String(100)),
        sa.Column("score", sa.Float()),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer()),
        sa.Column("end", sa.Integer()),
        sa.Column("span_key", sa.String(40), nullable=False, server_default=""),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.UniqueConstraint("segment_id", "theme_key", "coder", "span_key", name="uq_code_unit"),
        sa.ForeignKeyConstraint(
            ["project_id", "theme_key"],
            ["themes.project_id", "themes.theme_key"],
            ondelete="CASCADE",
            name="fk_codes_theme",
        ),
    ]


def _sqlite_recreate(name: str, elements: list, columns: str, select: str, indexes=()) -> None:
    conn = op.get_bind()
    for index in indexes:
        op.drop_index(index, table_name=name)
    op.rename_table(name, f"_old_{name}")
    op.create_table(name, *elements)
    conn.execute(sa.text(f"INSERT INTO {name} ({columns}) SELECT {select} FROM _old_{name}"))
    op.drop_table(f"_old_{name}")


def upgrade() -> None:
    sqlite = op.get_bind().dialect.name == "sqlite"
    op.add_column("themes", sa.Column("archived", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("decisions", sa.Column("undoes", sa.Integer(), nullable=True))
    _recover_orphans()
    span = "CASE WHEN start IS NULL THEN '' ELSE CAST(start AS VARCHAR) || '-' || CAST(\"end\" AS VARCHAR) END"
    if sqlite:
        columns = (
            'id, project_id, segment_id, theme_key, coder, status, source, model, score, why, start, "end", created_at'
        )
        _sqlite_recreate(
            "code_applications",
            _codes_table(),
            columns + ", span_key",
            columns + f", {span}",
            indexes=["ix_codes_project_theme"],
        )
        memos = [
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
            sa.Column("segment_id", sa.Integer(), sa.ForeignKey("segments.id", ondelete="CASCADE")),
            sa.Column("transcript_id", sa.Integer(), sa.ForeignKey("transcripts.id", ondelete="CASCADE")),
            sa.Column("theme_key", sa.String(120)),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("author", sa.String(100), nullable=False),
            sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
            sa.ForeignKeyConstraint(
                ["project_id", "theme_key"],
                ["themes.project_id", "themes.theme_key"],
                ondelete="CASCADE",
                name="fk_memos_theme",
            ),
        ]
        cols = "id, project_id, segment_id, transcript_id, theme_key, text, author, created_at"
        _sqlite_recreate("memos", memos, cols, cols)
        summaries = [
            sa.Column("id", sa.Integer(), primary_key=True),
            sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
            sa.Column(
                "transcript_id", sa.Integer(), sa.ForeignKey("transcripts.id", ondelete="CASCADE"), nullable=False
            ),
            sa.Column("theme_key", sa.String(120), nullable=False),
            sa.Column("text", sa.Text(), nullable=False),
            sa.Column("author", sa.String(100), nullable=False),
            sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
            sa.UniqueConstraint("transcript_id", "theme_key"),
            sa.ForeignKeyConstraint(
                ["project_id", "theme_key"],
                ["themes.project_id", "themes.theme_key"],
                ondelete="CASCADE",
                name="fk_summaries_theme",
            ),
        ]
        cols = "id, project_id, transcript_id, theme_key, text, author, updated_at"
        _sqlite_recreate("summaries", summaries, cols, cols)
    else:
        op.add_column("code_applications", sa.Column("span_key", sa.String(40), nullable=False, server_default=""))
        op.execute(f"UPDATE code_applications SET span_key = {span}")
        op.drop_constraint("code_applications_segment_id_theme_key_coder_key", "code_applications", type_="unique")
        op.create_unique_constraint(
            "uq_code_unit", "code_applications", ["segment_id", "theme_key", "coder", "span_key"]
        )
        for table, name in (
            ("code_applications", "fk_codes_theme"),
            ("memos", "fk_memos_theme"),
            ("summaries", "fk_summaries_theme"),
        ):
            op.create_foreign_key(
                name, table, "themes", ["project_id", "theme_key"], ["project_id", "theme_key"], ondelete="CASCADE"
            )
    if sqlite:
        op.create_index("ix_codes_project_theme", "code_applications", ["project_id", "theme_key"])
    op.create_table(
        "detached_codes",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("project_id", sa.Integer(), sa.ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
        sa.Column("transcript_id", sa.Integer(), sa.ForeignKey("transcripts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("theme_key", sa.String(120), nullable=False),
        sa.Column("coder", sa.String(100), nullable=False),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("source", sa.String(10), nullable=False),
        sa.Column("model", sa.String(100)),
        sa.Column("score", sa.Float()),
        sa.Column("why", sa.Text(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("detached_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["project_id", "theme_key"],
            ["themes.project_id", "themes.theme_key"],
            ondelete="CASCADE",
            name="fk_detached_theme",
        ),
    )


def downgrade() -> None:
    raise NotImplementedError("0006 keeps codes that older versions would drop; there is no way back.")
