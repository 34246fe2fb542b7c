"""Encodings from Windows tools and meeting apps: punctuation comes through intact."""

from __future__ import annotations

import codecs

import pytest

from coding.transcripts.read import read_transcript

TEXT = "Interviewer: What’s the “biggest” barrier – honestly?\nRespondent: Housing… and the £46 discharge grant.\n"
WORDS = ["What’s the “biggest” barrier – honestly?", "Housing… and the £46 discharge grant."]


@pytest.mark.parametrize(
    "encoded",
    [
        TEXT.encode("utf-8"),
        codecs.BOM_UTF8 + TEXT.encode("utf-8"),
        TEXT.encode("utf-16"),  # with BOM, as Notepad and Windows tools write it
        codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"),
        TEXT.encode("utf-16-le"),  # no BOM
        TEXT.replace("\n", "\r\n").encode("cp1252"),  # Word "Save as text", Windows line endings
    ],
    ids=["utf8", "utf8-bom", "utf16-bom", "utf16be-bom", "utf16le-nobom", "cp1252-crlf"],
)
def test_encodings_keep_punctuation(tmp_path, encoded):
    path = tmp_path / "t.txt"
    path.write_bytes(encoded)
    t = read_transcript(path)
    assert [t.turn_text(turn) for turn in t.turns] == WORDS
    assert t.text.startswith("Interviewer: What’s")


def test_utf16_vtt_from_windows(tmp_path):
    path = tmp_path / "t.vtt"
    path.write_bytes("WEBVTT\r\n\r\n00:00:01.000 --> 00:00:02.000\r\n<v Ann Lee>It’s fine.</v>\r\n".encode("utf-16"))
    t = read_transcript(path)
    assert [(turn.speaker, t.turn_text(turn)) for turn in t.turns] == [("ann_lee", "It’s fine.")]
