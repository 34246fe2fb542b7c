"""Disagreements side by side, settled by the lead; the originals kept, exports given the settled code."""

from __future__ import annotations

import pytest

from coding.errors import PermissionDenied
from coding.model import CodeApplication
from coding.service import team
from coding.store import codes as store_codes
from coding.team.adjudication import SETTLED, Disagreement, SettledCode, apply_settlements, disagreements
from tests.store_factory import small_project


def code(segment, theme, coder, status="confirmed"):
    return CodeApplication(segment, theme, status, coder, source="model" if coder == "model" else "human")


CODES = [
    code(1, "sanctions", "model", "suggested"),
    code(1, "sanctions", "amira"),
    code(1, "sanctions", "ben", "rejected"),
    code(2, "referrals", "amira"),
    code(2, "referrals", "ben"),  # agreed
    code(3, "disclosure", "ben"),
    code(3, "referrals", "amira", "rejected"),  # amira reviewed 3 without disclosure
    code(4, "sanctions", "amira"),  # only amira reviewed 4: nobody to differ with
]


def test_disagreements_are_the_themes_one_reviewer_applied_and_another_did_not():
    settled = [SettledCode(1, "sanctions", True, "lena", "the sanction is described")]
    assert disagreements(CODES, settled) == [
        Disagreement(1, "sanctions", ("amira",), ("ben",), settled[0]),
        Disagreement(3, "disclosure", ("ben",), ("amira",), None),
    ]


def test_settled_codes_replace_the_researchers_codes_in_what_exports_read():
    settled = [SettledCode(1, "sanctions", False, "lena"), SettledCode(3, "disclosure", True, "lena", "asked twice")]
    out = apply_settlements(CODES, settled)
    assert [(c.segment_id, c.theme_id, c.coder, c.status) for c in out] == [
        (1, "sanctions", "model", "suggested"),
        (2, "referrals", "amira", "confirmed"),
        (2, "referrals", "ben", "confirmed"),
        (3, "referrals", "amira", "rejected"),
        (4, "sanctions", "amira", "confirmed"),
        (1, "sanctions", SETTLED, "rejected"),
        (3, "disclosure", SETTLED, "confirmed"),
    ]
    assert out[-1].why == "asked twice"


def test_the_lead_settles_in_the_store_keeping_both_originals(fresh_store):
    project_id, transcript_id, segments = small_project(fresh_store)
    team.add_user(fresh_store, "lena", None)
    team.add_user(fresh_store, "amira", None)
    team.set_member(fresh_store, project_id, "lena", "lead", by=None)
    team.set_member(fresh_store, project_id, "amira", "coder", by="lena")
    sid = segments[1].id
    store_codes.decide(fresh_store, project_id, sid, "sanctions", "confirm", "amira")
    store_codes.decide(fresh_store, project_id, sid, "sanctions", "reject", "ben")
    assert [
        (d.segment_id, d.applied_by, d.not_applied_by) for d in team.project_disagreements(fresh_store, project_id)
    ] == [(sid, ("amira",), ("ben",))]
    with pytest.raises(PermissionDenied):
        team.settle(fresh_store, project_id, sid, "sanctions", True, by="amira")
    team.settle(fresh_store, project_id, sid, "sanctions", False, by="lena", note="not a sanction: a warning")
    team.settle(fresh_store, project_id, sid, "sanctions", True, by="lena", note="a sanction after all")
    (settled,) = team.settled_codes(fresh_store, project_id)
    assert settled == SettledCode(sid, "sanctions", True, "lena", "a sanction after all", settled.settled_at)
    kept = {(c.coder, c.status) for c in store_codes.project_codes(fresh_store, project_id) if c.segment_id == sid}
    assert {("amira", "confirmed"), ("ben", "rejected")} <= kept
    exported = team.codes_for_export(fresh_store, project_id, store_codes.project_codes(fresh_store, project_id))
    assert [(c.coder, c.status) for c in exported if c.segment_id == sid and c.theme_id == "sanctions"] == [
        ("model", "suggested"),
        (SETTLED, "confirmed"),
    ]
    assert [(e.kind, e.before, e.after) for e in team.history(fresh_store, project_id, kinds=["code.settle"])] == [
        (
            "code.settle",
            {"applied": False, "note": "not a sanction: a warning"},
            {"applied": True, "note": "a sanction after all"},
        ),
        ("code.settle", None, {"applied": False, "note": "not a sanction: a warning"}),
    ]
