"""An interviewer labelled by role in some turns and by first name in others is one interviewer, not a respondent."""

from coding.transcripts.read import read_transcript
from coding.transcripts.speakers import infer_roles

INTERVIEW = """Interviewer: How old are you?
Leanne: Thirty-eight. Old enough to know better.
INT: And where were you living before you came in?
Leanne: A private rent, a little terrace. Me and the kids.
Amira: Is this the first time you've been in prison?
Leanne: Second. First time was about six years ago.
Amira: Have you ever had a community sentence, like unpaid work?
Leanne: Two. Unpaid work, I finished that one.
Interviewer: How old were you when you left school?
Leanne: Fifteen, really. Officially sixteen.
"""

PAIRED = """Interviewer: What gets in the way of people finding work?
Dave: Housing, mostly. You can't hold a job from a sofa.
Sue: And the checks. Who's going to take them on, with a record? Honestly?
Interviewer: And what helps?
Dave: A named adviser who picks up the phone.
Sue: Agreed. Continuity, really, and somebody who knows the employers round here.
"""


def test_a_named_speaker_who_asks_like_the_interviewer_is_the_interviewer(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(INTERVIEW, "utf-8")
    t = infer_roles(read_transcript(path))
    assert {s.label: s.role for s in t.speakers} == {
        "Interviewer": "interviewer",
        "Leanne": "respondent",
        "Amira": "interviewer",
    }


def test_a_second_respondent_who_asks_once_stays_a_respondent(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(PAIRED, "utf-8")
    t = infer_roles(read_transcript(path))
    assert {s.label: s.role for s in t.speakers} == {
        "Interviewer": "interviewer",
        "Dave": "respondent",
        "Sue": "respondent",
    }
