"""The demo project's two coders code from their hand coding, and the model is measured against them honestly.

``transcripts/demo_codes.jsonl`` holds two independent hand codings of every codable
answer of the demo interviews. The demo applies them as decisions on the model's
suggestions; the model's own stored suggestion on a reviewed answer must not have
learnt from that answer's decisions, or its agreement with the coders is flattered.
"""

from __future__ import annotations

import pytest

from coding.frames.crosscutting import crosscutting_frame
from coding.service import demo
from coding.service.team import agreement_report
from coding.store import codes as store_codes
from coding.store import projects as store_projects
from coding.store import transcripts as store_transcripts
from coding.store.db import open_store

pytestmark = pytest.mark.model  # builds the demo project with the real model


@pytest.fixture(scope="module")
def demo_store(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.sqlite'}"
    demo.build_demo(url, log=lambda message: None)
    store = open_store(url)
    project_id = store_projects.find_project(store, demo.PROJECT)
    return store, project_id


def _answers(store, project_id):
    """(interview, answer text) -> segment, for every codable answer of the demo project."""
    out = {}
    for info in store_transcripts.list_transcripts(store, project_id):
        for segment in store_transcripts.load_segments(store, info.id, codable_only=True):
            out[(info.name, segment.text)] = (info, segment)
    return out


def test_every_demo_answer_is_hand_coded_by_both_coders_with_known_themes(demo_store):
    store, project_id = demo_store
    codes = demo.demo_codes()
    known = {theme.id for theme, _ in crosscutting_frame().walk()}
    assert set(codes) == set(_answers(store, project_id))  # an edited interview would leave answers uncoded
    assert {t for coders in codes.values() for themes in coders.values() for t in themes} <= known
    assert all(len(themes) <= 3 for coders in codes.values() for themes in coders.values())


def test_each_coders_codes_on_a_reviewed_answer_are_their_hand_coding(demo_store):
    store, project_id = demo_store
    codes = demo.demo_codes()
    answers = _answers(store, project_id)
    by_segment = store_codes.codes_for_segments(store, [segment.id for _, segment in answers.values()])
    checked = {"amira": 0, "ben": 0}
    for key, (_, segment) in answers.items():
        for coder in checked:
            decided = [c for c in by_segment[segment.id] if c.coder == coder]
            if not decided:
                continue  # not reviewed by this coder
            checked[coder] += 1
            assert {c.theme_id for c in decided if c.status == "confirmed"} == set(codes[key][coder]), key
    # amira reviews 70% of six interviews, ben 70% of two; the seventh is left for a newcomer
    assert checked["amira"] > 90 and 25 < checked["ben"] < checked["amira"]


def test_the_model_as_a_coder_is_not_credited_with_the_coders_own_decisions(demo_store):
    store, project_id = demo_store
    report = agreement_report(store, project_id)
    # After the coders' decisions the demo re-suggests (as the app does). Had a reviewed answer's
    # suggestion learnt from its own decisions, the model would agree with amira more than ben does
    # (it did: kappa 0.92 against 0.76); its suggestions there are predictions from the other answers.
    assert 0.2 < report.mean_kappa("amira", "model") < report.mean_kappa("amira", "ben")
