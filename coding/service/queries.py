"""The read-only queries a page or a CLI verb may make, listed in one place.

Pages read through these names and write only through the service's other modules;
nothing here changes the store.
"""

from __future__ import annotations

from coding.store.codes import (  # noqa: F401  (the list of read-only queries is the point of this module)
    codes_for_segments,
    decision_count,
    decision_log,
    list_detached_codes,
    list_memos,
    project_codes,
)
from coding.store.coverage_counts import agreement_codes, cell_codes, coding_version, coverage_counts  # noqa: F401
from coding.store.db import Store, default_url, open_store  # noqa: F401
from coding.store.projects import (  # noqa: F401
    archived_themes,
    find_project,
    frame_history,
    get_project,
    list_projects,
    load_frame,
    load_frames,
    used_theme_ids,
)
from coding.store.snapshot import project_snapshot  # noqa: F401
from coding.store.summaries import list_summaries  # noqa: F401
from coding.store.transcripts import (  # noqa: F401
    get_segment,
    get_transcript_info,
    list_transcripts,
    load_segments,
    load_transcript,
    project_segments,
    transcript_of_segment,
)


def codes_seen_by(store: Store, project_id: int, segment_ids: list[int], viewer: str | None) -> dict:
    """``codes_for_segments`` as ``viewer`` may see them: on an interview of the blind double-coding
    sample, neither coder sees the other's codes until both have finished."""
    from coding.service import team

    codes = codes_for_segments(store, segment_ids)
    if not viewer:
        return codes
    shown = {id(c) for c in team.codes_visible_to(store, project_id, viewer, [c for cs in codes.values() for c in cs])}
    return {sid: [c for c in cs if id(c) in shown] for sid, cs in codes.items()}
