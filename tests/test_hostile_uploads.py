"""Uploads that could take the shared server down end with a clear message or a successful import,
and the process that handles each stays under 1.5 GB.

Each case runs in a fresh Python process (so its peak resident memory is its own, not the test
runner's) that reads the file the way the workbench does and prints the outcome and its peak.
Also here: ``coding.safe_archive``'s limits on small archives, and spaCy reading long text in
bounded pieces.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

from coding.errors import InputError, InvalidTranscript
from coding.safe_archive import ArchiveLimits, SafeArchive

ROOT = Path(__file__).resolve().parents[1]
PEAK_LIMIT_MB = 1536
MB = 1024 * 1024


def run_isolated(code: str) -> tuple[dict, float]:
    """Run ``code`` (which sets ``outcome``, a dict) in a new interpreter: (outcome, peak MB)."""
    script = textwrap.dedent(code) + textwrap.dedent("""
        import json, resource
        print(json.dumps({"outcome": outcome, "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
    """)
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=600
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    print(f"peak memory {result['peak_mb']:.0f} MB")  # shown with -s: the number the limit is checked on
    return result["outcome"], result["peak_mb"]


IMPORT = """
    from pathlib import Path
    from coding import service
    from coding.store.db import open_store
    from coding.suggest.encoder import HashingEncoder

    store = open_store("sqlite:///{db}")
    project_id = service.open_or_create_project(store, "Hostile uploads")
    report = service.import_transcripts(store, project_id, [Path({path!r})], HashingEncoder())
    outcome = {{"imported": [name for name, _ in report.imported], "failed": report.failed}}
"""

READ_QDPX = """
    from coding.errors import InputError
    from coding.refi_qda.project_read import read_qdpx
    try:
        snapshot = read_qdpx({path!r})
        outcome = {{"cases": len(snapshot.cases)}}
    except InputError as exc:
        outcome = {{"error": str(exc)}}
"""


def test_a_200_mb_upload_is_refused_by_its_size_before_it_is_read(tmp_path):
    path = tmp_path / "whole_study.txt"
    with open(path, "wb") as handle:
        handle.truncate(200 * MB)  # sparse: 200 MB on paper, nothing on disk
    outcome, peak = run_isolated(IMPORT.format(db=tmp_path / "p.sqlite", path=str(path)))
    assert outcome == {
        "imported": [],
        "failed": [["whole_study.txt", "whole_study.txt: the file is too large (200 MB; the limit is 100 MB)"]],
    }
    assert peak < PEAK_LIMIT_MB


def _bomb_docx(path: Path, xml_mb: int) -> None:
    """A .docx whose document.xml is ``xml_mb`` MB of one repeated paragraph (compresses ~1000:1)."""
    paragraph = b"<w:p><w:r><w:t>Yes. Yes. Yes. Yes.</w:t></w:r></w:p>" * 1000
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w") as member:
            member.write(b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
            for _ in range(xml_mb * MB // len(paragraph)):
                member.write(paragraph)
            member.write(b"</w:body></w:document>")


@pytest.mark.slow
def test_a_zip_bomb_docx_is_refused_before_python_docx_opens_it(tmp_path):
    path = tmp_path / "bomb.docx"
    _bomb_docx(path, 300)
    assert path.stat().st_size < 2 * MB
    outcome, peak = run_isolated(IMPORT.format(db=tmp_path / "p.sqlite", path=str(path)))
    assert outcome["imported"] == []
    [(name, message)] = outcome["failed"]
    assert name == "bomb.docx"
    assert message == (
        "bomb.docx: word/document.xml is compressed 344 to 1 (894 KB expanding to 300 MB), "
        "which only a zip bomb does; the file was not opened"
    )
    assert peak < PEAK_LIMIT_MB


def test_a_small_docx_holding_12_mb_of_xml_is_refused_by_its_compression_ratio(tmp_path):
    path = tmp_path / "padded.docx"
    _bomb_docx(path, 12)
    with pytest.raises(InvalidTranscript) as error:
        from coding.transcripts.read import read_transcript

        read_transcript(path)
    assert str(error.value) == (
        "padded.docx: word/document.xml is compressed 342 to 1 (36 KB expanding to 12 MB), "
        "which only a zip bomb does; the file was not opened"
    )


def test_a_zip_bomb_case_attributes_workbook_is_refused(tmp_path):
    from coding.transcripts.attributes import read_case_attributes

    path = tmp_path / "cases.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/worksheets/sheet1.xml", b" " * (20 * MB))
    with pytest.raises(InputError) as error:
        read_case_attributes(path)
    assert str(error.value).startswith("cases.xlsx: xl/worksheets/sheet1.xml is compressed ")
    assert str(error.value).endswith("which only a zip bomb does; the file was not opened")


def _many_reference_qdpx(path: Path, references: int, member_mb: int) -> None:
    """A schema-valid .qdpx whose ``references`` text sources all point at one member of random words."""
    rng = random.Random(15)
    words = ["employer", "probation", "housing", "benefit", "licence", "mentor", "job", "wages", "hostel"]
    text = " ".join(rng.choice(words) for _ in range(member_mb * MB // 7))[: member_mb * MB]
    sources = "".join(
        f'<TextSource guid="00000000-0000-0000-0000-{n:012d}" name="Interview {n}" plainTextPath="internal://one.txt"/>'
        for n in range(references)
    )
    qde = f'<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="Shared"><Sources>{sources}</Sources></Project>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", qde)
        archive.writestr("sources/one.txt", text)


def test_a_qdpx_whose_sources_all_point_at_one_member_is_refused(tmp_path):
    path = tmp_path / "shared.qdpx"
    _many_reference_qdpx(path, references=300, member_mb=1)
    assert path.stat().st_size < 2 * MB
    outcome, peak = run_isolated(READ_QDPX.format(path=str(path)))
    assert outcome == {
        "error": "shared.qdpx: the archive's contents are referred to more than 256 MB over in total "
        "(at sources/one.txt); a file that points at the same content again and again is refused"
    }
    assert peak < PEAK_LIMIT_MB


def test_a_qdpx_with_a_few_references_to_one_member_is_read(tmp_path):
    path = tmp_path / "shared.qdpx"
    _many_reference_qdpx(path, references=3, member_mb=1)
    outcome, peak = run_isolated(READ_QDPX.format(path=str(path)))
    assert outcome == {"cases": 3}
    assert peak < PEAK_LIMIT_MB


@pytest.mark.slow
def test_a_5_million_character_transcript_imports(tmp_path):
    path = tmp_path / "marathon.txt"
    rng = random.Random(5)
    answers = [
        "I got the job through the mentor and it has kept me out of trouble since.",
        "Housing was the hard part, the hostel would not take me on licence.",
        "My probation officer helped with the benefit forms but it took weeks.",
    ]
    with open(path, "w", encoding="utf-8") as handle:
        written = 0
        while written < 5_000_000:
            turn = f"I: Can you tell me more about that?\n\nR: {' '.join(rng.choices(answers, k=6))}\n\n"
            handle.write(turn)
            written += len(turn)
    outcome, peak = run_isolated(IMPORT.format(db=tmp_path / "p.sqlite", path=str(path)))
    assert outcome == {"imported": ["marathon"], "failed": []}
    assert peak < PEAK_LIMIT_MB


# ----- the limits themselves, on small archives -----


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


@pytest.mark.parametrize(
    "limits, members, message",
    [
        (
            ArchiveLimits(max_members=3),
            {f"m{n}.txt": b"x" for n in range(4)},
            "many.zip: the archive holds 4 files; the limit is 3",
        ),
        (
            ArchiveLimits(max_total=2 * MB),
            {"a.txt": os.urandom(MB), "b.txt": os.urandom(MB), "c.txt": b"!"},
            "many.zip: the archive would expand to 2 MB; the limit is 2 MB",
        ),
        (
            ArchiveLimits(max_member=MB // 2),
            {"a.txt": os.urandom(MB)},
            "many.zip: a.txt would expand to 1 MB; the limit is 512 KB",
        ),
        (
            ArchiveLimits(),
            {"zeros.txt": bytes(8 * MB)},
            "many.zip: zeros.txt is compressed 1,028 to 1 (8 KB expanding to 8 MB), which only a zip bomb does; "
            "the file was not opened",
        ),
    ],
)
def test_archive_limits_are_checked_on_open(tmp_path, limits, members, message):
    path = _zip(tmp_path / "many.zip", members)
    with pytest.raises(InputError) as error:
        SafeArchive.open(path, InputError, limits)
    assert str(error.value) == message


def test_each_member_is_decompressed_once_and_every_read_counts(tmp_path):
    path = _zip(tmp_path / "two.zip", {"a.txt": b"a" * 1000, "b.txt": b"b" * 10})
    with SafeArchive.open(path, InputError, ArchiveLimits(max_referenced=2500)) as archive:
        first, second = archive.read("a.txt"), archive.read("a.txt")
        assert first is second and archive.referenced == 2000
        with pytest.raises(InputError, match="referred to more than 2 KB over in total"):
            archive.read("a.txt")


# ----- spaCy reads long text in pieces -----


@pytest.mark.model
def test_one_huge_turn_is_segmented_in_bounded_pieces_with_flat_memory(tmp_path):
    outcome, peak = run_isolated("""
        from coding.model import Segment
        from coding.transcripts.segment import spacy_sentences
        sentence = "The mentor found me a job at the warehouse and I have kept it since. "
        text = sentence * 9_000  # 621,000 characters, one turn: a transcript without labels or paragraphs
        spans = spacy_sentences([text])[0]
        covered = all(text[a:b].strip() for a, b in spans) and spans[-1][1] <= len(text)
        outcome = {"characters": len(text), "sentences": len(spans), "covered": covered}
    """)
    assert outcome == {"characters": 621_000, "sentences": 9_000, "covered": True}
    assert peak < PEAK_LIMIT_MB
