"""What the researcher decides about identifiers before an export, and the export gate, through the service.

Identifiers the researcher added (of any kind: a name, a prison, a phone number) and
values they marked "not identifying" are stored per project the moment they are chosen,
with who chose them (``coding/store/names.py``), and apply to every export;
``review_names`` lists exactly what an export will replace, by kind.
``pseudonymise_for_export`` and ``gate_export`` are the export's two steps around the
writer: replace every identifier, then read the finished file back and withhold it
on any hit that was not overridden (``override_gate_hit``); ``export_records`` is the
record of every export. ``coding.service`` re-exports these functions: the UI and CLI
call them there.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from coding.errors import WorkbenchError
from coding.store import names as store_names
from coding.store.db import Store

if TYPE_CHECKING:
    from coding.anonymise.identifier_review import FoundName
    from coding.anonymise.names import DetectedNames, NameChoices
    from coding.model import Case


def _checked_name(name: str) -> str:
    from coding.anonymise.names import MAX_NAME_LENGTH, clean_name

    cleaned = clean_name(name or "")
    if not any(ch.isalpha() for ch in cleaned):
        raise WorkbenchError(f"{name!r} is not a name: a name needs at least one letter.")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise WorkbenchError(f"A name is at most {MAX_NAME_LENGTH} characters; this one has {len(cleaned)}.")
    return cleaned


def _choice(store: Store, project_id: int, author: str, kind: str, value: str, identifier_kind: str, save) -> None:
    """Issue 14: only a lead decides what is a name (a wrong "not a name" leaks it), and each choice
    is recorded with who made it; the choice and its history entry are saved together."""
    from coding.service import team
    from coding.team.permissions import TeamAction

    team.authorize(store, project_id, author, TeamAction.CHOOSE_NAMES)
    with store.transaction():
        save()
        team.record(store, project_id, author, kind, value, after={"kind": identifier_kind})


def name_choices(store: Store, project_id: int) -> NameChoices:
    """The project's ``NameChoices``: names the researcher added, and words they marked "not a name"."""
    return store_names.load_name_choices(store, project_id)


def add_name(store: Store, project_id: int, name: str, author: str = "researcher") -> str:
    """Replace ``name`` in every export from now on (stored at once). Returns the name as stored."""
    cleaned = _checked_name(name)
    _choice(
        store,
        project_id,
        author,
        "names.add",
        cleaned,
        "person",
        lambda: store_names.set_name_choice(store, project_id, cleaned, "add", author),
    )
    return cleaned


def exclude_name(store: Store, project_id: int, name: str, author: str = "researcher") -> str:
    """Leave ``name`` as written in every export: it is not a person's name (stored at once)."""
    cleaned = _checked_name(name)
    _choice(
        store,
        project_id,
        author,
        "names.exclude",
        cleaned,
        "person",
        lambda: store_names.set_name_choice(store, project_id, cleaned, "exclude", author),
    )
    return cleaned


# Undoing either choice: an added name is no longer added, an excluded one is replaced again.
forget_name_choice = store_names.forget_name_choice


def review_names(
    store: Store, project_id: int, detect: Callable[[list[Case], list[str]], DetectedNames] | None = None
) -> list[FoundName]:
    """Every identifier an export will replace (and every one marked "not identifying"): a list of ``FoundName``.

    ``detect(cases, notes) -> DetectedNames`` finds them (default: Presidio over every
    case, memo and summary, the slow part); the UI passes a cached one.
    """
    from coding.anonymise.identifier_review import review_names as review
    from coding.anonymise.names import detect_names
    from coding.anonymise.pseudonymise import snapshot_notes
    from coding.store.snapshot import project_snapshot

    snapshot = project_snapshot(store, project_id)
    notes = snapshot_notes(snapshot)
    detected = detect(snapshot.cases, notes) if detect else detect_names(snapshot.cases, notes=notes)
    return review(snapshot, detected, store_names.load_name_choices(store, project_id))


# ----- identifiers of every kind, the export gate and its records (issue 12) -----


def add_identifier(store: Store, project_id: int, value: str, kind: str, author: str = "researcher") -> str:
    """Replace ``value`` (an identifier of ``kind``: a prison, a phone number...) in every export from now on."""
    from coding.anonymise.kinds import KINDS, PERSON

    if kind not in KINDS:
        raise WorkbenchError(f"Unknown kind of identifier {kind!r}; choose one of {', '.join(KINDS)}.")
    cleaned = _checked_name(value) if kind == PERSON else " ".join((value or "").split())
    if not cleaned or len(cleaned) > 200:
        raise WorkbenchError("An identifier needs 1 to 200 characters.")
    _choice(
        store,
        project_id,
        author,
        "names.add",
        cleaned,
        kind,
        lambda: store_names.set_name_choice(store, project_id, cleaned, "add", author, kind),
    )
    return cleaned


def exclude_identifier(
    store: Store, project_id: int, value: str, kind: str = "person", author: str = "researcher"
) -> str:
    """Leave ``value`` as written in every export: it identifies no one (stored at once, with who decided)."""
    cleaned = " ".join((value or "").split())
    if not cleaned or len(cleaned) > 200:
        raise WorkbenchError("An identifier needs 1 to 200 characters.")
    _choice(
        store,
        project_id,
        author,
        "names.exclude",
        cleaned,
        kind,
        lambda: store_names.set_name_choice(store, project_id, cleaned, "exclude", author, kind),
    )
    return cleaned


def identifier_choice_authors(store: Store, project_id: int) -> dict[str, tuple[str, str]]:
    """value key -> (who, "add" | "exclude"): who made each choice the review shows."""
    return store_names.name_choice_authors(store, project_id)


def set_case_label(store: Store, project_id: int, transcript_id: int, label: str) -> str:
    """Set the label a case is exported under (the ``case_label`` attribute); "" goes back to the opaque default."""
    from coding.anonymise.case_labels import LABEL_KEY
    from coding.store import transcripts as store_transcripts

    info = next((i for i in store_transcripts.list_transcripts(store, project_id) if i.id == transcript_id), None)
    if info is None:
        raise WorkbenchError(f"Transcript {transcript_id} is not in this project.")
    label = " ".join((label or "").split())
    if len(label) > 80:
        raise WorkbenchError("A case label is at most 80 characters.")
    attributes = {k: v for k, v in dict(info.attributes).items() if k != LABEL_KEY}
    if label:
        attributes[LABEL_KEY] = label
    store_transcripts.update_attributes(store, transcript_id, attributes)
    return label


def pseudonymise_for_export(store: Store, project_id: int, snapshot, extra_names=(), detect=None):
    """The snapshot with every identifier replaced, and the (kind, value) list the gate checks the file for.

    ``detect(cases, notes) -> DetectedNames`` (default: Presidio over every text, chunk-cached).
    """
    from coding.anonymise.names import detect_names
    from coding.anonymise.pseudonymise import listed_values, pseudonymise_snapshot, snapshot_notes

    choices = store_names.load_name_choices(store, project_id)
    notes = snapshot_notes(snapshot)
    detected = detect(snapshot.cases, notes) if detect else detect_names(snapshot.cases, notes=notes)
    listed = listed_values(snapshot, detected, choices, extra_names)
    return pseudonymise_snapshot(snapshot, extra_names, choices=choices, detected=detected), listed


def gate_lists(store: Store, project_id: int, snapshot) -> list[tuple[str, str]]:
    """What the gate checks a file without interview text (a codebook) for: the lists, without the names model."""
    from coding.anonymise.names import detect_names
    from coding.anonymise.pseudonymise import listed_values, snapshot_notes

    choices = store_names.load_name_choices(store, project_id)
    detected = detect_names(snapshot.cases, use_ner=False, notes=snapshot_notes(snapshot))
    return listed_values(snapshot, detected, choices)


def gate_export(
    store: Store, project_id: int, export_kind: str, path, listed, pseudonymised: bool, author: str = "researcher"
) -> list:
    """Read the finished export back; withhold it (delete the file, raise ``ExportBlocked``) on any open hit.

    An export without pseudonymisation is the researcher's explicit choice: it is
    recorded and not gated (every name in it would be a hit). Hits the researcher
    overrode (``override_gate_hit``) pass and are counted. Returns the overridden hits.
    """
    from pathlib import Path

    from coding.anonymise.gate import describe, scan_export
    from coding.errors import ExportBlocked
    from coding.store import identifiers as store_identifiers

    path = Path(path)
    if not pseudonymised:
        store_identifiers.record_export(store, project_id, export_kind, path.name, False, "written", 0, 0, author)
        return []
    hits = scan_export(path, listed)
    overrides = store_identifiers.load_overrides(store, project_id, export_kind)
    passed = [h for h in hits if (h.kind, h.value, h.location) in overrides]
    open_hits = [h for h in hits if (h.kind, h.value, h.location) not in overrides]
    if open_hits:
        path.unlink(missing_ok=True)
        store_identifiers.record_export(
            store, project_id, export_kind, path.name, True, "blocked", len(hits), len(passed), author
        )
        error = ExportBlocked(
            describe(open_hits) + "\nThe file was not kept. Mark a value 'not identifying' on the "
            "review, add what the export missed, or override a single hit."
        )
        error.hits = tuple(open_hits)
        raise error
    store_identifiers.record_export(
        store, project_id, export_kind, path.name, True, "written", len(hits), len(passed), author
    )
    return passed


def override_gate_hit(store: Store, project_id: int, export_kind: str, hit, reason: str, author: str) -> None:
    """Let one gate hit (a ``GateHit`` of one export kind) through from now on, recorded with who and why."""
    from coding.store import identifiers as store_identifiers

    if not (reason or "").strip():
        raise WorkbenchError("Say why this hit may stay in the export: the override is recorded with its reason.")
    from coding.service import team
    from coding.team.permissions import TeamAction

    team.authorize(store, project_id, author, TeamAction.OVERRIDE_GATE)
    team.record(
        store,
        project_id,
        author,
        "override",
        f"{export_kind}: {hit.kind} {hit.value!r}",
        after={"location": str(hit.location), "reason": reason.strip()},
    )
    store_identifiers.add_override(
        store, project_id, export_kind, hit.kind, hit.value, hit.location, reason.strip(), author
    )


def export_records(store: Store, project_id: int) -> list:
    """Every export of the project, written or blocked, pseudonymised or not, with who made it."""
    from coding.store import identifiers as store_identifiers

    return store_identifiers.export_records(store, project_id)


def indirect_identifier_flags(store: Store, project_id: int, include_suggested: bool = False, detect=None) -> list:
    """Coded passages (as a quote table would show them, identifiers replaced) carrying two or more indirect
    details (establishment, role, offence, date or age, "the only..."): ``IndirectFlag`` values to look at."""
    from coding.anonymise.indirect import flag_quotes
    from coding.store.snapshot import project_snapshot

    snapshot = project_snapshot(store, project_id, include_suggested=include_suggested)
    snapshot, _ = pseudonymise_for_export(store, project_id, snapshot, detect=detect)
    cases = {case.id: case.name for case in snapshot.cases}
    labels = {theme.id: theme.label for frame in snapshot.frames for theme, _ in frame.walk()}
    quotes = [
        (cases.get(c.case_id, ""), labels.get(c.theme_id, c.theme_id), c.text)
        for c in snapshot.codings
        if c.role != "interviewer"
    ]
    seen, unique = set(), []
    for quote in quotes:  # a passage coded under two themes is one quote to read
        if (quote[0], quote[2]) not in seen:
            seen.add((quote[0], quote[2]))
            unique.append(quote)
    return flag_quotes(unique)
