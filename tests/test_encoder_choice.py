"""Which encoder runs: int8 ONNX by default, torch when asked, and a project keeps the encoder its
stored embeddings were made with, so torch and ONNX vectors never meet in one project."""

from __future__ import annotations

import numpy as np
import pytest

from coding import service
from coding.errors import ModelUnavailable
from coding.model import MODEL_CODER
from coding.service.live import LiveSuggester
from coding.store import codes, projects, transcripts
from coding.suggest import encoder as encoders
from coding.suggest.encoder import (
    ENCODER_ENV,
    MODEL_NAME,
    ONNX_NAME,
    HashingEncoder,
    chosen_kind,
    encoder_for_project,
)

INTERVIEW = """I: Can you tell me about your role and how the pilot changed your caseload?

R: I'm a team leader with six advisers. Since the pilot started we see more people coming straight
out of prison, and the referrals arrive late, sometimes a week after release, so the first weeks are
spent chasing housing and benefits rather than work.

I: How did the sanctions regime affect the people you work with?

R: Sanctions hit them hard. One man lost his money for a month because a letter went to his old
address, and he was back in trouble within a fortnight. We asked for discretion and never got it.

I: What about working with probation?

R: Probation were good in principle but the information sharing was slow. We would not know about
licence conditions until someone missed an appointment, which made planning very hard for everyone.
"""


class Named(HashingEncoder):
    """A fake that carries a real encoder's name, for the choice logic without loading a model."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name


@pytest.fixture
def no_choice(monkeypatch):
    monkeypatch.delenv(ENCODER_ENV, raising=False)


def test_onnx_is_the_default_and_torch_is_selectable(no_choice, monkeypatch):
    assert chosen_kind() == "onnx"
    monkeypatch.setenv(ENCODER_ENV, " Torch ")
    assert chosen_kind() == "torch"
    monkeypatch.setenv(ENCODER_ENV, "gpu")
    with pytest.raises(ModelUnavailable, match="WORKBENCH_ENCODER='gpu' is not an encoder: use one of onnx, torch"):
        chosen_kind()


def test_a_project_keeps_the_encoder_most_of_its_embeddings_came_from(no_choice, monkeypatch):
    torch_fake, onnx_fake = Named(MODEL_NAME), Named(ONNX_NAME)
    monkeypatch.setattr(encoders, "encoder_named", {MODEL_NAME: torch_fake, ONNX_NAME: onnx_fake}.get)
    assert encoder_for_project({MODEL_NAME: 40, ONNX_NAME: 3}, onnx_fake) is torch_fake
    assert encoder_for_project({ONNX_NAME: 40, MODEL_NAME: 3}, onnx_fake) is onnx_fake
    assert encoder_for_project({}, onnx_fake) is onnx_fake  # a new project takes the default
    assert encoder_for_project({MODEL_NAME: 40, ONNX_NAME: 40}, onnx_fake) is torch_fake  # a tie: by name
    # A fake encoder in a test is never swapped for a real one, nor a real one for an unknown model.
    hashing = HashingEncoder()
    assert encoder_for_project({MODEL_NAME: 40}, hashing) is hashing
    assert encoder_for_project({"some-other-model": 40}, onnx_fake) is onnx_fake


def test_an_explicit_choice_wins_over_the_project(monkeypatch):
    onnx_fake = Named(ONNX_NAME)
    monkeypatch.setattr(encoders, "encoder_named", {MODEL_NAME: Named(MODEL_NAME)}.get)
    monkeypatch.setenv(ENCODER_ENV, "onnx")
    assert encoder_for_project({MODEL_NAME: 40}, onnx_fake) is onnx_fake


def _model_suggestions(store, project_id):
    return [c for c in codes.project_codes(store, project_id) if c.coder == MODEL_CODER]


@pytest.mark.model
def test_a_torch_project_opened_with_the_onnx_default_stays_torch(fresh_store, tmp_path, monkeypatch):
    path = tmp_path / "provider_interview.txt"
    path.write_text(INTERVIEW, "utf-8")
    project_id = projects.create_project(fresh_store, "Made with torch")
    service.add_crosscutting_frame(fresh_store, project_id)

    monkeypatch.setenv(ENCODER_ENV, "torch")
    torch = encoders.default_encoder()
    report = service.import_transcripts(fresh_store, project_id, [path], torch)
    assert report.failed == []
    service.suggest_project(fresh_store, project_id, torch)
    segments = [seg for _, seg in transcripts.project_segments(fresh_store, project_id)]
    made_by_torch = _model_suggestions(fresh_store, project_id)
    assert made_by_torch and set(transcripts.embedding_models(fresh_store, project_id)) == {MODEL_NAME}

    monkeypatch.delenv(ENCODER_ENV)
    onnx = encoders.default_encoder()
    assert onnx.name == ONNX_NAME
    service.suggest_project(fresh_store, project_id, onnx)
    assert set(transcripts.embedding_models(fresh_store, project_id)) == {MODEL_NAME}
    again = _model_suggestions(fresh_store, project_id)
    assert {c.model for c in again} == {MODEL_NAME}
    key = [(c.segment_id, c.theme_id) for c in again]
    assert key == [(c.segment_id, c.theme_id) for c in made_by_torch]
    assert np.allclose([c.score for c in again], [c.score for c in made_by_torch], atol=1e-5)
    assert LiveSuggester(fresh_store, project_id, onnx).encoder.name == MODEL_NAME

    # Asked for ONNX by name, the project is re-encoded whole: still one model, never a mix.
    monkeypatch.setenv(ENCODER_ENV, "onnx")
    service.suggest_project(fresh_store, project_id, onnx)
    assert set(transcripts.embedding_models(fresh_store, project_id)) == {ONNX_NAME}
    assert {c.model for c in _model_suggestions(fresh_store, project_id)} == {ONNX_NAME}
    stored = transcripts.load_embeddings(fresh_store, project_id, ONNX_NAME)
    fresh = onnx.encode([s.text for s in segments])
    assert np.allclose(np.stack([stored[s.stored_id] for s in segments]), fresh, atol=1e-5)
