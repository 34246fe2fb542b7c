"""The `python -m coding suggest` contract as two functions: records in, JSON lines out.

``suggest_records(frame_path, input_path, top_k, examples_path)`` yields one dict
per segment::

    {"id", "text", "speaker", "start", "end", "suggestions": [{"theme", "score", "why"}, ...], "unsure"}

``unsure`` is true when no theme's calibrated confidence reaches ``UNSURE_BELOW`` (0.55, chosen by grouped CV).

INPUT is a JSONL of ``{"id", "text"}`` (other keys ignored; speaker/start/end are
null) or a transcript file (one record per codable respondent segment, with its
speaker and character offsets). A transcript's answers are scored with their
question as context: the guide question each is aligned to (against the frame's
own questions or, for a frame of themes only, the shipped guide the interviewer
followed, mapped to the frame's themes) and the interviewer's turn before it. ``--examples`` lines are ``{"text", "theme"}``
with an optional ``"status": "rejected"``.

An examples line naming a theme that is not in the frame is an error
(InvalidExamples with the file and line): silently dropping a researcher's
decision would make the suggestions quietly worse, and the fix (a typo, or the
wrong frame) is the user's to make.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, cast

from coding.errors import InvalidExamples, InvalidTranscript, UnsupportedFormat
from coding.model import Frame
from coding.suggest.calibration import UNSURE_BELOW
from coding.suggest.context import asked_before

BATCH = 256


def load_frames_from(path: str | Path) -> list[Frame]:
    """Every frame of a guide or frame file (a guide file can give several): all are scored."""
    from coding.frames.load import load_frames

    frames = list(load_frames(path))
    if not frames:
        from coding.errors import InvalidTopicGuide

        raise InvalidTopicGuide("the file holds no frame", path)
    return frames


def _read_jsonl(path: Path, error: type, what: str) -> Iterator[tuple[int, dict]]:
    try:
        handle = path.open(encoding="utf-8-sig")
    except OSError as exc:
        raise error(f"cannot open the file ({exc.strerror})", path) from None
    with handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise error(f"not a JSON line ({exc.msg})", path, number) from None
            if not isinstance(record, dict):
                raise error(f"each line must be a JSON object with {what}", path, number)
            yield number, record


def read_examples(path: str | Path, theme_ids: set[str]) -> list[tuple[str, str, bool]]:
    """(text, theme, accepted) per line; InvalidExamples naming file and line on anything wrong."""
    path = Path(path)
    out = []
    for number, record in _read_jsonl(path, InvalidExamples, '"text" and "theme"'):
        text, theme = record.get("text"), record.get("theme")
        if not isinstance(text, str) or not isinstance(theme, str):
            raise InvalidExamples('each line needs a "text" and a "theme" (strings)', path, number)
        if theme not in theme_ids:
            known = ", ".join(sorted(theme_ids)[:12]) + (" …" if len(theme_ids) > 12 else "")
            raise InvalidExamples(f"theme {theme!r} is not in the frame (its themes: {known})", path, number)
        status = str(record.get("status") or "confirmed").lower()
        if status not in ("confirmed", "rejected", "accepted"):
            raise InvalidExamples(f'status {status!r} must be "confirmed" or "rejected"', path, number)
        if text.strip():
            out.append((text, theme, status != "rejected"))
    return out


def _input_records(input_path: Path, frames: list[Frame], guides: list[Frame], encoder) -> Iterator[dict]:
    if input_path.suffix.lower() in (".jsonl", ".ndjson"):
        for number, record in _read_jsonl(input_path, UnsupportedFormat, '"id" and "text"'):
            text = record.get("text")
            if text is not None and not isinstance(text, str):
                raise UnsupportedFormat('"text" must be a string', input_path, number)
            yield {
                "id": record.get("id", number),
                "text": text or "",
                "speaker": None,
                "start": None,
                "end": None,
                "question_id": None,
                "context": None,
            }
        return
    from coding.transcripts.guide_choice import choose_guide
    from coding.transcripts.pipeline import prepare_transcript
    from coding.transcripts.read import read_transcript

    raw = read_transcript(input_path)
    guide = next((f for f in frames if f.questions()), None)
    if guide is None and guides:
        # A frame of themes only (no guide questions): align to the shipped guide the interviewer followed.
        asked = [raw.turn_text(t) for t in raw.turns if raw.role_of(t.speaker) == "interviewer"]
        guide = choose_guide(guides, asked, encoder)
    prepared = prepare_transcript(raw, guide or frames[0], encoder)
    transcript = prepared.transcript
    wording = {theme.id: theme.label for theme, _ in (guide or frames[0]).walk()}
    for index, seg in enumerate(prepared.segments):
        if not seg.codable:
            continue
        yield {
            "id": seg.id if seg.id is not None else index,
            "text": seg.text,
            "speaker": seg.speaker,
            "start": seg.start,
            "end": seg.end,
            "question_id": seg.question_id,
            "context": asked_before(transcript, seg.turn_index),
            "question": {
                "id": seg.question_id,
                "text": wording.get(seg.question_id),
                "confidence": seg.question_confidence,
            }
            if seg.question_id
            else None,
        }


def shipped_guides(frames: list[Frame]) -> list[Frame]:
    """The shipped topic guides with their questions mapped to ``frames``' themes (as a project maps
    them to its cross-cutting themes), for aligning a transcript scored against a frame of themes only."""
    from coding.errors import WorkbenchError
    from coding.frames.load import load_frames
    from coding.frames.mapping import map_to_crosscutting

    folder = Path(__file__).resolve().parents[2] / "topic_guides"
    out = []
    for path in sorted(folder.glob("*.md")) if folder.exists() else []:
        if path.name.lower() == "readme.md":
            continue
        try:
            out += [map_to_crosscutting(f, frames[0]) for f in load_frames(path) if f.kind == "guide"]
        except (WorkbenchError, OSError):
            continue
    return out


def suggest_records(
    frame_path: str | Path,
    input_path: str | Path,
    top_k: int | None = None,
    examples_path: str | Path | None = None,
    encoder=None,
) -> Iterator[dict]:
    """One output record per input segment, in input order (see the module docstring)."""
    from coding.suggest.scorer import Suggester

    frames = load_frames_from(frame_path)
    if encoder is None:  # the app's choice: int8 ONNX unless WORKBENCH_ENCODER=torch
        from coding.suggest.encoder import default_encoder

        encoder = default_encoder()
    input_path = Path(input_path)
    if not input_path.exists():
        raise InvalidTranscript("the input file does not exist", input_path)
    guides = []
    if input_path.suffix.lower() not in (".jsonl", ".ndjson") and not any(f.questions() for f in frames):
        guides = shipped_guides(frames)
    # The guides only place answers; the themes suggested stay the frame's own.
    themes = [theme.id for f in frames for theme, _ in f.walk()] if guides else None
    suggester = Suggester(frames + guides, encoder, themes=themes)
    if examples_path:
        examples = read_examples(examples_path, set(suggester.theme_ids))
        if examples:
            texts, example_themes, flags = zip(*examples)
            suggester.add_examples(list(texts), list(example_themes), list(flags))
    batch: list[dict] = []
    for record in _input_records(input_path, frames, guides, encoder):
        batch.append(record)
        if len(batch) >= BATCH:
            yield from _score(suggester, batch, top_k)
            batch = []
    if batch:
        yield from _score(suggester, batch, top_k)


def _score(suggester, batch: list[dict], top_k: int | None) -> Iterator[dict]:
    contexts = [r["context"] for r in batch]
    results = suggester.suggest(
        [r["text"] for r in batch],
        [r["question_id"] for r in batch],
        top_k=top_k,
        context=suggester.context_scores(contexts) if any(contexts) else None,
    )
    for record, suggestions in zip(batch, results):
        yield {
            "id": record["id"],
            "text": record["text"],
            "speaker": record["speaker"],
            "start": record["start"],
            "end": record["end"],
            "suggestions": [{"theme": s.theme, "score": s.score, "why": s.why} for s in suggestions],
            # No theme clears the calibrated bar: the first suggestion is a guess, not a call.
            "unsure": not suggestions or suggestions[0].score < UNSURE_BELOW,
            # A transcript's answer: the guide question it was aligned to (None: it answers none).
            **({"question": record["question"]} if "question" in record else {}),
        }


def write_jsonl(records: Iterable[dict], out: str | Path | IO[str] | None) -> int:
    """Write records as JSON lines to a path, a file object, or stdout (None or "-"); returns the count."""
    if out is None or out == "-":
        return _write(records, sys.stdout)
    if hasattr(out, "write"):
        return _write(records, cast(IO[str], out))
    path = Path(out)
    tmp = path.with_name(path.name + ".part")
    with tmp.open("w", encoding="utf-8") as handle:
        count = _write(records, handle)
    tmp.replace(path)  # a failed run never leaves half a file under the real name
    return count


def _write(records: Iterable[dict], handle: IO[str]) -> int:
    count = 0
    for record in records:
        handle.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count
