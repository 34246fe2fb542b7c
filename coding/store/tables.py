"""The database schema (SQLAlchemy Core). Migrations in ``migrations/`` create exactly this.

Design notes:
- Themes are identified by a ``theme_key`` unique within a project (the frame's
  stable theme id). Code applications point at that key, so renames and new frame
  versions never break them; merges move codes by rewriting the key.
- ``code_applications`` holds one row per (segment, theme, coder): the model's
  suggestion (coder ``model``) and each researcher's decision live side by side,
  so two coders never overwrite each other and the model can be scored as a coder.
- ``decisions`` is the append-only log of every action, which undo walks back.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)

metadata = MetaData()

projects = Table(
    "projects",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("settings", JSON, nullable=False, default=dict),
)

frames = Table(
    "frames",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("frame_key", String(100), nullable=False),
    Column("name", String(300), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("version", Integer, nullable=False),
    Column("source", Text, nullable=False, default=""),
    Column("tree", JSON, nullable=False),
    UniqueConstraint("project_id", "frame_key"),
)

frame_versions = Table(
    "frame_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("frame_id", Integer, ForeignKey("frames.id", ondelete="CASCADE"), nullable=False),
    Column("version", Integer, nullable=False),
    Column("tree", JSON, nullable=False),
    Column("change_kind", String(30), nullable=False),
    Column("summary", Text, nullable=False),
    Column("author", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("frame_id", "version"),
)

themes = Table(
    "themes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("frame_id", Integer, ForeignKey("frames.id", ondelete="CASCADE"), nullable=False),
    Column("theme_key", String(120), nullable=False),
    Column("parent_key", String(120)),
    Column("position", Integer, nullable=False),
    Column("kind", String(20), nullable=False),
    Column("label", Text, nullable=False),
    Column("description", Text, nullable=False, default=""),
    Column("keywords", JSON, nullable=False, default=list),
    Column("key", Boolean, nullable=False, default=False),
    Column("probes", JSON, nullable=False, default=list),
    Column("routing", Text, nullable=False, default=""),
    Column("maps_to", JSON, nullable=False, default=list),
    # A theme taken out of its frame while anything still points at it (a code of any status,
    # a memo, a summary, a logged decision) is archived: hidden, restorable, never orphaned.
    Column("archived", Boolean, nullable=False, default=False, server_default=false()),
    UniqueConstraint("project_id", "theme_key"),
)


# Codes, memos and summaries name their theme by (project, theme key): a decision can never
# land on a theme that is not there.
def _theme_fk(name: str) -> ForeignKeyConstraint:
    return ForeignKeyConstraint(
        ["project_id", "theme_key"], ["themes.project_id", "themes.theme_key"], ondelete="CASCADE", name=name
    )


transcripts = Table(
    "transcripts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(300), nullable=False),
    Column("source_file", Text, nullable=False),
    Column("source_hash", String(64), nullable=False),
    Column("format", String(10), nullable=False),
    Column("text", Text, nullable=False),
    Column("guide_key", String(100)),
    Column("attributes", JSON, nullable=False, default=dict),
    Column("warnings", JSON, nullable=False, default=list),
    Column("coverage", JSON, nullable=False, default=dict),
    # The project's decision count when this transcript's suggestions were last
    # computed: when it lags, the suggestions have not yet learned from new decisions.
    Column("suggestions_rev", Integer, nullable=False, default=0),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("project_id", "source_hash"),
)

speakers = Table(
    "speakers",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("transcript_id", Integer, ForeignKey("transcripts.id", ondelete="CASCADE"), nullable=False),
    Column("speaker_key", String(200), nullable=False),
    Column("label", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("aliases", JSON, nullable=False, default=list),
    UniqueConstraint("transcript_id", "speaker_key"),
)

turns = Table(
    "turns",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("transcript_id", Integer, ForeignKey("transcripts.id", ondelete="CASCADE"), nullable=False),
    Column("idx", Integer, nullable=False),
    Column("speaker_key", String(200), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("time_start", Float),
    Column("time_end", Float),
    Column("question_key", String(120)),
    Column("alignment_score", Float),
    UniqueConstraint("transcript_id", "idx"),
)

segments = Table(
    "segments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("transcript_id", Integer, ForeignKey("transcripts.id", ondelete="CASCADE"), nullable=False),
    Column("turn_idx", Integer, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("speaker_key", String(200), nullable=False),
    Column("role", String(20), nullable=False),
    Column("time_start", Float),
    Column("time_end", Float),
    Column("question_key", String(120)),
    Column("section_key", String(120)),
    Column("codable", Boolean, nullable=False),
    Column("embedding", LargeBinary),
    Column("embedding_model", String(100)),
    Index("ix_segments_transcript", "transcript_id", "start"),
)

code_applications = Table(
    "code_applications",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("segment_id", Integer, ForeignKey("segments.id", ondelete="CASCADE"), nullable=False),
    Column("theme_key", String(120), nullable=False),
    Column("coder", String(100), nullable=False),
    Column("status", String(12), nullable=False),
    Column("source", String(10), nullable=False),
    Column("model", String(100)),
    Column("score", Float),
    Column("why", Text, nullable=False, default=""),
    Column("start", Integer),
    Column("end", Integer),
    # "" for the whole segment, "start-end" for a phrase: two phrases of one theme are two codes.
    Column("span_key", String(40), nullable=False, default="", server_default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("segment_id", "theme_key", "coder", "span_key", name="uq_code_unit"),
    _theme_fk("fk_codes_theme"),
    Index("ix_codes_project_theme", "project_id", "theme_key"),
)

decisions = Table(
    "decisions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("segment_id", Integer, ForeignKey("segments.id", ondelete="CASCADE"), nullable=False),
    Column("theme_key", String(120), nullable=False),
    Column("coder", String(100), nullable=False),
    Column("action", String(12), nullable=False),
    Column("before", JSON),
    Column("after", JSON),
    Column("model", String(100)),
    Column("model_score", Float),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # Set on rows written before undo became an appended entry (migration 0006); never updated now.
    Column("undone", Boolean, nullable=False, default=False),
    # An "undo" entry names the entry it undid; the log is only ever appended to.
    Column("undoes", Integer),
    Index("ix_decisions_project_coder", "project_id", "coder", "id"),
)

memos = Table(
    "memos",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("segment_id", Integer, ForeignKey("segments.id", ondelete="CASCADE")),
    Column("transcript_id", Integer, ForeignKey("transcripts.id", ondelete="CASCADE")),
    Column("theme_key", String(120)),
    Column("text", Text, nullable=False),
    Column("author", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    _theme_fk("fk_memos_theme"),
)

summaries = Table(
    "summaries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("transcript_id", Integer, ForeignKey("transcripts.id", ondelete="CASCADE"), nullable=False),
    Column("theme_key", String(120), nullable=False),
    Column("text", Text, nullable=False),
    Column("author", String(100), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("transcript_id", "theme_key"),
    _theme_fk("fk_summaries_theme"),
)

# The researcher's corrections to pseudonymisation, one row per name: "add" (a name the
# model missed) or "exclude" (a word wrongly taken for a name). ``name_key`` is the
# name's cleaned lower-case form, so "Kelly" and "kelly." are one choice.
name_choices = Table(
    "name_choices",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("name_key", String(200), nullable=False),
    Column("name", String(200), nullable=False),
    Column("choice", String(10), nullable=False),
    Column("author", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("project_id", "name_key"),
    # The kind of identifier (coding.anonymise.kinds): "person" for every choice made before 0007.
    Column("kind", String(40), nullable=False, server_default="person"),
)

# --- Teams (issue 14) ---------------------------------------------------------------
# Workbench accounts for a shared store. ``password_hash`` is an argon2id hash (never the
# password); it is empty for people who sign in through the team's identity provider.
users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("username", String(100), nullable=False, unique=True),
    Column("display_name", String(200), nullable=False, default=""),
    Column("email", String(300)),
    Column("password_hash", Text),
    Column("active", Boolean, nullable=False, default=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Who works on a project and as what (lead | coder). ``username`` is also the coder name
# stamped on codes and decisions. A project with no members is a single-user project.
project_members = Table(
    "project_members",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("username", String(100), nullable=False),
    Column("role", String(10), nullable=False),
    Column("added_by", String(100), nullable=False),
    Column("added_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("project_id", "username"),
)

# Interviews assigned to coders: ``kind`` "code" (one coder) or "reliability" (one of the two
# blind coders of a double-coded interview). ``finished_at`` is set when the coder says so.
assignments = Table(
    "assignments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("transcript_id", Integer, ForeignKey("transcripts.id", ondelete="CASCADE"), nullable=False),
    Column("username", String(100), nullable=False),
    Column("kind", String(12), nullable=False),
    Column("assigned_by", String(100), nullable=False),
    Column("assigned_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    UniqueConstraint("transcript_id", "username"),
)

# A lead's settled code where coders disagreed: whether the theme applies to the segment.
# The coders' own codes are kept as they were; exports read the settled code first.
settled_codes = Table(
    "settled_codes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("segment_id", Integer, ForeignKey("segments.id", ondelete="CASCADE"), nullable=False),
    Column("theme_key", String(120), nullable=False),
    Column("applied", Boolean, nullable=False),
    Column("note", Text, nullable=False, default=""),
    Column("settled_by", String(100), nullable=False),
    Column("settled_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("segment_id", "theme_key"),
)

# The append-only history of every change: who, when, what, before and after. No foreign
# keys, so it outlives what it describes; triggers (migration 0003) refuse UPDATE and DELETE.
history = Table(
    "history",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(100), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("transcript_id", Integer),
    Column("segment_id", Integer),
    Column("theme_key", String(120)),
    Column("target", Text, nullable=False, default=""),
    Column("before", JSON),
    Column("after", JSON),
    Index("ix_history_project", "project_id", "id"),
    Index("ix_history_segment", "segment_id"),
)

# Every saved version of a Framework summary (case x theme cell), append-only: the store
# offers no update or delete, so the cell's history reads back exactly as it was written.
# ``action`` says how the researcher got there from the draft shown ("accepted", "edited",
# "written", "cleared"); ``draft`` keeps that draft. The current text stays in ``summaries``.
summary_versions = Table(
    "summary_versions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("transcript_id", Integer, ForeignKey("transcripts.id", ondelete="CASCADE"), nullable=False),
    Column("theme_key", String(120), nullable=False),
    Column("text", Text, nullable=False),
    Column("action", String(12), nullable=False),
    Column("draft", Text, nullable=False, default=""),
    Column("author", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_summary_versions_cell", "transcript_id", "theme_key", "id"),
)

# Emergent-theme clusters a researcher looked at and set aside, by the cluster's key (a hash
# of its segment ids), so the same cluster is not offered again on the next visit.
dismissed_clusters = Table(
    "dismissed_clusters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("cluster_key", String(40), nullable=False),
    Column("label", Text, nullable=False),
    Column("author", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("project_id", "cluster_key"),
)


# A code whose text is in no codable segment any more (a speaker's role was corrected, an
# interview re-segmented): kept with the words it was on, for the researcher to re-attach.
detached_codes = Table(
    "detached_codes",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("transcript_id", Integer, ForeignKey("transcripts.id", ondelete="CASCADE"), nullable=False),
    Column("theme_key", String(120), nullable=False),
    Column("coder", String(100), nullable=False),
    Column("status", String(12), nullable=False),
    Column("source", String(10), nullable=False),
    Column("model", String(100)),
    Column("score", Float),
    Column("why", Text, nullable=False, default=""),
    Column("text", Text, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("detached_at", DateTime(timezone=True), nullable=False),
    _theme_fk("fk_detached_theme"),
)


# --- Identifier gate (issue 12) ----------------------------------------------------------
# A hit the export gate found that the researcher let through, for one export kind and one
# place in the file; recorded with who and why, and honoured by later exports of that kind.
gate_overrides = Table(
    "gate_overrides",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("export_kind", String(20), nullable=False),
    Column("identifier_kind", String(40), nullable=False),
    Column("value", String(200), nullable=False),
    Column("location", String(300), nullable=False),
    Column("reason", Text, nullable=False),
    Column("author", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("project_id", "export_kind", "identifier_kind", "value", "location"),
)

# Every export written or blocked: whether it was pseudonymised (an export without it is an explicit,
# recorded choice), how many gate hits it had and how many were overridden.
export_records = Table(
    "export_records",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("project_id", Integer, ForeignKey("projects.id", ondelete="CASCADE"), nullable=False),
    Column("export_kind", String(20), nullable=False),
    Column("file_name", String(300), nullable=False),
    Column("pseudonymised", Boolean, nullable=False),
    Column("outcome", String(20), nullable=False),
    Column("hits", Integer, nullable=False),
    Column("overridden", Integer, nullable=False),
    Column("author", String(100), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# How each answer got its guide question: the aligner's confidence at import, or the researcher who
# set it and when (segments.question_key holds the question itself).
answer_questions = Table(
    "answer_questions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("segment_id", Integer, ForeignKey("segments.id", ondelete="CASCADE"), nullable=False, unique=True),
    Column("confidence", Float),
    Column("set_by", String(100)),
    Column("set_at", DateTime(timezone=True)),
)
