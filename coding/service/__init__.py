"""The one door to the core for the UI and the CLI: every write goes through here.

One module per job; this package re-exports their public functions, so callers write
``from coding import service`` and ``service.import_transcripts(...)``.

| module          | job                                                                      |
|-----------------|--------------------------------------------------------------------------|
| ``projects``    | create a project ready to code, list, status                             |
| ``frames``      | cross-cutting themes, topic guides, frame edits (versioned, checked)     |
| ``transcripts`` | import (each file all-or-nothing), role corrections, case attributes     |
| ``suggestions`` | encode, learn from decisions, score, store the model's suggestions       |
| ``live``        | a project's suggester kept warm while a researcher codes                 |
| ``decisions``   | decide, undo, memos, summaries                                           |
| ``identifiers`` | what the researcher decides about names before a pseudonymised export    |
| ``exports``     | every export kind, pseudonymised by default                              |
| ``restore``     | a project from a REFI-QDA ``.qdpx``                                      |
| ``demo``        | the demo project                                                         |
| ``queries``     | the read-only queries pages may make                                     |

Long operations take ``progress(done, total, message)`` (``service.progress``).
"""

from coding.exports.kinds import EXPORT_KINDS
from coding.service import synthesis, team
from coding.service.decisions import add_memo, decide, reattach_detached_code, undo
from coding.service.exports import export_project
from coding.service.frames import add_crosscutting_frame, edit_frame, import_guide, restore_theme
from coding.service.identifiers import (
    add_identifier,
    add_name,
    exclude_identifier,
    exclude_name,
    export_records,
    forget_name_choice,
    identifier_choice_authors,
    indirect_identifier_flags,
    name_choices,
    override_gate_hit,
    review_names,
    set_case_label,
)
from coding.service.projects import create_project, delete_project, open_or_create_project, project_status
from coding.service.suggestions import (
    TOP_K,
    build_suggester,
    embed_segments,
    suggest_project,
    suggestions_as_values,
    suggestions_stale,
    teach_from_decisions,
)
from coding.service.transcripts import (
    ImportReport,
    answer_question,
    correct_speaker_role,
    import_transcripts,
    set_answer_question,
    store_alignment_confidences,
    unsure_answers,
    update_attributes,
)

__all__ = [
    "EXPORT_KINDS",
    "add_identifier",
    "answer_question",
    "exclude_identifier",
    "export_records",
    "identifier_choice_authors",
    "indirect_identifier_flags",
    "override_gate_hit",
    "set_answer_question",
    "set_case_label",
    "store_alignment_confidences",
    "synthesis",
    "team",
    "unsure_answers",
    "ImportReport",
    "TOP_K",
    "add_crosscutting_frame",
    "add_memo",
    "add_name",
    "build_suggester",
    "correct_speaker_role",
    "create_project",
    "decide",
    "delete_project",
    "edit_frame",
    "embed_segments",
    "exclude_name",
    "export_project",
    "forget_name_choice",
    "import_guide",
    "import_transcripts",
    "name_choices",
    "open_or_create_project",
    "project_status",
    "reattach_detached_code",
    "restore_theme",
    "review_names",
    "suggest_project",
    "suggestions_as_values",
    "suggestions_stale",
    "teach_from_decisions",
    "undo",
    "update_attributes",
]
