"""The Project page imports a codebook written by Taguette 1.5.2 and shows what it read past."""

from __future__ import annotations

from coding.store import projects as store_projects
from coding.store.db import open_store
from coding.ui import state
from coding.ui.project import import_notes
from tests.test_refi_taguette import NESTED, taguette, taguette_codebook  # noqa: F401  (taguette: the fixture)
from tests.ui_fixtures import open_page, ui_project, ui_template  # noqa: F401


def test_a_taguette_codebook_imports_on_the_project_page_with_its_warning(ui_project, taguette, tmp_path, monkeypatch):
    folder = tmp_path / "root"
    (folder / "topic_guides").mkdir(parents=True)
    taguette_codebook(taguette, folder / "topic_guides", "taguette_tags.qdc", NESTED)
    monkeypatch.setattr(state, "ROOT", folder)
    at = open_page(ui_project.url, "project")
    at.multiselect(key="guide_picks").set_value([folder / "topic_guides" / "taguette_tags.qdc"]).run()
    next(b for b in at.button if b.label == "Import guides").click().run()
    assert not at.exception, at.exception
    assert at.warning[0].value == (
        "Imported *taguette tags*.\n\nRead with these notes:\n\n"
        "- **taguette\\_tags\\.qdc**: `line 2: an empty <Sets> (the schema wants at least one <Set>): ignored`"
    )
    frames = store_projects.load_frames(open_store(ui_project.url), ui_project.project_id)
    tags = next(f for f in frames if f.name == "taguette tags")
    assert [(t.label, [c.label for c in t.children]) for t in tags.themes] == [
        ("barriers", ["housing", "record"]),
        ("services", ["jobcentre", "café"]),
    ]
    # and the Frame page shows it as a tree, ready to edit
    at.switch_page("coding/ui/frame.py").run()
    at.selectbox(key="frame_pick").set_value(tags.id).run()
    assert not at.exception, at.exception
    tree = next(m.value for m in at.markdown if m.value.startswith("- barriers"))
    assert tree.splitlines() == [
        "- barriers",
        "    - housing",
        "        - hostel",
        "    - record",
        "- services",
        "    - jobcentre",
        "    - café",
    ]


def test_notes_show_markup_as_written():
    assert import_notes("a*b.qdc", ["line 4: a vendor element <Layout> `x`"]) == [
        "- **a\\*b\\.qdc**: `line 4: a vendor element <Layout> 'x'`"
    ]
