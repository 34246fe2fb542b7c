"""The Coverage page's counts read from the store equal the counts defined over every code
(``coding.team.coverage_counts``), and ``coding_version`` moves with every write to the codes.

The project: four interviews with the model's suggestions; three researchers who confirm,
reject, add, code a phrase, remove and undo, two of them double-coding one interview;
an interviewer's turn that holds a code. Both databases.
"""

from __future__ import annotations

import pytest

from coding.model import MODEL_CODER, Suggestion
from coding.service import queries
from coding.store import codes, projects, transcripts
from coding.team import coverage_counts as definition
from coding.team.agreement import agreement
from coding.ui import coverage_tables
from tests.ui_fixtures import MODEL, crosscutting, guide, long_interview


def _study(store) -> int:
    pid = projects.create_project(store, "Coverage counts")
    projects.save_frame(store, pid, crosscutting())
    projects.save_frame(store, pid, guide())
    tids = [long_interview(store, pid, 12, name=f"Interview {n}") for n in range(1, 5)]
    first, second, third, _ = (transcripts.load_segments(store, tid, codable_only=True) for tid in tids)
    decisions = [
        # Priya codes interviews 1 and 2; Sam double-codes interview 2; Ola codes a little of 3.
        *[(seg, "confirm", _top(store, seg.id), "Priya") for seg in first + second],
        *[(seg, "reject", "housing", "Priya") for seg in first[::3]],
        *[(seg, "add", "disclosure", "Priya") for seg in second[::4]],
        *[(seg, "confirm", _top(store, seg.id), "Sam") for seg in second[::2]],
        *[(seg, "add", "money", "Sam") for seg in second[1::3]],
        *[(seg, "reject", _top(store, seg.id), "Sam") for seg in second[1::2]],
        *[(seg, "confirm", _top(store, seg.id), "Ola") for seg in third[:4]],
        (third[5], "add", "sanctions", "Ola"),
        (first[1], "remove", _top(store, first[1].id), "Priya"),
    ]
    for seg, action, theme, coder in decisions:
        codes.decide(store, pid, seg.id, theme, action, coder)
    codes.decide(store, pid, third[6].id, "housing", "confirm", "Ola", span=(third[6].start, third[6].start + 12))
    codes.decide(store, pid, third[7].id, "referrals", "add", "Ola")
    codes.undo_last(store, pid, "Ola")  # the add on third[7] is undone
    interviewer = next(s for s in transcripts.load_segments(store, tids[3]) if not s.codable)
    codes.decide(store, pid, interviewer.id, "money", "add", "Ola")  # not codable: no cell, no progress
    return pid


def _top(store, segment_id: int) -> str:
    suggestions = [c for c in codes.codes_for_segments(store, [segment_id])[segment_id] if c.coder == MODEL_CODER]
    return max(suggestions, key=lambda c: c.score or 0).theme_id


def _by_definition(store, pid: int) -> definition.CoverageCounts:
    """The old page's way: every code of the project, and every codable segment's interview."""
    owner = {seg.stored_id: tid for tid, seg in queries.project_segments(store, pid)}
    totals = {t.id: t.segments for t in queries.list_transcripts(store, pid)}
    return definition.coverage_counts(queries.project_codes(store, pid), owner, totals)


@pytest.fixture
def study(fresh_store):
    return fresh_store, _study(fresh_store)


def test_counts_from_the_store_equal_the_definition(study):
    store, pid = study
    expected = _by_definition(store, pid)
    assert queries.coverage_counts(store, pid) == expected
    # the project exercises every kind of count
    assert {c.coders for c in expected.cells} == {1, 2}
    assert {p.coder for p in expected.progress} == {"Priya", "Sam", "Ola"}
    assert all(any(getattr(t, kind) for t in expected.tallies) for kind in ("confirmed", "rejected", "added"))


def test_a_cells_quotes_and_agreement_from_lean_reads_equal_those_from_every_code(study):
    store, pid = study
    every = queries.project_codes(store, pid)
    themes = [t.id for f in queries.load_frames(store, pid) for t, _ in f.walk()]
    assert agreement(queries.agreement_codes(store, pid), themes) == agreement(every, themes)
    assert agreement(every, themes).pairs() == [
        ("Ola", "model"),
        ("Priya", "Sam"),
        ("Priya", "model"),
        ("Sam", "model"),
    ]
    owner = {seg.stored_id: tid for tid, seg in queries.project_segments(store, pid)}
    for cell in queries.coverage_counts(store, pid).cells:
        segments = {s.stored_id: s for s in queries.load_segments(store, cell.transcript_id, codable_only=True)}
        text = queries.load_transcript(store, cell.transcript_id).text
        lean = queries.cell_codes(store, pid, cell.theme_id, cell.transcript_id)
        assert coverage_tables.quotes(
            lean, segments, text, cell.theme_id, cell.transcript_id, dict.fromkeys(segments, cell.transcript_id)
        ) == coverage_tables.quotes(every, segments, text, cell.theme_id, cell.transcript_id, owner)


def test_every_write_to_the_codes_moves_the_version(study):
    store, pid = study
    tid = queries.list_transcripts(store, pid)[3].id
    segment = transcripts.load_segments(store, tid, codable_only=True)[0]
    seen = [queries.coding_version(store, pid)]

    def moved() -> bool:
        seen.append(queries.coding_version(store, pid))
        return seen[-1] != seen[-2]

    assert not moved()  # reading changes nothing
    codes.decide(store, pid, segment.id, "money", "confirm", "Sam")
    assert moved()
    codes.decide(store, pid, segment.id, "money", "reject", "Sam")  # same row, another status
    assert moved()
    codes.undo_last(store, pid, "Sam")
    assert moved()
    # The model re-scores the segment whose suggestions were stored last: on SQLite the new rows
    # can take the deleted rows' ids, and the count stays the same; the newer stamp still shows.
    last = max(queries.project_codes(store, pid), key=lambda c: c.id or 0).segment_id
    codes.put_suggestions(store, pid, {last: [Suggestion("money", 0.9, "re-scored")]}, MODEL)
    assert moved()
    codes.put_suggestions(store, pid, {last: [Suggestion("money", 0.2, "re-scored")]}, MODEL)
    assert moved()
    codes.put_suggestions(store, pid, {last: []}, MODEL)  # only deleted
    assert moved()
    projects.save_frame(store, pid, crosscutting())  # a new frame version (here: the same themes)
    assert moved()
    assert len(set(seen)) == len(seen) - 1  # every write gave a version never seen before
