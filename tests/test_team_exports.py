"""Exports are a lead's, use the settled codes where coders disagreed, and are recorded."""

from __future__ import annotations

import csv

import pytest

from coding import service
from coding.errors import PermissionDenied
from coding.model import CodedSegment
from coding.service import team
from coding.store import codes as store_codes
from coding.team.adjudication import SETTLED, SettledCode, settle_codings
from tests.store_factory import small_project


def row(segment, theme, coder, status="confirmed"):
    return CodedSegment(1, segment, "r", "respondent", "text", 0, 4, theme, status, coder, "human")


def test_settled_codings_replace_the_coders_rows_once_in_order():
    rows = [
        row(1, "sanctions", "amira"),
        row(1, "sanctions", "ben"),
        row(1, "referrals", "amira"),
        row(2, "sanctions", "amira"),
        row(2, "sanctions", "model", "suggested"),
    ]
    settled = [SettledCode(1, "sanctions", True, "lena"), SettledCode(2, "sanctions", False, "lena")]
    assert [(r.segment_id, r.theme_id, r.coder) for r in settle_codings(iter(rows), settled)] == [
        (1, "sanctions", SETTLED),
        (1, "referrals", "amira"),
    ]


def test_a_csv_export_uses_the_settled_code_and_is_recorded(fresh_store, tmp_path):
    project_id, _, segments = small_project(fresh_store)
    for name in ("lena", "amira"):
        team.add_user(fresh_store, name, None)
    team.set_member(fresh_store, project_id, "lena", "lead", by=team.CLI)
    team.set_member(fresh_store, project_id, "amira", "coder", by="lena")
    sid = segments[1].id
    store_codes.decide(fresh_store, project_id, sid, "sanctions", "confirm", "amira")
    store_codes.decide(fresh_store, project_id, sid, "sanctions", "reject", "ben")
    team.settle(fresh_store, project_id, sid, "sanctions", True, by="lena")
    with pytest.raises(PermissionDenied, match="only a lead may export the project"):
        service.export_project(fresh_store, project_id, "csv", tmp_path / "codes.csv", author="amira")
    with pytest.raises(PermissionDenied, match="only a lead may export the project"):
        service.export_project(
            fresh_store, project_id, "csv", tmp_path / "codes.csv", author="amira", pseudonymise=False
        )
    # without pseudonymising (a lead's override), so the test needs no language model
    path = service.export_project(
        fresh_store, project_id, "csv", tmp_path / "codes.csv", author="lena", pseudonymise=False
    )
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    coder_column = next(c for c in rows[0] if c.lower() == "coder")
    assert [(r[coder_column]) for r in rows] == [SETTLED]
    (entry,) = team.history(fresh_store, project_id, kinds=["export"])
    assert (entry.actor, entry.target, entry.after["pseudonymised"]) == ("lena", "csv: codes.csv", False)
