"""The Coverage page shows the numbers computed the old straightforward way (from every code of
the project), and a decision made in another tab shows on the page's next run, agreement included,
while a run with nothing changed does not recompute agreement."""

from __future__ import annotations

from coding.service import queries
from coding.store import codes, transcripts
from coding.store.db import open_store
from coding.team import coverage_counts as definition
from coding.team.agreement import agreement
from coding.ui import code_view, coverage_tables
from tests.ui_fixtures import open_page, ui_project, ui_template  # noqa: F401


def _table(at, first_column: str):
    return next(d.value for d in at.dataframe if d.value.columns[0] == first_column and len(d.value.columns) > 1)


def _expected(url: str, pid: int) -> dict:
    """What the page should show, computed from every code and every codable segment."""
    store = open_store(url)
    infos = queries.list_transcripts(store, pid)
    names = {t.id: t.name for t in infos}
    every = queries.project_codes(store, pid)
    owner = {seg.stored_id: tid for tid, seg in queries.project_segments(store, pid)}
    counts = definition.coverage_counts(every, owner, {t.id: t.segments for t in infos})
    themes = code_view.theme_index(queries.load_frames(store, pid))
    report = agreement(every, list(themes))
    store.engine.dispose()
    return {
        "confirmed": str(counts.confirmed_codes),
        "progress": [[names[p.transcript_id], p.coder, p.share, f"{p.reviewed} of {p.total}"] for p in counts.progress],
        "thin": [
            [themes[t.theme_id].path_label, t.segments, t.interviews]
            for t in coverage_tables.thin_themes(counts.cells, themes)
        ],
        "tallies": [[themes[t.theme_id].label, t.confirmed, t.rejected, t.added] for t in counts.tallies],
        "agreement": [
            [f"{a} and {b}", report.overall(a, b).units, report.overall(a, b).kappa] for a, b in report.pairs()
        ],
    }


def _shown(at) -> dict:
    pairs = _table(at, "Coders")
    return {
        "confirmed": next(m.value for m in at.metric if m.label == "Confirmed codes"),
        "progress": _progress(at),
        "thin": _table(at, "Theme").values.tolist(),
        "tallies": next(d.value for d in at.dataframe if "Added (missed)" in d.value.columns)[
            ["Theme", "Confirmed", "Rejected", "Added (missed)"]
        ].values.tolist(),
        "agreement": pairs[pairs["Coders"].str.contains(" and ")][["Coders", "n", "Kappa"]].values.tolist(),
    }


def _progress(at):
    return next(d.value for d in at.dataframe if "Reviewed" in d.value.columns).values.tolist()


def test_the_page_shows_the_counts_computed_from_every_code(ui_project):
    at = open_page(ui_project.url, "coverage")
    expected = _expected(ui_project.url, ui_project.project_id)
    assert _shown(at) == expected
    assert all(expected[k] for k in ("progress", "thin", "tallies", "agreement"))


def test_a_coders_decision_shows_at_once_and_an_unchanged_run_reuses_agreement(ui_project, monkeypatch):
    reads = []
    lean_read = queries.agreement_codes
    monkeypatch.setattr(queries, "agreement_codes", lambda *a: reads.append(a) or lean_read(*a))
    at = open_page(ui_project.url, "coverage")
    before = _shown(at)
    assert len(reads) == 1
    at.run()
    assert len(reads) == 1 and _shown(at) == before  # nothing changed: agreement not recomputed

    # Sam, in another tab, confirms what Priya confirmed on a third segment of interview 2.
    store = open_store(ui_project.url)
    third = transcripts.load_segments(store, ui_project.transcript_ids[1], codable_only=True)[2]
    codes.decide(store, ui_project.project_id, third.id, "sanctions", "confirm", "Sam")
    store.engine.dispose()
    at.run()
    after = _shown(at)
    assert len(reads) == 2
    assert after == _expected(ui_project.url, ui_project.project_id)
    assert after["agreement"] != before["agreement"] and after["progress"] != before["progress"]
