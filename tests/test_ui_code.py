"""The Code page through AppTest: every click lands in the store at once, stamped with the coder."""

from __future__ import annotations

from coding.store import codes as store_codes
from coding.store import transcripts as store_transcripts
from coding.ui import state
from coding.ui.code_view import escape_markdown
from tests.ui_fixtures import long_interview, open_page, store, ui_project, ui_template  # noqa: F401


def segments(store, transcript_id):
    return store_transcripts.load_segments(store, transcript_id, codable_only=True)


def rows(store, segment_id, coder="Alex"):
    """(theme, status, score, span) of a coder's codes on a segment."""
    found = store_codes.codes_for_segments(store, [segment_id])[segment_id]
    return sorted((c.theme_id, c.status, c.score, (c.start, c.end)) for c in found if c.coder == coder)


def test_the_first_interview_opens_with_text_chips_and_guide_questions(ui_project, store):
    at = open_page(ui_project.url, "code")
    first = segments(store, ui_project.transcript_ids[0])
    assert at.selectbox(key=state.TRANSCRIPT).value == ui_project.transcript_ids[0]
    # Transcript text is shown as plain text, the HTML-looking answer included, never as Markdown.
    assert [t.value for t in at.text] == [s.text for s in first]
    assert not any("<b>Universal Credit</b>" in m.value for m in at.markdown)
    assert at.button(key=f"ok_{first[0].id}_warm_handover").label == "Meeting at the gate · 84%"
    assert (
        "Why suggested: close to 'Meeting at the gate' \\(keyword 'gate'\\)"
        in at.button(key=f"ok_{first[0].id}_warm_handover").help
    )
    captions = [c.value for c in at.caption]
    assert (
        escape_markdown("#1  ·  Respondent  ·  0:20  ·  answering: What happened on the day you were released?")
        in captions
    )


def test_confirm_and_reject_go_to_the_store_with_the_models_score(ui_project, store):
    first = segments(store, ui_project.transcript_ids[0])
    at = open_page(ui_project.url, "code")
    at.button(key=f"ok_{first[0].id}_warm_handover").click().run()
    at.button(key=f"no_{first[0].id}_housing").click().run()
    assert rows(store, first[0].id) == [
        ("housing", "rejected", 0.31, (None, None)),
        ("warm_handover", "confirmed", 0.84, (None, None)),
    ]
    # The chips now show the coder's decisions: confirmed (click removes) and rejected (struck through).
    assert at.button(key=f"rm_{first[0].id}_warm_handover").label == "Meeting at the gate"
    assert at.button(key=f"rm_{first[0].id}_housing").label == "~~Housing on release~~"
    at.button(key=f"rm_{first[0].id}_warm_handover").click().run()
    assert rows(store, first[0].id) == [("housing", "rejected", 0.31, (None, None))]


def test_add_any_theme_from_the_picker(ui_project, store):
    first = segments(store, ui_project.transcript_ids[0])
    at = open_page(ui_project.url, "code")
    at.selectbox(key=f"add_{first[1].id}").set_value("money").run()
    assert rows(store, first[1].id) == [("money", "confirmed", None, (None, None))]
    assert at.selectbox(key=f"add_{first[1].id}").value is None  # the picker is ready for the next theme
    assert at.button(key=f"rm_{first[1].id}_money").label == "Money and benefits"


def test_a_memo_is_saved_on_enter_and_shown(ui_project, store):
    first = segments(store, ui_project.transcript_ids[0])
    at = open_page(ui_project.url, "code")
    at.text_input(key=f"memo_{first[2].id}").input("Grant ran out in a week: check other leavers.").run()
    memos = store_codes.list_memos(store, ui_project.project_id, [first[2].id])
    assert [(m.text, m.author, m.transcript_id) for m in memos] == [
        ("Grant ran out in a week: check other leavers.", "Alex", ui_project.transcript_ids[0])
    ]
    assert escape_markdown("Memo by Alex: Grant ran out in a week: check other leavers.") in [
        c.value for c in at.caption
    ]


def test_undo_restores_the_state_before_the_last_decision(ui_project, store):
    first = segments(store, ui_project.transcript_ids[0])
    at = open_page(ui_project.url, "code")
    at.button(key=f"ok_{first[3].id}_referrals").click().run()
    at.selectbox(key=f"add_{first[3].id}").set_value("housing").run()
    at.run()  # a decision reruns its card alone, and AppTest keeps only what a run drew: draw the page
    undo = next(b for b in at.button if b.label == "Undo my last decision")
    undo.click().run()
    assert rows(store, first[3].id) == [("referrals", "confirmed", 0.73, (None, None))]
    assert "Undid: added *Housing on release*." in [s.value for s in at.success]
    next(b for b in at.button if b.label == "Undo my last decision").click().run()
    assert rows(store, first[3].id) == []


def test_a_sub_span_must_be_words_of_the_segment(ui_project, store):
    first = segments(store, ui_project.transcript_ids[0])
    seg = first[2]
    at = open_page(ui_project.url, "code")
    at.text_input(key=f"words_{seg.id}").input("it went on the first week").run()
    at.selectbox(key=f"spantheme_{seg.id}").set_value("money").run()
    at.button(key=f"span_{seg.id}").click().run()
    start = seg.start + seg.text.index("it went on the first week")
    assert rows(store, seg.id) == [("money", "confirmed", 0.88, (start, start + len("it went on the first week")))]
    # Words that are not in the segment are refused and nothing is written.
    at.text_input(key=f"words_{first[0].id}").input("met me at the station").run()
    at.selectbox(key=f"spantheme_{first[0].id}").set_value("housing").run()
    at.button(key=f"span_{first[0].id}").click().run()
    assert rows(store, first[0].id) == []
    assert [t.body for t in at.toast][-1].startswith("Those words are not in this segment")


def test_without_a_coder_nothing_is_written(ui_project, store):
    first = segments(store, ui_project.transcript_ids[0])
    before = store_codes.decision_log(store, ui_project.project_id)
    at = open_page(ui_project.url, "code", coder=None)
    assert "Type your name under **Coding as**" in at.warning[0].value
    at.button(key=f"ok_{first[0].id}_warm_handover").click().run()
    assert store_codes.decision_log(store, ui_project.project_id) == before
    assert [c for c in store_codes.codes_for_segments(store, [first[0].id])[first[0].id] if c.coder != "model"] == []


def test_two_coders_keep_their_own_decisions(ui_project, store):
    second = segments(store, ui_project.transcript_ids[1])
    at = open_page(ui_project.url, "code", **{state.TRANSCRIPT: ui_project.transcript_ids[1]})
    # Priya confirmed disclosure on this segment; Alex rejects it: both rows stay.
    at.button(key=f"no_{second[0].id}_disclosure").click().run()
    assert rows(store, second[0].id, "Priya") == [("disclosure", "confirmed", 0.86, (None, None))]
    assert rows(store, second[0].id, "Alex") == [("disclosure", "rejected", 0.86, (None, None))]
    assert escape_markdown(
        "Other coders: Priya confirmed Disclosure of convictions; Sam confirmed Disclosure of convictions"
    ) in [c.value for c in at.caption]


def test_filters_hide_reviewed_segments_and_weak_suggestions(ui_project, store):
    second = segments(store, ui_project.transcript_ids[1])
    at = open_page(ui_project.url, "code", coder="Priya", **{state.TRANSCRIPT: ui_project.transcript_ids[1]})
    at.toggle(key=state.UNREVIEWED).set_value(True).run()
    assert [t.value for t in at.text] == [s.text for s in second[3:]]
    at.slider(key=state.MIN_SCORE).set_value(0.8).run()
    shown = sorted(b.key for b in at.button if b.key and b.key.startswith("ok_"))
    assert shown == sorted(f"ok_{s.id}_{t}" for s, t in [(second[5], "money"), (second[7], "warm_handover")])


def test_segments_can_be_listed_by_the_models_confidence(ui_project, store):
    first = segments(store, ui_project.transcript_ids[0])
    at = open_page(ui_project.url, "code")
    at.selectbox(key=state.ORDER).set_value("confident").run()
    # Best suggestions: 0.84, 0.78, 0.88, 0.73, 0.52, 0.91, 0.81, 0.86 in interview order.
    assert [t.value for t in at.text] == [first[i].text for i in (5, 2, 7, 0, 6, 1, 3, 4)]
    numbers = [c.value.split("  ·  ")[0] for c in at.caption if c.value.startswith("\\#")]
    assert numbers == ["\\#6", "\\#3", "\\#8", "\\#1", "\\#7", "\\#2", "\\#4", "\\#5"]  # each keeps its place
    at.selectbox(key=state.ORDER).set_value("doubtful").run()
    assert [t.value for t in at.text] == [first[i].text for i in (4, 3, 1, 6, 0, 7, 2, 5)]


def test_a_300_segment_interview_is_paged_and_next_unreviewed_jumps(ui_project, store):
    tid = long_interview(store, ui_project.project_id, 300)
    long_segments = segments(store, tid)
    for seg in long_segments[:25]:
        store_codes.decide(store, ui_project.project_id, seg.id, "money", "add", "Alex")
    at = open_page(ui_project.url, "code", **{state.TRANSCRIPT: tid})
    assert len(at.text) == 20
    assert at.main.caption[-1].value == "Segments 1–20 of 300 shown"
    next(b for b in at.button if b.label == "Next unreviewed").click().run()
    assert at.text[0].value == long_segments[25].text
    assert at.main.caption[-1].value == "Segments 26–45 of 300 shown"
    next(b for b in at.button if b.label == "Next").click().run()
    assert at.text[0].value == long_segments[45].text


def test_two_tabs_with_two_coders_do_not_overwrite_each_other(ui_project, store):
    first = segments(store, ui_project.transcript_ids[0])
    alex = open_page(ui_project.url, "code", coder="Alex")
    priya = open_page(ui_project.url, "code", coder="Priya")
    alex.button(key=f"ok_{first[0].id}_warm_handover").click().run()
    priya.button(key=f"no_{first[0].id}_warm_handover").click().run()
    alex.run()
    priya.run()  # a decision reruns its card alone, and AppTest keeps only what a run drew: draw the page
    assert rows(store, first[0].id, "Alex") == [("warm_handover", "confirmed", 0.84, (None, None))]
    assert rows(store, first[0].id, "Priya") == [("warm_handover", "rejected", 0.84, (None, None))]
    assert escape_markdown("Other coders: Priya rejected Meeting at the gate") in [c.value for c in alex.caption]
    # Undo in one tab takes back that coder's decision only.
    next(b for b in priya.button if b.label == "Undo my last decision").click().run()
    assert rows(store, first[0].id, "Priya") == []
    assert rows(store, first[0].id, "Alex") == [("warm_handover", "confirmed", 0.84, (None, None))]


def test_learning_as_you_code_rescores_the_open_segments(ui_project, store, hashing_encoder):
    from coding.service.live import LiveSuggester
    from coding.ui import resources

    live = LiveSuggester(store, ui_project.project_id, hashing_encoder)
    resources.live_registry().put(ui_project.url, ui_project.project_id, live)
    first = segments(store, ui_project.transcript_ids[0])
    at = open_page(ui_project.url, "code", **{state.LEARN: True})
    # The registry already holds a warm suggester: no background job to prepare one, and
    # opening the interview brought its suggestions up to date with the decisions so far.
    assert resources.jobs().running(ui_project.project_id) == []
    assert not service_stale(store, ui_project)
    before = store_codes.codes_for_segments(store, [s.id for s in first])
    chip = next(b for b in at.button if b.key and b.key.startswith(f"ok_{first[0].id}_"))
    theme = chip.key.removeprefix(f"ok_{first[0].id}_")
    chip.click().run()
    after = store_codes.codes_for_segments(store, [s.id for s in first])
    assert [(t, status) for t, status, _, _ in rows(store, first[0].id)] == [(theme, "confirmed")]
    # The confirm taught the suggester, which re-scored and re-stored the other (unreviewed) answers.
    # (How far a decision moves its neighbours is tested with the real model in
    # test_suggest_decisions_real_model.py; with this fake encoder the nearest answer barely moves.)
    stamps = lambda codes: {c.created_at for s in first[1:] for c in codes[s.id] if c.coder == "model"}  # noqa: E731
    assert stamps(after) and min(stamps(after)) > max(stamps(before))
    assert not service_stale(store, ui_project)


def service_stale(store, ui_project):
    from coding import service

    return service.suggestions_stale(store, ui_project.project_id, ui_project.transcript_ids[0])
