"""Build the question-aligner evaluation interviews (issue 19) from their canonical sources.

    .venv/bin/python scripts/make_align_eval.py          # write files, gold.jsonl, interviews.yaml
    .venv/bin/python scripts/make_align_eval.py --check  # also read every file back and compare

Each source in ``tests/data/align_eval/src/*.txt`` is one fictional interview: a
header of ``key: value`` lines, a ``---`` line, then one turn per line as
``Label: text``. Interviewer turns carry their answer key in braces after the
label: ``INT {prisoner_a_q1 paraphrased}: So how old are you now?``, ``I {backchannel}: Mm-hm.``
(no question), ``Sarah {prisoner_d_q2 stacked +prisoner_d_q3}: ...`` (a second
question in the same turn). A turn without braces is the respondent's.

From them this script writes the interview in its target format (.txt, timestamped
.txt, Teams .vtt, .srt, .docx), one gold line per interviewer turn in
``gold.jsonl`` (turn = index among all turns in file order) and
``interviews.yaml``. Verbatim turns are checked against the guide wording, and
every question id against the guide, so a typo in an answer key fails loudly.
"""

from __future__ import annotations

import argparse
import io
import json
import re
import sys
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coding.frames.load import load_frames  # noqa: E402
from coding.frames.yaml_io import frame_to_dict  # noqa: E402

EVAL_DIR = ROOT / "tests" / "data" / "align_eval"
SRC_DIR = EVAL_DIR / "src"
GUIDE_DIR = ROOT / "topic_guides"
NOTICE = "FICTIONAL EVALUATION INTERVIEW - written for this project; no real person"
KINDS = {
    "verbatim",
    "paraphrased",
    "acknowledged",
    "stacked",
    "refer_back",
    "follow_up",
    "backchannel",
    "off_guide",
    "repeat",
}
NO_QUESTION_KINDS = {"backchannel", "off_guide"}
_ROUTING_RE = re.compile(r"^\s*(\([^)]*\)|\[[^\]]*\])\s*")
_TURN_RE = re.compile(r"^(?P<label>[^:{]+?)\s*(?:\{(?P<key>[^}]*)\})?:\s(?P<text>.+)$")


@dataclass
class SourceTurn:
    label: str
    text: str
    interviewer: bool
    question_id: str | None = None
    kind: str | None = None
    also: list[str] = field(default_factory=list)


@dataclass
class Interview:
    stem: str
    header: dict[str, str]
    turns: list[SourceTurn]

    @property
    def file(self) -> str:
        return self.header["file"]


def guide_questions(guide_id: str) -> tuple[dict[str, str], list[str]]:
    """Question id -> wording, and the key question ids, in guide order."""
    frame = frame_to_dict(load_frames(GUIDE_DIR / f"{guide_id}.md")[0])
    questions: dict[str, str] = {}
    keys: list[str] = []

    def walk(node: dict) -> None:
        for child in node.get("children") or node.get("themes") or []:
            if child.get("kind") == "question":
                questions[child["id"]] = child["label"]
                if child.get("key"):
                    keys.append(child["id"])
            walk(child)

    walk(frame)
    return questions, keys


def parse_source(path: Path) -> Interview:
    head, body = path.read_text(encoding="utf-8").split("\n---\n", 1)
    header = {}
    for line in head.splitlines():
        if line.strip() and not line.startswith("#"):
            name, value = line.split(":", 1)
            header[name.strip()] = value.strip()
    turns = []
    for number, line in enumerate(body.splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        match = _TURN_RE.match(line)
        if not match:
            raise SystemExit(f"{path.name}: body line {number}: not 'Label: text': {line[:60]}")
        turn = SourceTurn(match["label"].strip(), match["text"].strip(), match["key"] is not None)
        if match["key"] is not None:
            parts = match["key"].split()
            if parts[0] in NO_QUESTION_KINDS:
                turn.kind = parts[0]
            else:
                turn.question_id, turn.kind = parts[0], parts[1]
                turn.also = [p[1:] for p in parts[2:] if p.startswith("+")]
            if turn.kind not in KINDS:
                raise SystemExit(f"{path.name}: body line {number}: unknown kind {turn.kind}")
        turns.append(turn)
    return Interview(path.stem, header, turns)


def validate_keys(interview: Interview) -> None:
    questions, _ = guide_questions(interview.header["guide"])
    norm = lambda s: re.sub(r"\s+", " ", s).strip()  # noqa: E731
    for index, turn in enumerate(interview.turns):
        for qid in filter(None, [turn.question_id, *turn.also]):
            if qid not in questions:
                raise SystemExit(f"{interview.stem}: turn {index}: {qid} is not in the guide")
        # A routing note in front of a question ("(If not already covered)", "[For EBAs/VCS]")
        # is for the interviewer, not read out.
        wording = _ROUTING_RE.sub("", questions.get(turn.question_id) or "")
        if turn.kind == "verbatim" and norm(wording) not in norm(turn.text):
            raise SystemExit(f"{interview.stem}: turn {index}: not the guide's words for {turn.question_id}")
        if turn.kind == "stacked" and not turn.also:
            raise SystemExit(f"{interview.stem}: turn {index}: stacked turn without +second question")
    for previous, turn in zip(interview.turns, interview.turns[1:]):
        if previous.interviewer == turn.interviewer:
            raise SystemExit(f"{interview.stem}: two turns in a row by one side: {turn.text[:40]!r}")


# --- writers -----------------------------------------------------------------------------


def _seconds_per(text: str) -> float:
    return max(1.5, len(text.split()) / 2.6)


def _clock(seconds: float, sep: str = ".") -> str:
    ms = int(round(seconds * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def _chunks(text: str, size: int = 14) -> list[str]:
    words = text.split()
    return [" ".join(words[i : i + size]) for i in range(0, len(words), size)]


def write_txt(interview: Interview, path: Path) -> None:
    lines = [NOTICE, ""]
    for turn in interview.turns:
        lines += [f"{turn.label}: {turn.text}", ""]
    path.write_text("\n".join(lines), encoding="utf-8")


def write_timestamped(interview: Interview, path: Path) -> None:
    lines = [NOTICE, ""]
    clock = 3.0
    for turn in interview.turns:
        stamp = _clock(clock)[:8]
        lines += [f"[{stamp}] {turn.label}: {turn.text}", ""]
        clock += _seconds_per(turn.text) + 0.8
    path.write_text("\n".join(lines), encoding="utf-8")


def write_vtt(interview: Interview, path: Path) -> None:
    """Teams style: a cue per line of speech, ``<v Name>`` voice tags, GUID-like cue ids."""
    lines = ["WEBVTT", "", "NOTE", NOTICE, ""]
    clock = 2.0
    for number, turn in enumerate(interview.turns, start=1):
        for part, chunk in enumerate(_chunks(turn.text)):
            length = _seconds_per(chunk)
            lines += [
                f"a19e{interview.stem[:4]}-eval/{number}-{part}",
                f"{_clock(clock)} --> {_clock(clock + length)}",
                f"<v {turn.label}>{chunk}</v>",
                "",
            ]
            clock += length
        clock += 0.6
    path.write_text("\n".join(lines), encoding="utf-8")


def write_srt(interview: Interview, path: Path) -> None:
    """Zoom-like .srt: ``Name: text`` on a turn's first cue, its later cues unlabelled."""
    lines: list[str] = []
    clock, cue = 2.0, 1
    lines += ["0", f"{_clock(0, ',')} --> {_clock(1.5, ',')}", NOTICE, ""]
    for turn in interview.turns:
        for part, chunk in enumerate(_chunks(turn.text, 12)):
            length = _seconds_per(chunk)
            text = f"{turn.label}: {chunk}" if part == 0 else chunk
            lines += [str(cue), f"{_clock(clock, ',')} --> {_clock(clock + length, ',')}", text, ""]
            clock += length
            cue += 1
        clock += 0.5
    path.write_text("\n".join(lines), encoding="utf-8")


def write_docx(interview: Interview, path: Path) -> None:
    """Transcriber style: a heading, then one paragraph per turn with a bold label."""
    import docx

    document = docx.Document()
    document.core_properties.author = "align_eval"
    document.core_properties.created = __import__("datetime").datetime(2026, 12, 1)
    document.add_heading(interview.header.get("title", interview.stem), level=1)
    document.add_paragraph(NOTICE)
    for turn in interview.turns:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{turn.label}:").bold = True
        paragraph.add_run(f" {turn.text}")
    document.core_properties.modified = document.core_properties.created
    buffer = io.BytesIO()
    document.save(buffer)
    _fix_zip_dates(buffer.getvalue(), path)


def _fix_zip_dates(raw: bytes, path: Path) -> None:
    """Rewrite the package with a fixed date on every member, so regenerating changes no byte."""
    with zipfile.ZipFile(io.BytesIO(raw)) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=(2026, 12, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            out.writestr(info, source.read(member.filename))


WRITERS = {
    "txt": write_txt,
    "timestamped": write_timestamped,
    "vtt": write_vtt,
    "srt": write_srt,
    "docx": write_docx,
}


# --- gold and index ----------------------------------------------------------------------


def gold_lines(interview: Interview) -> list[dict]:
    rows = []
    for index, turn in enumerate(interview.turns):
        if not turn.interviewer:
            continue
        row = {
            "interview": interview.file,
            "turn": index,
            "speaker_text_start": turn.text[:40],
            "guide": interview.header["guide"],
            "question_id": turn.question_id,
            "kind": turn.kind,
        }
        if turn.also:
            row["also"] = turn.also
        rows.append(row)
    return rows


def index_entry(interview: Interview) -> dict:
    questions, keys = guide_questions(interview.header["guide"])
    asked = []
    for turn in interview.turns:
        for qid in filter(None, [turn.question_id, *turn.also]):
            if qid not in asked:
                asked.append(qid)
    skipped = [q for q in questions if q not in asked]
    return {
        "file": interview.file,
        "guide": interview.header["guide"],
        "style": interview.header["style"],
        "format": interview.header["format"],
        "respondent": interview.header.get("respondent", ""),
        "turns": len(interview.turns),
        "interviewer_turns": sum(t.interviewer for t in interview.turns),
        "key_questions": keys,
        "key_questions_skipped": [q for q in keys if q not in asked],
        "questions_asked": sorted(asked, key=list(questions).index),
        "questions_skipped": skipped,
    }


def check_read_back(interview: Interview, path: Path) -> list[str]:
    """Compare the reader's turns with the source: count, order and each turn's opening."""
    from coding.transcripts.read import read_transcript

    transcript = read_transcript(str(path))
    problems = []
    if len(transcript.turns) != len(interview.turns):
        problems.append(f"{path.name}: reader found {len(transcript.turns)} turns, source has {len(interview.turns)}")
    for index, (turn, source) in enumerate(zip(transcript.turns, interview.turns)):
        said = " ".join(transcript.text[turn.start : turn.end].split())
        if not said.startswith(" ".join(source.text.split())[:40]):
            problems.append(f"{path.name}: turn {index}: reader has {said[:40]!r}, source {source.text[:40]!r}")
            break
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="read every written file back")
    args = parser.parse_args(argv)
    interviews = [parse_source(p) for p in sorted(SRC_DIR.glob("*.txt"))]
    gold, index, problems = [], [], []
    for interview in interviews:
        validate_keys(interview)
        target = EVAL_DIR / interview.file
        WRITERS[interview.header["format"]](interview, target)
        gold += gold_lines(interview)
        index.append(index_entry(interview))
        if args.check:
            problems += check_read_back(interview, target)
    with (EVAL_DIR / "gold.jsonl").open("w", encoding="utf-8") as out:
        for row in gold:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    header = "# Written by scripts/make_align_eval.py from src/; do not edit by hand.\n"
    (EVAL_DIR / "interviews.yaml").write_text(
        header + yaml.safe_dump({"interviews": index}, sort_keys=False, allow_unicode=True, width=100),
        encoding="utf-8",
    )
    for problem in problems:
        print(problem)
    print(f"{len(interviews)} interviews, {len(gold)} interviewer turns")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
