"""Imports are all-or-nothing, duplicates are refused, offsets and embeddings round-trip."""

from __future__ import annotations

import numpy as np
import pytest
from sqlalchemy import func, select

from coding.errors import DuplicateImport
from coding.model import Segment
from coding.store import codes, projects, tables, transcripts
from tests.store_factory import interview, small_project


def _count(store, table) -> int:
    with store.read() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def test_stored_transcript_round_trips_with_exact_offsets(fresh_store):
    project_id = projects.create_project(fresh_store, "P")
    transcript, segments = interview()
    transcript_id = transcripts.save_transcript(fresh_store, project_id, transcript, segments)
    loaded = transcripts.load_transcript(fresh_store, transcript_id)
    assert loaded.text == transcript.text
    assert loaded.turns == transcript.turns
    assert loaded.speakers == transcript.speakers
    stored = transcripts.load_segments(fresh_store, transcript_id, codable_only=True)
    assert [loaded.text[s.start : s.end] for s in stored] == [s.text for s in segments if s.codable]
    assert transcripts.list_transcripts(fresh_store, project_id)[0].segments == 3


def test_duplicate_content_is_refused(fresh_store):
    project_id = projects.create_project(fresh_store, "P")
    transcript, segments = interview()
    transcripts.save_transcript(fresh_store, project_id, transcript, segments, source_file="ivw.docx")
    with pytest.raises(DuplicateImport, match="already imported as 'Prisoner interview 1'"):
        transcripts.save_transcript(fresh_store, project_id, transcript, segments, source_file="copy.docx")
    assert _count(fresh_store, tables.transcripts) == 1


def test_a_failing_import_leaves_nothing_behind(fresh_store):
    project_id = projects.create_project(fresh_store, "P")
    transcript, segments = interview()
    broken = segments + [Segment(0, 0, 5, None, "r")]  # text NOT NULL: the insert fails part-way
    with pytest.raises(Exception):
        transcripts.save_transcript(fresh_store, project_id, transcript, broken)
    assert [_count(fresh_store, t) for t in (tables.transcripts, tables.speakers, tables.turns, tables.segments)] == [
        0,
        0,
        0,
        0,
    ]


def test_embeddings_are_stored_with_their_model(fresh_store):
    project_id, _, segments = small_project(fresh_store)
    vectors = {s.id: np.full(4, i, dtype=np.float32) for i, s in enumerate(segments)}
    transcripts.store_embeddings(fresh_store, vectors, "all-MiniLM-L6-v2")
    loaded = transcripts.load_embeddings(fresh_store, project_id, "all-MiniLM-L6-v2")
    assert {k: v.tolist() for k, v in loaded.items()} == {k: v.tolist() for k, v in vectors.items()}
    assert transcripts.load_embeddings(fresh_store, project_id, "another-model") == {}


def test_resegmenting_keeps_confirmed_codes(fresh_store):
    project_id, transcript_id, segments = small_project(fresh_store)
    codes.decide(fresh_store, project_id, segments[1].id, "sanctions", "confirm", "amira")
    transcript = transcripts.load_transcript(fresh_store, transcript_id)
    # The researcher splits the second answer in two sentences: codes follow the larger overlap.
    answer = segments[1]
    cut = answer.text.index(" I was") + 1
    new_segments = [s for s in transcripts.load_segments(fresh_store, transcript_id) if s.id != answer.id]
    new_segments += [
        Segment(answer.turn_index, answer.start, answer.start + cut - 1, answer.text[: cut - 1], "r"),
        Segment(answer.turn_index, answer.start + cut, answer.end, answer.text[cut:], "r"),
    ]
    new_segments.sort(key=lambda s: s.start)
    transcripts.replace_segments(fresh_store, transcript_id, transcript, new_segments, None)
    after = transcripts.load_segments(fresh_store, transcript_id, codable_only=True)
    confirmed = [
        (s.text, c.theme_id, c.coder)
        for s in after
        for c in codes.codes_for_segments(fresh_store, [s.id])[s.id]
        if c.status == "confirmed"
    ]
    assert confirmed == [
        ("They sanctioned me for four weeks.", "sanctions", "amira"),
        ("I was in a hostel with no money, so it made everything worse.", "sanctions", "amira"),
    ]
