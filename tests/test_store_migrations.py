"""Stores are created and upgraded by Alembic; bad URLs give one clear error."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect, text

from coding.errors import StoreError
from coding.store.db import normalise_url, open_store
from coding.store.tables import metadata


def test_a_new_store_is_at_the_newest_revision_with_every_table(fresh_store):
    with fresh_store.read() as conn:
        assert (
            conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == "0008"
        )  # 0008: answer_questions (issue 19)
        assert set(inspect(conn).get_table_names()) == set(metadata.tables) | {"alembic_version"}


def test_opening_twice_is_harmless(tmp_path):
    url = f"sqlite:///{tmp_path / 'p.sqlite'}"
    open_store(url)
    store = open_store(url)
    with store.read() as conn:
        assert conn.execute(text("SELECT count(*) FROM alembic_version")).scalar() == 1


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("projects/x.sqlite", "sqlite:///projects/x.sqlite"),
        ("postgres://u@h/db", "postgresql+psycopg://u@h/db"),
        ("postgresql://u@h/db", "postgresql+psycopg://u@h/db"),
        ("sqlite:///a.sqlite", "sqlite:///a.sqlite"),
    ],
)
def test_urls_are_normalised(given, expected):
    assert normalise_url(given) == expected


def test_an_unreachable_server_is_one_clear_error():
    with pytest.raises(StoreError, match="Cannot open the store"):
        open_store("postgresql://nobody@127.0.0.1:1/none")


def test_store_describes_where_the_data_lives(tmp_path):
    store = open_store(str(tmp_path / "p.sqlite"))
    assert store.describe() == str((tmp_path / "p.sqlite").resolve())
