"""What the researcher decides about names before a pseudonymised export, through the service.

Names the researcher added (the names model missed them) and words they marked "not a
name" are stored per project the moment they are chosen (``coding/store/names.py``) and
apply to every export; ``review_names`` lists exactly what an export will replace.
``coding.service`` re-exports these functions: the UI and CLI call them there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from coding.errors import WorkbenchError
from coding.store import names as store_names
from coding.store.db import Store

if TYPE_CHECKING:
    from coding.anonymise.names import DetectedNames, NameChoices
    from coding.anonymise.review import FoundName
    from coding.model import Case


def _checked_name(name: str) -> str:
    from coding.anonymise.names import MAX_NAME_LENGTH, clean_name

    cleaned = clean_name(name or "")
    if not any(ch.isalpha() for ch in cleaned):
        raise WorkbenchError(f"{name!r} is not a name: a name needs at least one letter.")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise WorkbenchError(f"A name is at most {MAX_NAME_LENGTH} characters; this one has {len(cleaned)}.")
    return cleaned


def name_choices(store: Store, project_id: int) -> NameChoices:
    """The project's ``NameChoices``: names the researcher added, and words they marked "not a name"."""
    return store_names.load_name_choices(store, project_id)


def add_name(store: Store, project_id: int, name: str, author: str = "researcher") -> str:
    """Replace ``name`` in every export from now on (stored at once). Returns the name as stored."""
    cleaned = _checked_name(name)
    store_names.set_name_choice(store, project_id, cleaned, "add", author)
    return cleaned


def exclude_name(store: Store, project_id: int, name: str, author: str = "researcher") -> str:
    """Leave ``name`` as written in every export: it is not a person's name (stored at once)."""
    cleaned = _checked_name(name)
    store_names.set_name_choice(store, project_id, cleaned, "exclude", author)
    return cleaned


# Undoing either choice: an added name is no longer added, an excluded one is replaced again.
forget_name_choice = store_names.forget_name_choice


def review_names(
    store: Store, project_id: int, detect: Callable[[list[Case]], DetectedNames] | None = None
) -> list[FoundName]:
    """Every name an export will replace (and every one marked "not a name"): a list of ``FoundName``.

    ``detect(cases) -> DetectedNames`` finds the names (default: spaCy over every case,
    the slow part); the UI passes a cached one.
    """
    from coding.anonymise.names import detect_names
    from coding.anonymise.review import review_names as review
    from coding.store.snapshot import project_snapshot

    snapshot = project_snapshot(store, project_id)
    detected = (detect or detect_names)(snapshot.cases)
    return review(snapshot, detected, store_names.load_name_choices(store, project_id))
