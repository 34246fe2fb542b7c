"""A transcript's answers are scored with their question as context (run.py, Suggester contexts)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from coding.frames.yaml_io import read_frame_yaml
from coding.suggest.scorer import Suggester
from coding.suggest.standalone import suggest_records

FRAME = Path(__file__).parent / "data" / "suggest" / "mini_frame.yaml"

# Fictional: the second answer names no topic; only the question says it is about sanctions.
INTERVIEW = """Interviewer: Where did you stay when you came out, a hostel or somewhere else?
Respondent: They found me a hostel bed for the first few weeks after release.
Interviewer: And did you ever have a sanction, your benefit stopped for a missed appointment?
Respondent: Yes, twice. I only found out when I went to the job centre.
"""


@pytest.mark.model  # the transcript is segmented by the real spaCy pipeline
def test_elliptical_answer_takes_its_topic_from_the_question(tmp_path, hashing_encoder):
    interview = tmp_path / "interview.txt"
    interview.write_text(INTERVIEW, encoding="utf-8")
    records = list(suggest_records(FRAME, interview, top_k=1, encoder=hashing_encoder))
    assert [(r["text"], r["suggestions"][0]["theme"]) for r in records] == [
        ("They found me a hostel bed for the first few weeks after release.", "housing"),
        ("Yes, twice. I only found out when I went to the job centre.", "sanctions"),
    ]
    # Without its question the same answer reads as one about jobs.
    alone = Suggester([read_frame_yaml(FRAME)], hashing_encoder).suggest([records[1]["text"]], top_k=1)
    assert alone[0][0].theme == "employers"


def test_contexts_add_the_question_scores_and_nothing_without_one(hashing_encoder):
    s = Suggester([read_frame_yaml(FRAME)], hashing_encoder)
    texts = ["Yes, twice. I only found out at the job centre."] * 2
    contexts = ["Did you have a sanction, your benefit stopped?", None]
    embeddings = s.embed(texts)
    base, _, _ = s.scores(texts, embeddings)
    ctx = s.context_scores(contexts)
    assert ctx[1].tolist() == [0.0] * len(s.theme_ids)
    assert s.theme_ids[int(np.argmax(ctx[0]))] == "sanctions"
    with_ctx = s.suggest(texts, embeddings=embeddings, contexts=contexts)
    plain = s.suggest(texts, embeddings=embeddings)
    assert with_ctx[0][0].theme == "sanctions"
    assert with_ctx[1] == plain[1]
    assert base[0].tolist() == base[1].tolist()


def test_a_projects_unaligned_answers_read_the_question_before_them(fresh_store):
    from dataclasses import replace

    from coding.service.suggestions import unaligned_contexts
    from coding.store import projects, transcripts
    from tests.store_factory import ANSWERS, interview, themes_frame

    project_id = projects.create_project(fresh_store, "Context")
    projects.save_frame(fresh_store, project_id, themes_frame())
    transcript, segments = interview()
    # The first answer's question was aligned; the other two were not (as an elliptical follow-up is not).
    segments = [replace(s, question_id="q1") if s.turn_index == 1 else s for s in segments]
    transcript_id = transcripts.save_transcript(fresh_store, project_id, transcript, segments)
    stored = transcripts.load_segments(fresh_store, transcript_id, codable_only=True)
    contexts = unaligned_contexts(fresh_store, [(transcript_id, s) for s in stored])
    assert contexts == [None, ANSWERS[1][0], ANSWERS[2][0]]
