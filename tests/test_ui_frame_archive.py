"""On the Frame page, deleting a coded theme archives it with its codes, and Restore brings it back."""

from __future__ import annotations

from coding.model import MODEL_CODER
from coding.store import codes as store_codes
from coding.store import projects as store_projects
from coding.store.db import open_store
from tests.ui_fixtures import open_page, ui_project, ui_template  # noqa: F401


def _human_codes(store, project_id, theme):
    return sorted(
        (c.segment_id, c.coder, str(c.status))
        for c in store_codes.project_codes(store, project_id)
        if c.theme_id == theme and c.coder != MODEL_CODER
    )


def test_deleting_a_coded_theme_archives_it_and_restore_brings_it_back(ui_project):  # noqa: F811
    store = open_store(ui_project.url)
    before = _human_codes(store, ui_project.project_id, "disclosure")
    assert before  # the fixture's coders confirmed disclosure
    at = open_page(ui_project.url, "frame")
    at.selectbox(key="frame_theme_pick").set_value("disclosure").run()
    next(b for b in at.button if b.label == "Delete theme").click().run()
    assert [s.value for s in at.subheader][-2:] == ["Archived themes", "Version history"]
    assert (
        at.text[-1].value.startswith("Disclosure of convictions  (")
        and "was in Cross-cutting themes" in at.text[-1].value
    )
    assert _human_codes(store, ui_project.project_id, "disclosure") == before
    next(b for b in at.button if b.label == "Restore").click().run()
    frame = store_projects.load_frame(store, ui_project.project_id, "crosscutting")
    assert frame.find("disclosure") is not None
    assert _human_codes(store, ui_project.project_id, "disclosure") == before
    assert store_projects.archived_themes(store, ui_project.project_id) == []


def test_a_frame_edit_needs_a_name_to_stamp_on_its_version(ui_project):  # noqa: F811
    at = open_page(ui_project.url, "frame", coder=None)
    at.selectbox(key="frame_theme_pick").set_value("disclosure").run()
    next(b for b in at.button if b.label == "Delete theme").click().run()
    assert at.warning[0].value.startswith("Type your name under **Coding as**")
    frame = store_projects.load_frame(open_store(ui_project.url), ui_project.project_id, "crosscutting")
    assert (frame.version, frame.find("disclosure") is not None) == (1, True)
