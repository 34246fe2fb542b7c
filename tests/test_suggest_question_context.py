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
    with_ctx = s.suggest(texts, embeddings=embeddings, context=ctx)
    plain = s.suggest(texts, embeddings=embeddings)
    assert with_ctx[0][0].theme == "sanctions"
    assert with_ctx[1] == plain[1]
    assert base[0].tolist() == base[1].tolist()


def test_question_turns_and_context_rows_follow_their_docstrings():
    import doctest

    from coding.suggest import context

    assert doctest.testmod(context).failed == 0


def _project_with_interview(store, question_ids):
    from dataclasses import replace

    from coding.store import projects, transcripts
    from tests.store_factory import interview, themes_frame

    project_id = projects.create_project(store, "Context")
    projects.save_frame(store, project_id, themes_frame())
    transcript, segments = interview()
    answers = iter(question_ids)
    segments = [s if not s.codable else replace(s, question_id=next(answers)) for s in segments]
    transcript_id = transcripts.save_transcript(store, project_id, transcript, segments)
    return project_id, transcript_id, transcripts.load_segments(store, transcript_id)


def test_an_answer_after_a_follow_up_reads_its_questions_turns_from_stored_vectors(fresh_store, hashing_encoder):
    from coding.service.suggestions import question_context
    from coding.store import transcripts
    from tests.store_factory import ANSWERS, themes_frame

    # The second answer carries q1 over the interviewer's turn before it (a follow-up the aligner
    # matched to nothing), so it reads that turn and the one that asked q1; answers asked their
    # question directly get its themes only (context.CONTEXT_TURNS).
    _, transcript_id, every = _project_with_interview(fresh_store, ["q1", "q1", "q3"])
    transcripts.store_embeddings(
        fresh_store, {s.stored_id: v for s, v in zip(every, hashing_encoder.encode([s.text for s in every]))}, "hash"
    )
    embeddings = transcripts.load_embeddings(fresh_store, 1, "hash")
    s = Suggester([themes_frame()], hashing_encoder)
    asked = s.context_scores([question for question, _ in ANSWERS])
    answers = [(transcript_id, seg) for seg in every if seg.codable]
    encoded = []
    s.embed = lambda texts: encoded.append(texts) or hashing_encoder.encode(texts)  # type: ignore[method-assign]
    rows = question_context(fresh_store, s, answers, embeddings)
    zeros = np.zeros(len(s.theme_ids))
    np.testing.assert_allclose(rows, [zeros, (asked[1] + asked[0]) / 2, zeros], rtol=1e-5, atol=1e-6)
    assert encoded == []  # the turns' stored vectors were read, nothing was encoded


def test_an_interview_without_stored_turn_vectors_reads_the_turn_before_unaligned_answers_only(
    fresh_store, hashing_encoder
):
    from coding.service.suggestions import question_context
    from coding.store import transcripts
    from tests.store_factory import ANSWERS, themes_frame

    _, transcript_id, every = _project_with_interview(fresh_store, ["q1", None, "q3"])
    answers = [seg for seg in every if seg.codable]
    transcripts.store_embeddings(
        fresh_store,
        {a.stored_id: v for a, v in zip(answers, hashing_encoder.encode([a.text for a in answers]))},
        "hash",
    )
    s = Suggester([themes_frame()], hashing_encoder)
    rows = question_context(
        fresh_store, s, [(transcript_id, a) for a in answers], transcripts.load_embeddings(fresh_store, 1, "hash")
    )
    zeros = [0.0] * len(s.theme_ids)
    assert rows[0].tolist() == zeros and rows[2].tolist() == zeros
    np.testing.assert_allclose(rows[1], s.context_scores([ANSWERS[1][0]])[0], rtol=1e-5, atol=1e-6)


# Fictional. The follow-up names no topic; the aligner matches it to no guide question, so the answer
# after it keeps the handover question, and reads that question's words as well as the follow-up's.
FOLLOW_UP = """I: How is handover managed from prison to community, including appointment setting with the community Work Programme provider?

R: Most of the time it's a phone call to the provider the week before, and we give the lad a card with the appointment on it.

I: And what about out in the community?

R: That's where it falls down. Half of them never turn up, and nobody knows until weeks later.
"""


@pytest.mark.model
def test_an_elliptical_follow_up_inherits_the_question_it_follows(tmp_path, fresh_store):
    from coding import service
    from coding.model import Role
    from coding.service.suggestions import build_suggester, embed_segments, question_context
    from coding.store import transcripts
    from coding.suggest.encoder import default_encoder

    guide = Path(__file__).parents[1] / "topic_guides" / "resettlement_eba.md"
    project_id = service.create_project(fresh_store, "Follow-ups", guides=[guide])
    path = tmp_path / "eba_follow_up.txt"
    path.write_text(FOLLOW_UP, encoding="utf-8")
    encoder = default_encoder()
    report = service.import_transcripts(fresh_store, project_id, [path], encoder, guide_key="resettlement_eba")
    transcript_id = report.imported[0][1]
    every = transcripts.load_segments(fresh_store, transcript_id)
    answers = [s for s in every if s.codable]
    assert [s.turn_index for s in answers] == [1, 3]
    asked_first = answers[0].question_id
    assert asked_first is not None and answers[1].question_id == asked_first  # the follow-up asked nothing new
    embeddings = embed_segments(fresh_store, project_id, encoder)
    assert all(s.stored_id in embeddings for s in every if s.role == Role.INTERVIEWER)  # encoded at import
    suggester = build_suggester(fresh_store, project_id, encoder)
    turns = [s for s in every if s.role == Role.INTERVIEWER]
    asked = suggester.context_scores([s.text for s in turns], np.stack([embeddings[s.stored_id] for s in turns]))
    rows = question_context(fresh_store, suggester, [(transcript_id, a) for a in answers], embeddings)
    np.testing.assert_allclose(rows[1], (asked[0] + asked[1]) / 2, rtol=1e-4, atol=1e-5)
    # The handover question carries its topic to the answer after the follow-up; alone, the
    # follow-up's words point elsewhere.
    theme = suggester.theme_ids
    assert theme[int(np.argmax(rows[1]))] == theme[int(np.argmax(asked[0]))] == "referrals"
    assert theme[int(np.argmax(asked[1]))] != "referrals"


def test_the_live_re_score_reads_a_follow_ups_turns_without_encoding(fresh_store, hashing_encoder):
    from coding.model import MODEL_CODER
    from coding.service.live import LiveSuggester
    from coding.store import codes, transcripts
    from coding.suggest.encoder import HashingEncoder
    from tests.store_factory import ANSWERS, themes_frame

    class CountingEncoder(HashingEncoder):
        calls: list[list[str]] = []

        def encode(self, texts):
            self.calls.append(list(texts))
            return super().encode(texts)

    project_id, transcript_id, every = _project_with_interview(fresh_store, ["q1", "q1", "q3"])
    encoder = CountingEncoder()
    encoder.name = "hash"
    transcripts.store_embeddings(
        fresh_store, {s.stored_id: v for s, v in zip(every, hashing_encoder.encode([s.text for s in every]))}, "hash"
    )
    live = LiveSuggester(fresh_store, project_id, encoder)
    encoder.calls.clear()
    assert live.refresh_transcript(transcript_id) == 3
    assert encoder.calls == []  # the turns' stored vectors were read
    after_follow_up = [s for s in every if s.codable][1]
    stored = codes.codes_for_segments(fresh_store, [after_follow_up.stored_id])[after_follow_up.stored_id]
    s = Suggester([themes_frame()], hashing_encoder)
    both_turns = s.context_scores([ANSWERS[0][0], ANSWERS[1][0]]).mean(axis=0, keepdims=True)
    expected = s.suggest(
        [after_follow_up.text],
        question_ids=["q1"],
        top_k=5,
        embeddings=hashing_encoder.encode([after_follow_up.text]),
        context=both_turns,
    )[0]
    shown = sorted((c for c in stored if c.coder == MODEL_CODER), key=lambda c: -(c.score or 0.0))
    assert [(c.theme_id, round(c.score or 0.0, 3)) for c in shown] == [(e.theme, round(e.score, 3)) for e in expected]
