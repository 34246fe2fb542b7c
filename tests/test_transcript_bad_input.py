"""Bad transcript files get a clear domain error naming the file, never a traceback."""

from __future__ import annotations

import os

import pytest

from coding.errors import InvalidTranscript, UnsupportedFormat
from coding.transcripts.read import read_transcript


@pytest.mark.parametrize(
    "name, content, error, message",
    [
        ("empty.txt", b"", InvalidTranscript, "empty.txt: the file is empty"),
        ("blank.txt", b"  \n\n \t\n", InvalidTranscript, "blank.txt: the file is empty"),
        (
            "png.txt",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
            InvalidTranscript,
            "png.txt: this looks like a binary file, not a text transcript",
        ),
        (
            "noise.md",
            bytes((i * 37 + 11) % 256 for i in range(3000)).replace(b"\x00", b"\x01"),
            InvalidTranscript,
            "noise.md: this looks like a binary file, not a text transcript",
        ),
        ("fake.docx", b"this is not a zip file", InvalidTranscript, "fake.docx: not a readable Word document (.docx)"),
        ("fake.odt", b"PK\x03\x04broken", InvalidTranscript, "fake.odt: not a readable OpenDocument text (.odt)"),
        ("fake.pdf", b"%PDF-1.4 garbage", InvalidTranscript, "fake.pdf: not a readable PDF"),
        (
            "bad.vtt",
            b"00:00:01.000 --> 00:00:02.000\nhello\n",
            InvalidTranscript,
            "bad.vtt, line 1: not a WebVTT file: it must start with 'WEBVTT'",
        ),
        ("nocues.srt", b"just some words\n", InvalidTranscript, "nocues.srt: no subtitle cues found in this .srt file"),
        (
            "old.doc",
            b"\xd0\xcf\x11\xe0",
            UnsupportedFormat,
            "old.doc: .doc is not a transcript format the workbench reads (save it as .docx in Word first); "
            "use one of .docx, .txt, .md, .vtt, .srt, .odt, .pdf",
        ),
        (
            "notes.xyz",
            b"I: hi",
            UnsupportedFormat,
            "notes.xyz: .xyz is not a transcript format the workbench reads; use one of .docx, .txt, .md, .vtt, .srt, .odt, .pdf",
        ),
    ],
)
def test_bad_input_table(tmp_path, name, content, error, message):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(error) as caught:
        read_transcript(path)
    assert str(caught.value) == message


def test_missing_file(tmp_path):
    with pytest.raises(InvalidTranscript, match="gone.txt: file not found"):
        read_transcript(tmp_path / "gone.txt")


def test_too_large(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: 101 MB on the size, nothing on the disk
        handle.truncate(101 * 1024 * 1024)
    assert os.path.getsize(path) > 100 * 1024 * 1024
    with pytest.raises(InvalidTranscript, match=r"huge.txt: the file is too large \(101 MB; the limit is 100 MB\)"):
        read_transcript(path)


def test_no_speaker_labels_gives_respondent_paragraphs_and_a_warning(tmp_path):
    path = tmp_path / "notes – interview #3 (Ann & Bob).txt"
    path.write_text(
        "We mostly get referrals from the Jobcentre.\nThey come late.\n\nHousing is the big barrier.\n", "utf-8"
    )
    t = read_transcript(path)
    assert [(turn.speaker, t.turn_text(turn)) for turn in t.turns] == [
        ("respondent", "We mostly get referrals from the Jobcentre. They come late."),
        ("respondent", "Housing is the big barrier."),
    ]
    assert [(s.key, s.role) for s in t.speakers] == [("respondent", "respondent")]
    assert t.warnings == ["No speaker labels found: each paragraph was imported as a respondent turn."]
    assert t.name == "notes – interview #3 (Ann & Bob).txt"
