"""A researcher gives an answer another guide question: stored with who and when, coverage at once, codes kept."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding import service
from coding.errors import NotFound
from coding.store import codes, projects, transcripts

ROOT = Path(__file__).resolve().parents[1]

INTERVIEW = """Interviewer: How old are you?
Respondent: Twenty-six, twenty-seven in March, and I've been in here four months this time.
Interviewer: Right. So how did you end up in here, what's the sentence for?
Respondent: Shoplifting, a run of it. Eight months, out in four if I keep my head down.
Interviewer: And what accommodation have you got arranged for your release?
Respondent: My mum's, same as before, she's said I can stop there as long as I keep out of bother.
"""


@pytest.fixture
def interview(fresh_store, tmp_path):
    store = fresh_store
    project_id = projects.create_project(store, "Prisoners")
    service.import_guide(store, project_id, ROOT / "topic_guides" / "prisoner.md")
    path = tmp_path / "leaver.txt"
    path.write_text(INTERVIEW, "utf-8")
    report = service.import_transcripts(store, project_id, [path], None, guide_key="prisoner")
    assert report.failed == []
    transcript_id = report.imported[0][1]
    answers = [s for s in transcripts.load_segments(store, transcript_id) if s.role == "respondent"]
    return store, project_id, transcript_id, answers


def test_the_aligner_s_confidence_is_stored_with_each_answer(interview):
    store, _, transcript_id, answers = interview
    stored = transcripts.answer_questions(store, transcript_id)
    assert sorted(stored) == sorted(a.id for a in answers if a.question_id)
    assert all(0 < r.confidence <= 1 and r.set_by is None and r.set_at is None for r in stored.values())


def test_setting_an_answer_s_question_keeps_its_codes_and_updates_coverage(interview):
    store, project_id, transcript_id, answers = interview
    sentence = answers[1]
    assert sentence.question_id == "prisoner_b_q1"  # "Can you tell me about your current sentence?"
    service.add_crosscutting_frame(store, project_id)
    service.decide(store, project_id, sentence.id, "sanctions", "add", "amira")
    coded = codes.codes_for_segments(store, [sentence.id])
    before = transcripts.get_transcript_info(store, transcript_id).coverage
    assert "prisoner_b_q1" in before["questions_asked"]

    service.set_answer_question(store, project_id, sentence.id, "prisoner_b_q2", "amira")

    assert transcripts.get_segment(store, sentence.id).question_id == "prisoner_b_q2"
    record = transcripts.answer_questions(store, transcript_id)[sentence.id]
    assert (record.confidence, record.set_by, record.set_at is not None) == (None, "amira", True)
    after = transcripts.get_transcript_info(store, transcript_id).coverage
    assert "prisoner_b_q1" not in after["questions_asked"] and "prisoner_b_q2" in after["questions_asked"]
    assert after["answer_words"]["prisoner_b_q2"] == len(sentence.text.split())
    assert codes.codes_for_segments(store, [sentence.id]) == coded


def test_an_answer_can_be_tied_to_no_question_but_not_to_another_guide_s(interview):
    store, project_id, transcript_id, answers = interview
    service.set_answer_question(store, project_id, answers[0].id, None, "ben")
    assert transcripts.get_segment(store, answers[0].id).question_id is None
    assert "prisoner_a_q1" not in transcripts.get_transcript_info(store, transcript_id).coverage["questions_asked"]
    with pytest.raises(NotFound):
        service.set_answer_question(store, project_id, answers[0].id, "stakeholder_a_q1", "ben")


def test_a_researchers_choice_of_question_outlives_a_role_correction(interview):
    store, project_id, transcript_id, answers = interview
    sentence = answers[1]
    service.set_answer_question(store, project_id, sentence.id, "prisoner_b_q2", "amira")
    # A correction that re-segments the interview (here: the respondent's role stated again).
    service.correct_speaker_role(store, project_id, transcript_id, answers[0].speaker, "respondent")
    after = [s for s in transcripts.load_segments(store, transcript_id) if s.role == "respondent"]
    same = next(s for s in after if s.start == sentence.start)
    assert same.question_id == "prisoner_b_q2"
    record = transcripts.answer_questions(store, transcript_id)[same.id]
    assert (record.set_by, record.confidence) == ("amira", None)
