"""The Code page flags an answer whose guide question the aligner was unsure of; one choice corrects it."""

from __future__ import annotations

from coding.store import codes as store_codes
from coding.store import transcripts as store_transcripts
from tests.ui_fixtures import open_page, store, ui_project, ui_template  # noqa: F401


def test_an_unsure_answer_is_flagged_and_its_question_changed_in_one_step(ui_project, store):
    tid = ui_project.transcript_ids[0]
    first, second = store_transcripts.load_segments(store, tid, codable_only=True)[:2]
    store_transcripts.save_answer_confidences(store, {first.id: 0.41, second.id: 0.97})
    codes_before = store_codes.codes_for_segments(store, [first.id])[first.id]

    at = open_page(ui_project.url, "code")
    captions = [c.value for c in at.caption]
    assert sum("The guide question is unsure (41%)" in c for c in captions) == 1
    picker = at.selectbox(key=f"question_{first.id}")
    assert picker.value == first.question_id == "a1_day"

    picker.select("a2_money").run()
    assert not at.exception, at.exception
    assert store_transcripts.get_segment(store, first.id).question_id == "a2_money"
    record = store_transcripts.answer_question(store, first.id)
    assert (record.set_by, record.confidence) == ("Alex", None)
    assert store_codes.codes_for_segments(store, [first.id])[first.id] == codes_before
    assert not any("The guide question is unsure" in c.value for c in at.caption)  # checked now


def test_the_coverage_page_says_how_many_alignments_are_unsure(ui_project, store):
    tid = ui_project.transcript_ids[0]
    segments = store_transcripts.load_segments(store, tid, codable_only=True)
    store_transcripts.save_answer_confidences(store, {segments[0].id: 0.3, segments[1].id: 0.5, segments[2].id: 0.9})
    at = open_page(ui_project.url, "coverage")
    assert any(c.value.startswith("2 answers are tied to their guide question with low confidence") for c in at.caption)
