"""Speaker normalisation, inferred roles (pairs, groups) and the researcher's correction."""

from __future__ import annotations

import pytest

from coding.errors import NotFound
from coding.transcripts.read import read_transcript
from coding.transcripts.speakers import label_key, resolve_speakers, role_of_label, set_role


@pytest.mark.parametrize(
    "label, key, role",
    [
        ("Interviewer:", "interviewer", "interviewer"),
        ("I", "interviewer", "interviewer"),
        ("Int.", "interviewer", "interviewer"),
        ("Q", "interviewer", "interviewer"),
        ("R", "respondent", "respondent"),
        ("A", "respondent", "respondent"),
        ("Interviewee", "respondent", "respondent"),
        ("R2", "respondent_2", "respondent"),
        ("Respondent 1", "respondent_1", "respondent"),
        ("JANE SMITH:", "jane_smith", None),
        ("**Jane Smith**", "jane_smith", None),
        ("Jane Smith (JS)", "jane_smith", None),
    ],
)
def test_label_key_and_role_words(label, key, role):
    assert (label_key(label), role_of_label(label)) == (key, role)


def test_one_person_written_several_ways_is_one_speaker():
    speakers, mapping = resolve_speakers(["Helen Carter", "Jane Smith", "JANE SMITH:", "Jane", "JS", "J.S.", "HC"])
    assert [(s.key, s.label, s.aliases) for s in speakers] == [
        ("helen_carter", "Helen Carter", ["HC"]),
        ("jane_smith", "Jane Smith", ["JANE SMITH", "Jane", "JS", "J.S."]),
    ]
    assert mapping == {
        "Helen Carter": "helen_carter",
        "Jane Smith": "jane_smith",
        "JANE SMITH:": "jane_smith",
        "Jane": "jane_smith",
        "JS": "jane_smith",
        "J.S.": "jane_smith",
        "HC": "helen_carter",
    }


def test_ambiguous_first_name_stays_separate():
    speakers, _ = resolve_speakers(["Jane Smith", "Jane Brown", "Jane"])
    assert [s.key for s in speakers] == ["jane_smith", "jane_brown", "jane"]


PAIRED = """Helen Carter: Thanks both. Could you each tell me about your role in the pilot?
Dave Hughes: I manage the local office, so referrals and the advisers.
Rita Khan: And I'm the offender specialist adviser, I carry about forty cases.
Helen Carter: How do referrals reach you from the prison?
Dave Hughes: Electronically from the Jobcentre, usually late.
Rita Khan: Sometimes after they've already been released, which is the problem.
Helen Carter: What happens when someone doesn't turn up?
Rita Khan: We phone, text, write, and try a home visit.
Dave Hughes: Sanctions are the last resort.
"""


def test_paired_interview_has_one_interviewer_and_two_respondents(tmp_path):
    path = tmp_path / "pair.txt"
    path.write_text(PAIRED, "utf-8")
    t = read_transcript(path)
    assert [(s.key, s.role) for s in t.speakers] == [
        ("helen_carter", "interviewer"),
        ("dave_hughes", "respondent"),
        ("rita_khan", "respondent"),
    ]
    assert len(t.turns) == 9


def test_small_group_with_two_interviewers(tmp_path):
    text = (
        "Anna: Welcome everyone. What support did you get before release?\n"
        "Kyle: Not much, one meeting with the EBA.\n"
        "Tom: Same for me.\n"
        "Mo: I got my claim done, that was it.\n"
        "Priya: And did anyone meet you at the gate?\n"
        "Kyle: No.\n"
        "Anna: What would have helped most?\n"
        "Mo: Housing, definitely.\n"
        "Tom: Somewhere to live and a job.\n"
        "Priya: Was the Work Programme explained to you?\n"
        "Kyle: Sort of, a sheet of paper.\n"
    )
    path = tmp_path / "group.txt"
    path.write_text(text, "utf-8")
    t = read_transcript(path)
    assert {s.key: s.role for s in t.speakers} == {
        "anna": "interviewer",
        "priya": "interviewer",
        "kyle": "respondent",
        "tom": "respondent",
        "mo": "respondent",
    }


def test_header_names_the_interviewer(tmp_path):
    # The respondent here asks more questions than the interviewer; the header decides.
    path = tmp_path / "h.txt"
    path.write_text(
        "Interviewer: Sam Green\n\nSam Green: Tell me about the handover.\n"
        "Lee Ward: What do you mean, at the gate? Or before? Shall I start with the EBA?\n"
        "Sam Green: Start with the EBA.\nLee Ward: Right. Do you know what an EBA does?\n",
        "utf-8",
    )
    t = read_transcript(path)
    assert {s.key: s.role for s in t.speakers} == {"sam_green": "interviewer", "lee_ward": "respondent"}


def test_set_role_corrects_without_touching_text_or_turns(tmp_path):
    path = tmp_path / "pair.txt"
    path.write_text(PAIRED, "utf-8")
    t = read_transcript(path)
    fixed = set_role(t, "rita_khan", "interviewer")
    assert {s.key: s.role for s in fixed.speakers} == {
        "helen_carter": "interviewer",
        "dave_hughes": "respondent",
        "rita_khan": "interviewer",
    }
    assert (fixed.text, fixed.turns) == (t.text, t.turns)
    assert t.speaker("rita_khan").role == "respondent"  # the original value is unchanged
    with pytest.raises(NotFound, match="No speaker 'nobody' in pair.txt"):
        set_role(t, "nobody", "respondent")
    with pytest.raises(ValueError):
        set_role(t, "rita_khan", "observer")
