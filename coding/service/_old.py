"""The few operations the UI and the CLI share: import, suggest, decide, undo, review names, export.

Each takes an open ``Store`` and ids or paths, calls the domain core and the
store, and returns plain values. Long operations take an optional ``progress``
callback ``progress(done, total, message)`` so the UI can draw a bar.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from coding.errors import InputError, NotFound, WorkbenchError
from coding.model import Frame, Suggestion
from coding.name_review import (  # noqa: F401  (names to pseudonymise: the service stays the one door)
    add_name, exclude_name, forget_name_choice, name_choices, review_names)
from coding.store import codes as store_codes
from coding.store import names as store_names
from coding.store import projects as store_projects
from coding.store import transcripts as store_transcripts
from coding.store.db import Store

Progress = Callable[[int, int, str], None]
TOP_K = 5


def _no_progress(done: int, total: int, message: str) -> None:
    pass


# ----- projects and frames -----


def open_or_create_project(store: Store, name: str) -> int:
    project_id = store_projects.find_project(store, name)
    if project_id is None:
        project_id = store_projects.create_project(store, name)
    return project_id


def add_crosscutting_frame(store: Store, project_id: int) -> Frame:
    """Add the shipped cross-cutting themes to a project (once)."""
    from coding.frames.crosscutting import crosscutting_frame

    frame = crosscutting_frame()
    if not any(f.id == frame.id for f in store_projects.load_frames(store, project_id)):
        store_projects.save_frame(store, project_id, frame, "import", f"Added cross-cutting themes {frame.name!r}")
    return frame


def import_guide(store: Store, project_id: int, path: str | Path, author: str = "system") -> list[Frame]:
    """Parse a topic guide or frame file and add its frame(s) to the project.

    Guide questions are mapped to the project's cross-cutting themes. All frames of
    the file are stored, or none (a clash or parse error leaves the project as it was).
    """
    from coding.frames.load import load_frames
    from coding.frames.mapping import map_to_crosscutting

    frames = load_frames(path)
    existing = store_projects.load_frames(store, project_id)
    crosscutting = next((f for f in existing if f.kind == "crosscutting"), None)
    taken = {f.id for f in existing}
    for frame in frames:
        if frame.id in taken:
            raise InputError(f"the project already has a frame {frame.name!r}", path)
    if crosscutting is not None:
        frames = [map_to_crosscutting(f, crosscutting) if f.kind == "guide" else f for f in frames]
    saved: list[int] = []
    try:
        for frame in frames:
            saved.append(
                store_projects.save_frame(
                    store, project_id, frame, "import", f"Imported {frame.name!r} from {Path(path).name}", author
                )
            )
    except WorkbenchError:
        for frame in frames[: len(saved)]:
            store_projects.delete_frame(store, project_id, frame.id)
        raise
    return frames


def edit_frame(store: Store, project_id: int, frame_key: str, operation: str, author: str, **kwargs) -> Frame:
    """Apply one edit of ``coding.frames.edit`` and store it as a new version (codes follow remaps)."""
    from coding.frames import edit

    frame = store_projects.load_frame(store, project_id, frame_key)
    function = getattr(edit, operation, None)
    if function is None or operation.startswith("_"):
        raise WorkbenchError(f"Unknown frame edit {operation!r}.")
    if operation == "delete":
        kwargs.setdefault("used_ids", set(store_projects.used_theme_ids(store, project_id)))
    if operation == "map_to":
        known = {t.id for f in store_projects.load_frames(store, project_id) if f.kind == "crosscutting" for t, _ in f.walk()}
        unknown = [c for c in kwargs.get("crosscutting_ids", []) if c not in known]
        if unknown:
            raise WorkbenchError(f"Not a cross-cutting theme of this project: {', '.join(unknown)}.")
    new_frame, change = function(frame, **kwargs)
    store_projects.save_frame(
        store, project_id, new_frame, change.kind, change.summary, author, remap=dict(change.remap)
    )
    return new_frame


# ----- transcripts -----


@dataclass
class ImportReport:
    imported: list[tuple[str, int]] = field(default_factory=list)  # (name, transcript id)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (file, readable reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (name, warning)


def _guide_frames(store: Store, project_id: int) -> list[Frame]:
    return [f for f in store_projects.load_frames(store, project_id) if f.kind == "guide"]


def choose_guide(frames: list[Frame], interviewer_texts: list[str], encoder) -> Frame | None:
    """The guide whose questions the interviewer's turns resemble most (mean best cosine)."""
    frames = [f for f in frames if f.questions()]
    if not frames or not interviewer_texts:
        return frames[0] if len(frames) == 1 else None
    asked = encoder.encode(interviewer_texts[:200])
    best, best_score = None, -1.0
    for frame in frames:
        questions = encoder.encode([q.label for q in frame.questions()])
        score = float(np.mean(np.max(asked @ questions.T, axis=1)))
        if score > best_score:
            best, best_score = frame, score
    return best


def import_transcripts(
    store: Store,
    project_id: int,
    paths: Iterable[str | Path],
    encoder=None,
    guide_key: str | None = None,
    attributes: dict[str, str] | None = None,
    sidecar: dict[str, dict[str, str]] | None = None,
    progress: Progress = _no_progress,
    names: dict[str, str] | None = None,
) -> ImportReport:
    """Import transcript files, each all-or-nothing; a bad file is reported, the others go on.

    ``sidecar`` maps file names to case attributes (from a CSV/XLSX); ``attributes``
    apply to every file and win over the sidecar. ``names`` maps a path to the
    name to store it under (uploads arrive with temporary file names).
    """
    from coding.transcripts.pipeline import prepare_transcript
    from coding.transcripts.read import read_transcript

    from coding.suggest.encoder import CachingEncoder

    paths = [Path(p) for p in paths]
    report = ImportReport()
    if encoder is not None:
        encoder = CachingEncoder(encoder)
    guides = _guide_frames(store, project_id)
    for done, path in enumerate(paths):
        display = (names or {}).get(str(path), path.name)
        progress(done, len(paths), f"Importing {display}")
        try:
            case_attributes = dict((sidecar or {}).get(display, {}))
            case_attributes.update(attributes or {})
            frame = None
            raw = read_transcript(path)
            if guide_key:
                frame = next((g for g in guides if g.id == guide_key), None)
                if frame is None:
                    raise NotFound(f"No topic guide {guide_key!r} in this project.")
            elif guides and encoder is not None:
                asked = [raw.turn_text(turn) for turn in raw.turns if raw.role_of(turn.speaker) == "interviewer"]
                frame = choose_guide(guides, asked, encoder)
            prepared = prepare_transcript(raw, frame, encoder, attributes=case_attributes)
            prepared.transcript.name = Path(display).stem
            transcript_id = store_transcripts.save_transcript(
                store, project_id, prepared.transcript, prepared.segments, prepared.alignments, prepared.coverage,
                guide_key=frame.id if frame else None, source_file=display,
            )
            report.imported.append((prepared.transcript.name, transcript_id))
            report.warnings.extend((prepared.transcript.name, w) for w in prepared.transcript.warnings)
        except WorkbenchError as exc:
            report.failed.append((display, str(exc)))
    progress(len(paths), len(paths), "Import finished")
    return report


def correct_speaker_role(
    store: Store, project_id: int, transcript_id: int, speaker_key: str, role: str, encoder=None
) -> dict[int, int]:
    """The researcher says who is who: re-segment and re-align, keeping every code.

    Codes, memos and decisions move to the new segment that overlaps their old one
    most. Returns old segment id -> new segment id.
    """
    from coding.transcripts.align import align_questions
    from coding.transcripts.coverage import coverage
    from coding.transcripts.segment import segment_transcript
    from coding.transcripts.speakers import set_role

    if role not in ("interviewer", "respondent"):
        raise WorkbenchError(f"A speaker is an interviewer or a respondent, not {role!r}.")
    info = store_transcripts.get_transcript_info(store, transcript_id)
    transcript = set_role(store_transcripts.load_transcript(store, transcript_id), speaker_key, role)
    segments = segment_transcript(transcript)
    interview_coverage = None
    if info.guide_key:
        frame = store_projects.load_frame(store, project_id, info.guide_key)
        alignments = align_questions(transcript, segments, frame, encoder)
        interview_coverage = coverage(transcript.name, alignments, segments, frame)
    mapping = store_transcripts.replace_segments(store, transcript_id, transcript, segments, interview_coverage)
    if encoder is not None:
        suggest_project(store, project_id, encoder, transcript_ids=[transcript_id])
    return mapping


# ----- suggestions -----


def suggestable_themes(frames: list[Frame]) -> list[str]:
    """The analytic themes the model proposes: every cross-cutting theme and any plain theme a
    researcher added to a guide. Guide sections and questions are not suggested: alignment
    already records which question each answer responds to."""
    ids = []
    for frame in frames:
        for theme, _ in frame.walk():
            if frame.kind == "crosscutting" or theme.kind == "theme":
                ids.append(theme.id)
    return ids


def build_suggester(store: Store, project_id: int, encoder):
    from coding.suggest.scorer import Suggester

    frames = store_projects.load_frames(store, project_id)
    if not frames:
        raise WorkbenchError("The project has no coding frame yet: add a topic guide or the cross-cutting themes.")
    return Suggester(frames, encoder, themes=suggestable_themes(frames) or None)


def embed_segments(store: Store, project_id: int, encoder, progress: Progress = _no_progress) -> dict[int, np.ndarray]:
    """Embeddings of every codable segment, computing (and storing) only the missing ones."""
    stored = store_transcripts.load_embeddings(store, project_id, encoder.name)
    missing = [(tid, seg) for tid, seg in store_transcripts.project_segments(store, project_id) if seg.id not in stored]
    batch = 64
    for start in range(0, len(missing), batch):
        progress(start, len(missing), f"Encoding segments {start + 1}–{min(start + batch, len(missing))} of {len(missing)}")
        chunk = missing[start : start + batch]
        vectors = encoder.encode([seg.text for _, seg in chunk])
        new = {seg.id: vec for (_, seg), vec in zip(chunk, vectors)}
        store_transcripts.store_embeddings(store, new, encoder.name)
        stored.update(new)
    progress(len(missing), len(missing), "Segments encoded")
    return stored


def teach_from_decisions(suggester, store: Store, project_id: int, embeddings: dict[int, np.ndarray]) -> dict[int, set[str]]:
    """Feed every researcher decision to the suggester; return the themes rejected per segment."""
    rejected: dict[int, set[str]] = {}
    for code in store_codes.project_codes(store, project_id, ("confirmed", "rejected")):
        if code.coder == store_codes.MODEL_CODER or code.segment_id not in embeddings:
            continue
        accepted = code.status == "confirmed"
        suggester.add_example(embeddings[code.segment_id], code.theme_id, accepted)
        if not accepted:
            rejected.setdefault(code.segment_id, set()).add(code.theme_id)
    return rejected


def suggest_project(
    store: Store,
    project_id: int,
    encoder,
    transcript_ids: list[int] | None = None,
    progress: Progress = _no_progress,
) -> int:
    """(Re)compute the model's suggestions, learning from every decision so far. Returns segments scored."""
    embeddings = embed_segments(store, project_id, encoder, progress)
    suggester = build_suggester(store, project_id, encoder)
    rejected = teach_from_decisions(suggester, store, project_id, embeddings)
    rows = [
        (tid, seg)
        for tid, seg in store_transcripts.project_segments(store, project_id)
        if transcript_ids is None or tid in transcript_ids
    ]
    revision = store_codes.decision_count(store, project_id)
    batch = 256
    for start in range(0, len(rows), batch):
        progress(start, len(rows), f"Suggesting themes for segments {start + 1}–{min(start + batch, len(rows))}")
        chunk = rows[start : start + batch]
        matrix = np.stack([embeddings[seg.id] for _, seg in chunk])
        ranked = suggester.suggest(
            [seg.text for _, seg in chunk],
            question_ids=[seg.question_id for _, seg in chunk],
            top_k=TOP_K,
            embeddings=matrix,
            exclude=[rejected.get(seg.id, set()) for _, seg in chunk],
            leave_self_out=True,
        )
        store_codes.put_suggestions(
            store, project_id, {seg.id: sugg for (_, seg), sugg in zip(chunk, ranked)}, encoder.name
        )
    store_transcripts.mark_suggested(store, {tid for tid, _ in rows}, revision)
    progress(len(rows), len(rows), "Suggestions ready")
    return len(rows)


def suggestions_stale(store: Store, project_id: int, transcript_id: int) -> bool:
    """True when decisions were made since this transcript's suggestions were computed."""
    return store_transcripts.suggestions_revision(store, transcript_id) < store_codes.decision_count(store, project_id)


# A decision is written at once by the store (there is no Save button); the UI and CLI
# call these names so that the service stays the one door to the core.
decide = store_codes.decide
undo = store_codes.undo_last


def suggestions_as_values(codes) -> list[Suggestion]:
    return [Suggestion(c.theme_id, c.score or 0.0, c.why) for c in codes if c.coder == store_codes.MODEL_CODER]


# ----- exports -----

EXPORT_SUFFIXES = {"matrix": ".xlsx", "quotes": ".docx", "csv": ".csv", "xlsx": ".xlsx", "qdpx": ".qdpx", "qdc": ".qdc"}


def export_project(
    store: Store,
    project_id: int,
    kind: str,
    path: str | Path,
    include_suggested: bool = False,
    quote_options=None,
    pseudonymise: bool = True,
    extra_names: list[str] | None = None,
) -> Path:
    """Write one export of the project to ``path`` (its suffix added when missing).

    People's names are pseudonymised by default (participants were promised
    anonymity), honouring the project's stored name choices (``add_name``,
    ``exclude_name``); ``extra_names`` are replaced as well, even if marked "not a
    name". The codebook (``qdc``) holds no interview text.
    """
    from coding.store.snapshot import project_snapshot

    if kind not in EXPORT_SUFFIXES:
        raise WorkbenchError(f"Unknown export {kind!r}; choose one of {', '.join(EXPORT_SUFFIXES)}.")
    path = Path(path)
    if path.suffix.lower() != EXPORT_SUFFIXES[kind]:
        path = path.with_name(path.name + EXPORT_SUFFIXES[kind])
    path.parent.mkdir(parents=True, exist_ok=True)
    snapshot = project_snapshot(store, project_id, include_suggested=include_suggested)
    if pseudonymise and kind != "qdc":
        from coding.anonymise.pseudonymise import pseudonymise_snapshot

        choices = store_names.load_name_choices(store, project_id)
        snapshot = pseudonymise_snapshot(snapshot, extra_names or [], choices=choices)
    if kind == "matrix":
        from coding.exports.matrix import write_matrix

        write_matrix(snapshot, path, include_suggested=include_suggested)
    elif kind == "quotes":
        from coding.exports.quotes import QuoteOptions, write_quote_table

        write_quote_table(snapshot, path, quote_options or QuoteOptions(include_suggested=include_suggested))
    elif kind == "csv":
        from coding.exports.longformat import write_long_csv

        write_long_csv(snapshot, path)
    elif kind == "xlsx":
        from coding.exports.longformat import write_long_xlsx

        write_long_xlsx(snapshot, path)
    elif kind == "qdpx":
        from coding.refi_qda.project import write_qdpx

        write_qdpx(snapshot, path)
    else:
        from coding.refi_qda.codebook import write_codebook

        write_codebook(snapshot.frames, path)
    return path
