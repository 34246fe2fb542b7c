"""Names never leave the workbench: speaker names, names spaCy finds and listed names are replaced."""

from __future__ import annotations

from coding.anonymise.pseudonymise import Pseudonymiser, apply, pseudonymise_snapshot
from coding.model import Case, CodedSegment, Memo, ProjectSnapshot, Speaker

TEXT = (
    "Interviewer: How did the handover go?\n\n"
    "Dean Walsh: Well, my probation officer, Sarah Okafor, rang the Jobcentre the day before. "
    "Sarah was brilliant. Dean, she said, you will be met at the gate."
)


def _snapshot() -> ProjectSnapshot:
    case = Case(
        1,
        "Prisoner 03",
        TEXT,
        {"respondent_type": "prisoner"},
        "txt",
        [Speaker("interviewer", "Interviewer", "interviewer"), Speaker("dean walsh", "Dean Walsh", "respondent")],
    )
    start = TEXT.index("Well,")
    coding = CodedSegment(
        1, 7, "dean walsh", "respondent", TEXT[start:], start, len(TEXT), "referrals", "confirmed", "amira", "human"
    )
    memo = Memo("Ask Sarah Okafor's team for the referral dates", "amira")
    return ProjectSnapshot("P", [], [case], [coding], memos=[memo], summaries={(1, "referrals"): "Dean was met."})


def test_names_are_replaced_consistently_in_text_codings_memos_and_summaries():
    result = pseudonymise_snapshot(_snapshot())
    case = result.cases[0]
    assert case.text == (
        "Interviewer: How did the handover go?\n\n"
        "[Person 1]: Well, my probation officer, [Person 2], rang the Jobcentre the day before. "
        "[Person 2] was brilliant. [Person 1], she said, you will be met at the gate."
    )
    [coding] = list(result.codings)
    assert coding.text == case.text[coding.start : coding.end]
    assert coding.text.startswith("Well, my probation officer, [Person 2]")
    assert [m.text for m in result.memos] == ["Ask [Person 2]'s team for the referral dates"]
    assert result.summaries == {(1, "referrals"): "[Person 1] was met."}
    assert [s.label for s in case.speakers] == ["Interviewer", "[Person 1]"]


def test_listed_names_are_replaced_even_without_ner():
    snapshot = _snapshot()
    snapshot.cases[0].speakers = []
    result = pseudonymise_snapshot(snapshot, extra_names=["Okafor"], use_ner=False)
    assert "Okafor" not in result.cases[0].text
    assert "Dean Walsh" in result.cases[0].text  # neither listed nor a speaker, and NER was off


def test_offsets_map_across_replacements():
    text = "Ask Bo about Jo and Bo."
    pseudo = Pseudonymiser()
    replacements = pseudo.find(text, ["Bo", "Jo"])
    new, mapping = apply(text, replacements)
    assert new == "Ask [Person 1] about [Person 2] and [Person 1]."
    assert [mapping(i) for i in (0, 4, 6, 7, 13, 22)] == [0, 4, 14, 15, 21, 46]


def test_lower_case_words_are_not_taken_for_names():
    pseudo = Pseudonymiser()
    assert pseudo.find("Will said he will go.", ["Will"]) == pseudo.find("Will said he will go.", ["Will"])
    assert [(r.start, r.end) for r in pseudo.find("Will said he will go.", ["Will"])] == [(0, 4)]


def test_names_held_in_identifying_attributes_are_replaced_too():
    text = "Interviewer: Thanks for your time.\n\nRespondent: Graham here, I led the joint commissioning."
    case = Case(
        1,
        "Stakeholder 01",
        text,
        {"respondent": "Graham Whitfield", "respondent_type": "stakeholder"},
        "docx",
        [Speaker("interviewer", "Interviewer", "interviewer"), Speaker("respondent", "Respondent", "respondent")],
    )
    result = pseudonymise_snapshot(ProjectSnapshot("P", [], [case], []), use_ner=False)
    assert result.cases[0].text == (
        "Interviewer: Thanks for your time.\n\nRespondent: [Person 1] here, I led the joint commissioning."
    )


def test_place_names_and_run_on_spans_are_not_taken_for_people():
    from coding.anonymise.names import ner_names

    # The small model tags "Ruth Okafor: Apart" and "Jobcentre Plus" as PERSON here.
    [names] = ner_names(
        ["Ruth Okafor: Apart from that, Jobcentre Plus in Peterborough were fine. Sometimes Kelly rang the prime."],
        not_names=["Peterborough"],
    )
    assert names == ["Ruth Okafor"]


def test_a_first_name_two_people_share_gets_its_own_label():
    text = (
        "Respondent: Sarah Okafor from probation rang me, and Sarah Jones at the provider booked the "
        "appointment. Sarah said I'd be fine. Okafor is good, Jones less so."
    )
    case = Case(1, "Prisoner 04", text, {}, "txt", [])
    result = pseudonymise_snapshot(
        ProjectSnapshot("P", [], [case], []), extra_names=["Sarah Okafor", "Sarah Jones"], use_ner=False
    )
    assert result.cases[0].text == (
        "Respondent: [Person 1] from probation rang me, and [Person 2] at the provider booked the "
        "appointment. [Person 3] said I'd be fine. [Person 1] is good, [Person 2] less so."
    )
