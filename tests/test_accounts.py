"""Workbench accounts: argon2id hashes, never the password; sign-in says only yes or no."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from coding.errors import WorkbenchError
from coding.service import team
from coding.store import tables as t
from coding.team import accounts
from coding.team.accounts import check_username


@pytest.fixture(autouse=True)
def light_hasher(request, monkeypatch):
    """argon2id with the smallest cost, so the tests run in seconds; one test checks the real cost."""
    if "real_cost" not in request.node.name:
        from argon2 import PasswordHasher

        monkeypatch.setattr(accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def test_an_account_stores_an_argon2id_hash_and_signs_in_with_its_password(fresh_store):
    account = team.add_user(
        fresh_store, "Priya", "correct horse battery", display_name="Priya Shah", email="Priya@Example.org"
    )
    assert (account.username, account.display_name, account.email) == ("priya", "Priya Shah", "priya@example.org")
    with fresh_store.read() as conn:
        stored = conn.execute(select(t.users.c.password_hash)).scalar()
    assert stored.startswith("$argon2id$") and "correct horse" not in stored
    assert team.sign_in(fresh_store, "priya", "correct horse battery").username == "priya"
    assert team.sign_in(fresh_store, " PRIYA ", "correct horse battery").username == "priya"
    assert team.sign_in(fresh_store, "priya", "wrong horse battery") is None
    assert team.sign_in(fresh_store, "nobody", "correct horse battery") is None
    assert team.account_for_email(fresh_store, "priya@example.org").username == "priya"


def test_the_real_cost_is_argon2id_with_64_mib_and_3_passes(fresh_store):
    team.add_user(fresh_store, "lena", "a long lead password")
    with fresh_store.read() as conn:
        assert conn.execute(select(t.users.c.password_hash)).scalar().startswith("$argon2id$v=19$m=65536,t=3,p=4$")


def test_two_accounts_with_one_password_have_different_hashes(fresh_store):
    team.add_user(fresh_store, "amira", "same password 123")
    team.add_user(fresh_store, "ben", "same password 123")
    with fresh_store.read() as conn:
        hashes = conn.execute(select(t.users.c.password_hash)).scalars().all()
    assert len(set(hashes)) == 2  # salted


def test_a_password_can_be_changed_and_an_identity_provider_account_has_none(fresh_store):
    team.add_user(fresh_store, "amira", "first password 1")
    team.set_password(fresh_store, "amira", "second password 2")
    assert team.sign_in(fresh_store, "amira", "first password 1") is None
    assert team.sign_in(fresh_store, "amira", "second password 2") is not None
    team.add_user(fresh_store, "chloe", None, email="chloe@example.org")
    assert team.sign_in(fresh_store, "chloe", "") is None


@pytest.mark.parametrize(
    ("username", "password", "message"),
    [
        ("amira", "short", "at least 10 characters"),
        ("model", "long enough password", "reserved"),
        ("9lives", "long enough password", "not a username"),
        ("amira smith", "long enough password", "not a username"),
    ],
)
def test_bad_accounts_are_refused_with_the_reason(fresh_store, username, password, message):
    with pytest.raises(WorkbenchError, match=message):
        team.add_user(fresh_store, username, password)
    assert team.list_users(fresh_store) == []


def test_a_username_is_taken_once(fresh_store):
    team.add_user(fresh_store, "amira", "long enough password")
    with pytest.raises(WorkbenchError, match="already an account 'amira'"):
        team.add_user(fresh_store, "Amira", "another long password")


def test_usernames_are_lower_case():
    assert check_username("Ben.Okafor") == "ben.okafor"
