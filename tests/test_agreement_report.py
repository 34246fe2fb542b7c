"""The project's agreement from the store, on the whole project or the double-coded sample, and its .docx."""

from __future__ import annotations

import pytest
from docx import Document

from coding.service import team
from coding.store import codes as store_codes
from coding.store import transcripts as store_transcripts
from coding.team.agreement import MODEL, OVERALL
from tests.store_factory import interview, small_project


@pytest.fixture
def coded(fresh_store):
    project_id, first, segments = small_project(fresh_store)
    transcript, segs = interview("Interview 2", salt="2")
    second = store_transcripts.save_transcript(fresh_store, project_id, transcript, segs)
    other = store_transcripts.load_segments(fresh_store, second, codable_only=True)
    decide = lambda s, theme, action, coder: store_codes.decide(fresh_store, project_id, s.id, theme, action, coder)  # noqa: E731
    decide(segments[0], "referrals", "confirm", "amira")
    decide(segments[0], "referrals", "confirm", "ben")
    decide(segments[1], "sanctions", "confirm", "amira")
    decide(segments[1], "sanctions", "reject", "ben")
    decide(segments[2], "disclosure", "add", "amira")
    decide(segments[2], "disclosure", "add", "ben")
    decide(other[0], "sanctions", "add", "amira")
    decide(other[0], "referrals", "add", "ben")
    team.assign(fresh_store, project_id, first, "amira", by=None, kind="reliability")
    team.assign(fresh_store, project_id, first, "ben", by=None, kind="reliability")
    return fresh_store, project_id


def test_agreement_from_the_store_on_the_project_and_on_the_sample(coded):
    store, project_id = coded
    everything = team.agreement_report(store, project_id)
    overall = everything.overall("amira", "ben")
    # 4 shared segments x 3 themes used (referrals, sanctions, disclosure)
    assert (overall.units, overall.both, overall.only_a, overall.only_b) == (12, 2, 2, 1)
    sample = team.agreement_report(store, project_id, sample_only=True).overall("amira", "ben")
    assert (sample.units, sample.both, sample.only_a, sample.only_b) == (9, 2, 1, 0)
    assert [(a.coders, a.units) for a in everything.alphas if a.theme == OVERALL] == [
        (("amira", "ben"), 12),
        (("amira", "ben", MODEL), 16),  # the model also applied employer_engagement (0.64): a fourth theme
    ]


def test_the_docx_report_has_the_method_and_the_figures(coded, tmp_path):
    store, project_id = coded
    path = team.export_agreement_docx(store, project_id, tmp_path / "agreement.docx", by="lena")
    document = Document(path)
    text = "\n".join(p.text for p in document.paragraphs)
    assert text.startswith("Inter-coder agreement: Demo")
    assert "Unit: the interview segment" in text
    overall, themes = document.tables
    assert [c.text for c in overall.rows[1].cells] == ["amira and ben", "Cohen's kappa", "12", "75%", "0.40"]
    assert [c.text for c in overall.rows[-1].cells][:3] == ["amira, ben, model", "Krippendorff's alpha", "16"]
    assert [c.text for c in themes.rows[0].cells] == [
        "Theme",
        "n",
        "both/only A/only B",
        "Agreement",
        "Kappa",
        "n (alpha)",
        "Alpha",
    ]
    assert [r.cells[0].text for r in themes.rows[1:]] == [
        "Referral, attachment and handover",
        "Conditionality and sanctions",
        "Disclosure of convictions",
    ]
    assert [e.target for e in team.history(store, project_id, kinds=["export"])] == ["agreement report agreement.docx"]
