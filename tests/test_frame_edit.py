"""Frame edits: each gives a new version and one change-log sentence; codes follow the right theme."""

from __future__ import annotations

import pytest

from coding.errors import FrameEditError, NotFound
from coding.frames import edit
from coding.model import Frame, Theme


@pytest.fixture
def frame():
    def q(theme_id, label):
        return Theme(id=theme_id, label=label, kind="question")

    return Frame(
        name="Allotment guide",
        id="allot",
        version=3,
        themes=[
            Theme(
                id="allot_a",
                label="Getting involved",
                kind="section",
                keywords=["volunteer"],
                children=[q("allot_a_q1", "How did you hear about it?"), q("allot_a_q2", "Why volunteer?")],
            ),
            Theme(
                id="allot_b",
                label="Running the plots",
                kind="section",
                keywords=["plots"],
                children=[q("allot_b_q1", "How are plots allocated?")],
            ),
            Theme(id="allot_c", label="Looking ahead", kind="section"),
        ],
    )


def shape(frame):
    return [(t.id, [c.id for c in t.children]) for t in frame.themes]


def test_rename_keeps_the_id_and_makes_a_new_version(frame):
    new, change = edit.rename(frame, "allot_b", "Plot allocation")
    assert (new.version, new.find("allot_b").label, frame.find("allot_b").label) == (
        4,
        "Plot allocation",
        "Running the plots",
    )
    assert change == edit.FrameChange("rename", 'Renamed "Running the plots" to "Plot allocation".', {}, "allot_b", 4)


def test_describe_changes_only_what_is_given(frame):
    new, change = edit.describe(frame, "allot_a_q2", description="Motives  for joining", key=True)
    theme = new.find("allot_a_q2")
    assert (theme.description, theme.keywords, theme.key) == ("Motives for joining", [], True)
    assert change.summary == 'Updated "Why volunteer?": description, marked key.'
    with pytest.raises(FrameEditError):
        edit.describe(new, "allot_a_q2", key=True)


def test_add_under_a_parent_at_a_position_with_a_made_id(frame):
    new, change = edit.add(frame, "allot_b", Theme(id="", label="Water supply", kind="question"), position=0)
    assert shape(new)[1] == ("allot_b", ["allot_b_water_supply", "allot_b_q1"])
    assert change.summary == 'Added "Water supply" under "Running the plots".'
    with pytest.raises(FrameEditError, match="already in the frame"):
        edit.add(new, None, Theme(id="allot_a", label="Again"))


def test_delete_of_a_used_theme_archives_its_codes_unless_they_move(frame):
    archived, change = edit.delete(frame, "allot_a", used_ids={"allot_a_q2"})
    assert shape(archived) == [("allot_b", ["allot_b_q1"]), ("allot_c", [])]
    assert (change.remap, change.summary) == (
        {},
        'Deleted "Getting involved"; its codes are archived with it (allot_a_q2), restorable from the Frame page.',
    )
    new, change = edit.delete(frame, "allot_a", used_ids={"allot_a_q2"}, move_codes_to="allot_b")
    assert shape(new) == [("allot_b", ["allot_b_q1"]), ("allot_c", [])]
    assert (change.remap, change.summary) == (
        {"allot_a_q2": "allot_b"},
        'Deleted "Getting involved"; its codes move to "Running the plots".',
    )
    unused, change = edit.delete(frame, "allot_c", used_ids={"allot_a_q2"})
    assert (len(unused.themes), change.remap, change.summary) == (2, {}, 'Deleted "Looking ahead".')


def test_merge_moves_children_and_codes_to_the_target(frame):
    new, change = edit.merge(frame, "allot_b", "allot_a")
    assert shape(new) == [("allot_a", ["allot_a_q1", "allot_a_q2", "allot_b_q1"]), ("allot_c", [])]
    assert new.find("allot_a").keywords == ["volunteer", "plots"]
    assert (change.kind, change.remap, change.summary, change.version) == (
        "merge",
        {"allot_b": "allot_a"},
        'Merged "Running the plots" into "Getting involved"; its codes move to "Getting involved".',
        4,
    )
    with pytest.raises(FrameEditError):
        edit.merge(frame, "allot_a", "allot_a_q1")


def test_split_adds_siblings_and_codes_stay(frame):
    new, change = edit.split(frame, "allot_a_q2", ["Health reasons", "Meeting people"])
    assert shape(new)[0] == (
        "allot_a",
        ["allot_a_q1", "allot_a_q2", "allot_a_q2_health_reasons", "allot_a_q2_meeting_people"],
    )
    assert [t.kind for t in new.themes[0].children] == ["question"] * 4
    assert (change.remap, change.summary) == (
        {},
        'Split "Why volunteer?": added "Health reasons", "Meeting people"; its codes stay on "Why volunteer?".',
    )


def test_move_and_reorder(frame):
    moved, change = edit.move(frame, "allot_b_q1", "allot_c", 0)
    assert shape(moved) == [("allot_a", ["allot_a_q1", "allot_a_q2"]), ("allot_b", []), ("allot_c", ["allot_b_q1"])]
    assert change.summary == 'Moved "How are plots allocated?" under "Looking ahead".'
    with pytest.raises(FrameEditError):
        edit.move(frame, "allot_a", "allot_a_q1")
    reordered, change = edit.reorder(moved, None, ["allot_c", "allot_a", "allot_b"])
    assert ([t.id for t in reordered.themes], reordered.version, change.summary) == (
        ["allot_c", "allot_a", "allot_b"],
        5,
        "Reordered the themes at the top level.",
    )
    with pytest.raises(FrameEditError):
        edit.reorder(moved, None, ["allot_c", "allot_a"])


def test_unknown_theme(frame):
    with pytest.raises(NotFound):
        edit.rename(frame, "allot_z", "Anything")


def test_map_to_sets_the_crosscutting_themes_of_a_question():
    from coding.frames.edit import map_to
    from coding.model import Frame, Theme

    frame = Frame(
        name="Guide",
        themes=[
            Theme(
                "g_h",
                "Sanctioning",
                kind="section",
                children=[
                    Theme(
                        "g_h_q1",
                        "Do you initiate the process which might result in referral to sanctions?",
                        kind="question",
                    ),
                ],
            )
        ],
    )
    new, change = map_to(frame, "g_h_q1", ["sanctions", "referrals", "sanctions"])
    assert new.find("g_h_q1").maps_to == ["sanctions", "referrals"]
    assert frame.find("g_h_q1").maps_to == []
    assert (change.kind, new.version) == ("map", 2)
    assert (
        change.summary
        == '"Do you initiate the process which might result in referral…" is now evidence for sanctions, referrals.'
    )
    with pytest.raises(FrameEditError, match="already maps"):
        map_to(new, "g_h_q1", ["sanctions", "referrals"])
