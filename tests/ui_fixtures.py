"""A demo-like project built straight through the store, for the UI, browser and benchmark tests.

Fictional fieldwork (our own writing) from an imaginary employment-and-reoffending
pilot: a prison-leaver topic guide with key questions, cross-cutting themes, three
interviews with timed respondent answers aligned to guide questions, model
suggestions with reasons, and a few decisions by two coders. ``long_interview``
adds an interview of any length (the 300-segment benchmark).

``build_ui_project(url)`` returns a ``UIProject`` with the ids tests need.
"""

from __future__ import annotations

from dataclasses import dataclass

from coding.model import Coverage, Frame, Segment, Speaker, Suggestion, Theme, Transcript, Turn
from coding.store import codes, projects, transcripts
from coding.store.db import Store, open_store

PROJECT = "Employment and Reoffending Pilot (test)"
MODEL = "all-MiniLM-L6-v2"


def crosscutting() -> Frame:
    return Frame(
        name="Cross-cutting themes",
        id="crosscutting",
        kind="crosscutting",
        themes=[
            Theme(
                "referrals",
                "Referral and handover",
                description="How leavers reach the provider.",
                keywords=["referral", "handover"],
                children=[Theme("warm_handover", "Meeting at the gate", keywords=["gate"])],
            ),
            Theme("sanctions", "Conditionality and sanctions", keywords=["sanction", "appointment"]),
            Theme(
                "employer_engagement",
                "Employer engagement",
                keywords=["employer", "warehouse"],
                children=[Theme("disclosure", "Disclosure of convictions", keywords=["record", "disclose"])],
            ),
            Theme("housing", "Housing on release", keywords=["hostel", "housing"]),
            Theme("money", "Money and benefits", keywords=["grant", "universal credit"]),
        ],
    )


def guide() -> Frame:
    return Frame(
        name="Prison leaver topic guide",
        id="leaver_guide",
        kind="guide",
        source="leaver_guide.docx",
        themes=[
            Theme(
                "a_release",
                "A. Release",
                kind="section",
                children=[
                    Theme(
                        "a1_day",
                        "What happened on the day you were released?",
                        kind="question",
                        key=True,
                        probes=["Who met you?", "Where did you go?"],
                        maps_to=["warm_handover"],
                    ),
                    Theme(
                        "a2_money",
                        "How did you manage for money in the first weeks?",
                        kind="question",
                        maps_to=["money"],
                    ),
                ],
            ),
            Theme(
                "b_provider",
                "B. The provider",
                kind="section",
                routing="Pilot areas only",
                children=[
                    Theme(
                        "b1_contact",
                        "How did you first hear from the provider?",
                        kind="question",
                        key=True,
                        maps_to=["referrals"],
                    ),
                    Theme("b2_adviser", "What has your adviser done with you?", kind="question"),
                ],
            ),
            Theme(
                "c_work",
                "C. Work",
                kind="section",
                children=[
                    Theme(
                        "c1_search",
                        "How has looking for work gone?",
                        kind="question",
                        key=True,
                        maps_to=["employer_engagement"],
                    ),
                    Theme(
                        "c2_record", "Has your record come up with employers?", kind="question", maps_to=["disclosure"]
                    ),
                ],
            ),
        ],
    )


# (question id, answer, [(theme, score, why)])
ANSWERS = [
    (
        "a1_day",
        "Nobody met me at the gate. I had a bag and a travel warrant and that was it.",
        [("warm_handover", 0.84, "close to 'Meeting at the gate' (keyword 'gate')"), ("housing", 0.31, "weak match")],
    ),
    (
        "a1_day",
        "I went straight to the hostel because probation had booked it, but the room wasn't ready till six.",
        [("housing", 0.78, "keyword 'hostel'"), ("referrals", 0.22, "weak match")],
    ),
    (
        "a2_money",
        "The discharge grant was about £80 *and* it went on the first week. <b>Universal Credit</b> took five weeks.",
        [("money", 0.88, "keywords 'grant', 'universal credit'"), ("sanctions", 0.41, "mentions benefits")],
    ),
    (
        "b1_contact",
        "A woman from the provider rang me the week after. I don't know how she got my number.",
        [("referrals", 0.73, "close to 'Referral and handover'")],
    ),
    (
        "b2_adviser",
        "My adviser helped me do a CV and sorted a bus pass so I could get to interviews.",
        [("employer_engagement", 0.52, "mentions interviews"), ("money", 0.35, "bus pass")],
    ),
    (
        "b2_adviser",
        "I missed one appointment because of the hostel rules and they sanctioned me straight away.",
        [("sanctions", 0.91, "keywords 'sanction', 'appointment'"), ("housing", 0.44, "keyword 'hostel'")],
    ),
    (
        "c1_search",
        "The provider knows a warehouse that takes people like me, so I started there on nights.",
        [("employer_engagement", 0.81, "keywords 'warehouse'")],
    ),
    (
        "c2_record",
        "I told them about my record up front. The manager said as long as I turn up it's fine.",
        [("disclosure", 0.86, "keyword 'record'"), ("employer_engagement", 0.47, "mentions the manager")],
    ),
]


def interview(
    name: str, answers: list[tuple], attributes: dict[str, str], salt: str = "", seconds_per_turn: float = 20.0
) -> tuple[Transcript, list[Segment], Coverage]:
    """A timed interview in the stored text layout (exact offsets); the interviewer asks each answer's question."""
    labels = {t.id: t.label for t, _ in guide().walk()}
    sections = {t.id: path[0] for t, path in guide().walk() if path}
    text, turns, segments = "", [], []
    clock = 0.0
    for question_id, answer, _ in answers:
        for speaker, words in (("interviewer", labels[question_id]), ("respondent", answer)):
            prefix = "Interviewer: " if speaker == "interviewer" else "Respondent: "
            if text:
                text += "\n\n"
            start = len(text) + len(prefix)
            text += prefix + words
            turns.append(Turn(speaker, start, len(text), clock, clock + seconds_per_turn))
            if speaker == "respondent":
                segments.append(
                    Segment(
                        len(turns) - 1,
                        start,
                        len(text),
                        words,
                        "Respondent",
                        "respondent",
                        clock,
                        clock + seconds_per_turn,
                        question_id,
                        sections[question_id],
                    )
                )
            else:
                segments.append(
                    Segment(
                        len(turns) - 1,
                        start,
                        len(text),
                        words,
                        "Interviewer",
                        "interviewer",
                        clock,
                        clock + seconds_per_turn,
                        question_id,
                        sections[question_id],
                        codable=False,
                    )
                )
            clock += seconds_per_turn
    asked = list(dict.fromkeys(q for q, _, _ in answers))
    key = [t.id for t, _ in guide().walk() if t.key]
    cover = Coverage(
        name,
        asked,
        list(dict.fromkeys(sections[q] for q in asked)),
        [q for q in key if q not in asked],
        {q: 0 for q in asked},
    )
    transcript = Transcript(
        name=name,
        text=text,
        format="txt",
        speakers=[Speaker("Interviewer", "Interviewer", "interviewer"), Speaker("Respondent", "Respondent")],
        turns=turns,
        source_hash=f"ui-{name}-{salt}",
        attributes=attributes,
    )
    return transcript, segments, cover


@dataclass
class UIProject:
    url: str
    project_id: int
    transcript_ids: list[int]
    names: list[str]


def _save(store: Store, project_id: int, name: str, answers: list[tuple], attributes: dict[str, str]) -> int:
    transcript, segments, cover = interview(name, answers, attributes)
    tid = transcripts.save_transcript(
        store, project_id, transcript, segments, coverage=cover, guide_key="leaver_guide", source_file=f"{name}.txt"
    )
    stored = transcripts.load_segments(store, tid, codable_only=True)
    codes.put_suggestions(
        store,
        project_id,
        {seg.id: [Suggestion(t, s, w) for t, s, w in answers[i][2]] for i, seg in enumerate(stored)},
        MODEL,
    )
    return tid


def build_ui_project(url: str, decisions: bool = True) -> UIProject:
    """Three interviews; with ``decisions`` Priya has coded some of interview 2 and Sam a little of it too."""
    store = open_store(url)
    pid = projects.create_project(store, PROJECT)
    projects.save_frame(store, pid, crosscutting())
    projects.save_frame(store, pid, guide())
    specs = [
        ("Leaver 01", ANSWERS, {"respondent_type": "prison leaver", "area": "Pilot area A"}),
        ("Leaver 02", ANSWERS[::-1], {"respondent_type": "prison leaver", "area": "Pilot area B"}),
        (
            "Leaver 03 (short)",
            [a for a in ANSWERS if a[0] != "b1_contact"][:5],
            {"respondent_type": "prison leaver", "area": "Comparison area"},
        ),
    ]
    tids = [_save(store, pid, name, answers, attrs) for name, answers, attrs in specs]
    if decisions:
        second = transcripts.load_segments(store, tids[1], codable_only=True)
        for seg, theme, action, coder in [
            (second[0], "disclosure", "confirm", "Priya"),
            (second[1], "employer_engagement", "confirm", "Priya"),
            (second[2], "sanctions", "confirm", "Priya"),
            (second[2], "housing", "reject", "Priya"),
            (second[0], "disclosure", "confirm", "Sam"),
            (second[1], "employer_engagement", "reject", "Sam"),
        ]:
            codes.decide(store, pid, seg.id, theme, action, coder)
    store.engine.dispose()
    return UIProject(url, pid, tids, [s[0] for s in specs])


def long_interview(store: Store, project_id: int, n_segments: int = 300, name: str = "Long interview") -> int:
    """An interview of ``n_segments`` respondent answers cycling through ANSWERS (varied so none repeat)."""
    answers = [
        (q, f"{text} (answer {i + 1})", sugg)
        for i, (q, text, sugg) in ((i, ANSWERS[i % len(ANSWERS)]) for i in range(n_segments))
    ]
    return _save(store, project_id, name, answers, {"respondent_type": "prison leaver", "area": "Pilot area A"})


# ----- pytest fixtures and AppTest helpers (import them into a test module to use them) -----

import shutil  # noqa: E402

import pytest  # noqa: E402


@pytest.fixture(scope="session")
def ui_template(tmp_path_factory) -> UIProject:
    """The UI project built once per session; each test gets its own copy (ui_project)."""
    path = tmp_path_factory.mktemp("ui_template") / "template.sqlite"
    return build_ui_project(f"sqlite:///{path}")


@pytest.fixture
def ui_project(ui_template, tmp_path) -> UIProject:
    source = ui_template.url.removeprefix("sqlite:///")
    target = tmp_path / "project.sqlite"
    shutil.copy(source, target)
    return UIProject(f"sqlite:///{target}", ui_template.project_id, ui_template.transcript_ids, ui_template.names)


@pytest.fixture
def store(ui_project):
    """An open store on this test's copy of the UI project, closed after the test."""
    store = open_store(ui_project.url)
    yield store
    store.engine.dispose()


def open_page(url: str, page: str, coder: str | None = "Alex", **state_values):
    """An AppTest of app.py on ``page`` (e.g. "code") with the store at ``url`` and a coder set."""
    from streamlit.testing.v1 import AppTest

    from coding.ui import state

    at = AppTest.from_file("../app.py", default_timeout=60)
    at.session_state[state.DB_URL] = url
    # Live learning loads the real sentence model in a background thread; page tests keep it off
    # (they pass learn_live=True to test it).
    at.session_state[state.LEARN] = False
    if coder:
        at.session_state[state.CODER] = coder
    for key, value in state_values.items():
        at.session_state[key] = value
    at.run()
    assert not at.exception, at.exception
    if page != "project":
        at.switch_page(f"coding/ui/{page}.py")
        at.run()
        assert not at.exception, at.exception
    return at
