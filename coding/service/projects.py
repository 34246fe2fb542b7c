"""Projects: create one ready to code (cross-cutting themes and topic guides), list them, report status."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from coding.model import MODEL_CODER
from coding.service.frames import add_crosscutting_frame, import_guide
from coding.store import codes as store_codes
from coding.store import projects as store_projects
from coding.store import transcripts as store_transcripts
from coding.store.db import Store


def create_project(
    store: Store, name: str, guides: Sequence[str | Path] = (), crosscutting: bool = True, author: str = "system"
) -> int:
    """A new project with the shipped cross-cutting themes and the given topic guides, all or nothing."""
    with store.transaction():
        project_id = store_projects.create_project(store, name)
        if crosscutting:
            add_crosscutting_frame(store, project_id)
        for guide in guides:
            import_guide(store, project_id, guide, author)
    return project_id


def open_or_create_project(store: Store, name: str) -> int:
    project_id = store_projects.find_project(store, name)
    if project_id is None:
        project_id = store_projects.create_project(store, name)
    return project_id


def delete_project(store: Store, project_id: int) -> None:
    store_projects.delete_project(store, project_id)


@dataclass
class InterviewStatus:
    name: str
    guide: str | None
    segments: int
    reviewed: int
    key_questions_missed: list[str] = field(default_factory=list)


@dataclass
class ProjectStatus:
    name: str
    frames: list[str]
    interviews: list[InterviewStatus]
    decisions: int
    coders: list[str]

    @property
    def segments(self) -> int:
        return sum(i.segments for i in self.interviews)

    @property
    def reviewed(self) -> int:
        return sum(i.reviewed for i in self.interviews)


def project_status(store: Store, project_id: int) -> ProjectStatus:
    """Interviews, segments, review progress (segments any researcher decided on) and key questions missed."""
    info = store_projects.get_project(store, project_id)
    frames = store_projects.load_frames(store, project_id)
    codes = store_codes.project_codes(store, project_id)
    reviewed_segments = {c.segment_id for c in codes if c.coder != MODEL_CODER}
    interviews = []
    for transcript in store_transcripts.list_transcripts(store, project_id):
        segment_ids = [s.id for s in store_transcripts.load_segments(store, transcript.id, codable_only=True)]
        interviews.append(
            InterviewStatus(
                transcript.name,
                transcript.guide_key,
                len(segment_ids),
                sum(1 for s in segment_ids if s in reviewed_segments),
                list((transcript.coverage or {}).get("key_questions_missed", [])),
            )
        )
    return ProjectStatus(
        info.name,
        [f.name for f in frames],
        interviews,
        store_codes.decision_count(store, project_id),
        sorted({c.coder for c in codes if c.coder != MODEL_CODER}),
    )
