"""A decision on the Code page reruns its card and the progress line, never the whole page.

AppTest keeps only what a run drew, so after a click its tree holds exactly the
fragments that reran: that is what these tests look at.
"""

from __future__ import annotations

from coding.store import transcripts as store_transcripts
from coding.ui import state
from tests.ui_fixtures import long_interview, open_page, store, ui_project, ui_template  # noqa: F401


def segments(store, transcript_id):
    return store_transcripts.load_segments(store, transcript_id, codable_only=True)


def progress_text(at) -> list[str]:
    return [p.proto.text for p in at.get("progress")]


def shortcuts(at) -> dict[str, str]:
    """Button key -> its keyboard shortcut, for the buttons drawn with one."""
    return {b.key: b.proto.shortcut for b in at.button if b.key and b.proto.shortcut}


def test_a_confirm_redraws_the_card_the_focused_card_and_the_counter_only(ui_project, store):
    first = segments(store, ui_project.transcript_ids[0])
    at = open_page(ui_project.url, "code")
    assert progress_text(at) == ["You have reviewed 0 of 8 segments"]
    one = first[0].id
    assert shortcuts(at) == {f"ok_{one}_warm_handover": "1", f"no_{one}_warm_handover": "shift+1",
                             f"ok_{one}_housing": "2", f"no_{one}_housing": "shift+2"}  # fmt: skip
    assert [t.value for t in at.title] == ["Code"]

    at.button(key=f"ok_{first[2].id}_money").click().run()  # the third answer's chip, not the focused first
    assert not at.exception
    # What ran: the third card (now focused, its keys renumbered), the first card (which lost the
    # focus) and the progress line, which counts the decision at once. Not the page: no title, no undo.
    assert at.title.len == 0 and "Undo my last decision" not in [b.label for b in at.button]
    assert progress_text(at) == ["You have reviewed 1 of 8 segments"]
    assert [t.value for t in at.text] == [first[2].text, first[0].text]
    assert at.button(key=f"rm_{first[2].id}_money").label == "Money and benefits"
    three = first[2].id
    assert shortcuts(at) == {f"ok_{three}_sanctions": "1", f"no_{three}_sanctions": "shift+1"}

    at.button(key=f"ok_{first[2].id}_sanctions").click().run()  # a second decision on the same answer
    assert [t.value for t in at.text] == [first[2].text]  # the focus stayed: that card alone
    assert progress_text(at) == ["You have reviewed 1 of 8 segments"]


def test_next_unreviewed_counts_what_the_cards_marked_since_the_page_was_drawn(ui_project, store):
    tid = long_interview(store, ui_project.project_id, 300)
    long_segments = segments(store, tid)
    at = open_page(ui_project.url, "code", **{state.TRANSCRIPT: tid})
    # The second answer, then the first (which held the focus, so its card is in the rerun):
    # two answers decided, the page never drawn whole in between.
    for seg in (long_segments[1], long_segments[0]):
        next(b for b in at.button if b.key and b.key.startswith(f"ok_{seg.id}_")).click().run()
    assert progress_text(at) == ["You have reviewed 2 of 300 segments"]
    next(b for b in at.button if b.label == "Next unreviewed").click().run()
    # After the focused first answer, the second is reviewed too: the page opens at the third.
    assert at.text[0].value == long_segments[2].text
    assert at.main.caption[-1].value == "Segments 3–22 of 300 shown"
    assert progress_text(at) == ["You have reviewed 2 of 300 segments"]


def test_a_click_that_names_a_card_not_drawn_redraws_the_whole_page(ui_project, store):
    """A click racing a whole-page run (the focused card of the old page not drawn yet) falls back
    to the whole page rather than failing."""
    first = segments(store, ui_project.transcript_ids[0])
    third = segments(store, ui_project.transcript_ids[2])
    at = open_page(ui_project.url, "code")
    at.session_state[state.FOCUS_SHOWN] = third[0].id  # a card of another interview: not on this page
    at.button(key=f"ok_{first[2].id}_money").click().run()
    assert not at.exception
    assert [t.value for t in at.title] == ["Code"]
    assert progress_text(at) == ["You have reviewed 1 of 8 segments"]
    assert at.button(key=f"rm_{first[2].id}_money").label == "Money and benefits"
