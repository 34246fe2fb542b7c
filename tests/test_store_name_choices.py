"""The store keeps each project's name choices: one per name, the newest wins, gone with the project.

Run on SQLite and PostgreSQL; the migration that adds the table must build exactly the schema of ``tables.py``.
"""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, select, text

from coding.anonymise.names import NameChoices
from coding.store import projects
from coding.store import tables as t
from coding.store.db import MIGRATIONS, open_store
from coding.store.names import forget_name_choice, load_name_choices, set_name_choice
from coding.store.tables import metadata


def test_the_newest_migration_builds_the_schema_of_tables_py(fresh_store):
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    head = ScriptDirectory.from_config(config).get_current_head()
    with fresh_store.read() as conn:
        # A new store is at the newest revision (whichever issue added it last).
        assert conn.execute(text("SELECT version_num FROM alembic_version")).scalar() == head
        assert compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), metadata) == []
        # One choice per name and project: the constraint the store's upsert relies on.
        unique = [c["column_names"] for c in inspect(conn).get_unique_constraints("name_choices")]
        assert unique == [["project_id", "name_key"]]


def test_a_store_made_before_name_choices_upgrades_and_keeps_its_projects(tmp_path):
    from alembic import command

    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    old = open_store(url, migrate_schema=False)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with old.engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0001")
    project_id = projects.create_project(old, "Made before 0002")
    old.engine.dispose()

    store = open_store(url)
    set_name_choice(store, project_id, "Ffion", "add", "Priya")
    assert load_name_choices(store, project_id) == NameChoices(added=("Ffion",))


def test_choices_survive_reopening_and_the_newest_choice_for_a_name_wins(fresh_store):
    project_id = projects.create_project(fresh_store, "Resettlement pilot")
    set_name_choice(fresh_store, project_id, "Ffion", "add", "Priya")
    set_name_choice(fresh_store, project_id, "Peterborough", "exclude", "Priya")
    set_name_choice(fresh_store, project_id, "Yusra", "add", "Sam")
    set_name_choice(fresh_store, project_id, "  ffion. ", "exclude", "Sam")
    reopened = open_store(fresh_store.url)
    assert load_name_choices(reopened, project_id) == NameChoices(added=("Yusra",), excluded=("Peterborough", "ffion"))
    with reopened.read() as conn:
        rows = conn.execute(
            select(t.name_choices.c.name_key, t.name_choices.c.choice, t.name_choices.c.author).order_by(
                t.name_choices.c.id
            )
        ).all()
    assert [tuple(r) for r in rows] == [
        ("peterborough", "exclude", "Priya"),
        ("yusra", "add", "Sam"),
        ("ffion", "exclude", "Sam"),
    ]
    reopened.engine.dispose()


def test_choices_belong_to_one_project_and_go_with_it(fresh_store):
    first = projects.create_project(fresh_store, "Pilot A")
    second = projects.create_project(fresh_store, "Pilot B")
    set_name_choice(fresh_store, first, "Peterborough", "exclude", "Priya")
    set_name_choice(fresh_store, second, "Ffion", "add", "Priya")
    assert forget_name_choice(fresh_store, second, "Peterborough") is False
    assert (load_name_choices(fresh_store, first), load_name_choices(fresh_store, second)) == (
        NameChoices(excluded=("Peterborough",)),
        NameChoices(added=("Ffion",)),
    )
    projects.delete_project(fresh_store, first)
    with fresh_store.read() as conn:
        assert conn.execute(select(t.name_choices.c.name)).scalars().all() == ["Ffion"]
