"""Identifier detection: identifiers of every kind planted into the demo interviews, found or missed.

Copies of the seven demo transcripts (``transcripts/``) get identifiers planted into
their turns the way people say them ("Mr Hargreaves", "Brenny", "brennan's",
"HMP Leeds", "up in Wakefield", "07700 900123", "my NI's QQ123456C", "I live off
Elmfield Road"), from fictional pools. Three systems replace identifiers in them:

- **baseline**: the names-only pseudonymiser as it was before issue 12 (its modules
  read from git at ``BASELINE_COMMIT``): speaker labels, person attributes, spaCy
  PERSON entities, capitalised matches only;
- **new, list empty**: Presidio + the UK recognisers, nothing on the project's lists;
- **new, list filled**: the same, with the researcher's lists filled in (every planted
  person, place, prison, street and organisation added, as a team adds its sample frame).

Recall per kind: a planted identifier counts as found when replacements cover every
character of it. Precision per kind (of what a system replaced, by the kind it said):
a replacement is right when it overlaps a planted identifier or one of the demo
interviews' own names (``DEMO_IDENTIFIERS``, judged by hand before this benchmark
was run). Then the planted interviews are stored as a project, exported in every
format through the service (pseudonymised, gated) and read back: the count of
planted identifiers found in each file must be 0; the baseline's exports are
counted the same way.

No constant here was tuned on these plants: the recognisers' patterns and the
Presidio score threshold (0.3) were written before the benchmark existed.

    .venv/bin/python benchmarks/bench_identifiers.py [--seed 12]
"""

from __future__ import annotations

import argparse
import random
import re
import subprocess
import sys
import tempfile
import types
from dataclasses import dataclass, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from coding.anonymise import kinds as K  # noqa: E402
from coding.model import Case, ProjectSnapshot, Transcript  # noqa: E402

BASELINE_COMMIT = "94c87a5"  # the last commit before issue 12's work
TRANSCRIPT_SUFFIXES = (".txt", ".vtt", ".srt", ".docx")
PER_KIND = 3  # planted sentences per kind per interview

FIRST = [
    "Darren",
    "Tanya",
    "Callum",
    "Shannon",
    "Nathan",
    "Kerry",
    "Ricky",
    "Leanne",
    "Wayne",
    "Chantelle",
    "Jamal",
    "Bethany",
    "Connor",
    "Aisha",
    "Liam",
    "Gemma",
]
SUR = [
    "Okonkwo",
    "Hargreaves",
    "Pemberton",
    "Whitlock",
    "Ashworth",
    "Kowalski",
    "Brennan",
    "Doherty",
    "Fairclough",
    "Mahmood",
    "Sutcliffe",
    "Thornton",
    "Oyelaran",
    "McCreadie",
    "Lindqvist",
    "Beresford",
]
TOWNS = [
    "Wakefield",
    "Doncaster",
    "Rotherham",
    "Barnsley",
    "Halifax",
    "Huddersfield",
    "Grimsby",
    "Scunthorpe",
    "Bolton",
    "Wigan",
    "Stockport",
    "Harrogate",
]
PRISONS = [
    "Leeds",
    "Wandsworth",
    "Pentonville",
    "Durham",
    "Hull",
    "Lincoln",
    "Nottingham",
    "Bristol",
    "Exeter",
    "Norwich",
    "Hindley",
    "Swinfen Hall",
]
STREETS = ["Elmfield", "Ashgrove", "Cavendish", "Holloway", "Beechwood", "Marlborough", "Rosebery", "Windermere"]
STREET_ENDS = ["Road", "Street", "Lane", "Avenue", "Close", "Drive", "Crescent", "Terrace"]
ORGS = [
    "Greggs",
    "Hargreaves Joinery",
    "Northfield Scaffolding",
    "Brightside Recycling",
    "Kwik Fit",
    "Pennine Logistics",
    "Calder Valley Builders",
    "Aldi",
]
POSTCODES = ["LS6 2AB", "WF1 3QT", "BD7 1DP", "S70 2TA", "HU3 6ET", "M14 5RL", "DN1 2HG", "HX1 4PZ"]
MONTHS = ["January", "March", "May", "July", "September", "November"]

# The demo interviews' own identifiers, judged by hand: replacing these is right, not a false alarm.
DEMO_IDENTIFIERS = [
    "Priya Shah",
    "Lorraine Baker",
    "Jason",
    "James Patel",
    "Nicola Grant",
    "Pete",
    "Peterborough",
    "Kyle",
    "Bev",
    "Martin",
    "Dave",
    "Dean",
    "Jodie",
    "Kelly",
    "Ruth Okafor",
    "Dawn Fletcher",
    "Lee Barnes",
    "Sam",
    "Steve",
    "Tom Reid",
    "Claire Osei",
    "Dev",
    "Fiona",
    "Priya",
    "Shah",
    "Lorraine",
    "Baker",
    "James",
    "Patel",
    "Nicola",
    "Grant",
    "Ruth",
    "Okafor",
    "Dawn",
    "Fletcher",
    "Lee",
    "Barnes",
    "Tom",
    "Reid",
    "Claire",
    "Osei",
]


PERSON_FORMS = ("  person, capitalised", "  person, lower case")


@dataclass(frozen=True)
class Plant:
    kind: str
    start: int
    end: int
    value: str
    listed: tuple[str, str] | None  # (kind, value) the researcher's list would hold, or None for a pattern


def _sentence(rng: random.Random, kind: str) -> tuple[str, str, tuple[str, str] | None]:
    """(sentence with {X} marking the identifier, the identifier, its list entry)."""
    first, sur = rng.choice(FIRST), rng.choice(SUR)
    d = lambda n: "".join(str(rng.randrange(10)) for _ in range(n))  # noqa: E731
    if kind == K.PERSON:
        form = rng.randrange(6)
        value, template = [
            (sur, "Mr {X} sorted my ID out."),
            (f"{first} {sur}", "{X} from the hostel rang me."),
            (
                sur[:-1] + "y" if sur.endswith(("n", "t", "r")) else sur + "y",
                "{X}, that's what we call him, was alright.",
            ),
            (sur.lower(), "I went round {X}'s after."),
            (f"{first.lower()} {sur.lower()}", "me and {X} got picked up."),
            (first, "{X} said it'd be fine."),
        ][form]
        listed = (K.PERSON, f"{first} {sur}") if form in (1, 4) else (K.PERSON, sur if form in (0, 3) else first)
        if form == 2:
            listed = (K.PERSON, sur)
        return template, value, listed
    if kind == K.PLACE:
        town = rng.choice(TOWNS)
        return (
            rng.choice(["then they moved me up in {X}.", "I'm from {X} originally.", "down in {X} it's different."]),
            town,
            (K.PLACE, town),
        )
    if kind == K.ESTABLISHMENT:
        prison = rng.choice(PRISONS)
        form = rng.randrange(5)
        value, template = [
            (f"HMP {prison}", "I was at {X} for six months."),
            (f"{prison} prison", "{X} was the worst."),
            (f"YOI {prison}", "they shipped me to {X} at first."),
            ("the Scrubs", "back in {X} it was rough."),
            (f"hmp {prison.lower()}", "{X} was rough."),
        ][form]
        return template, value, (K.ESTABLISHMENT, "the Scrubs" if form == 3 else f"HMP {prison}")
    if kind == K.STREET:
        street = f"{rng.choice(STREETS)} {rng.choice(STREET_ENDS)}"
        return rng.choice(["I live off {X} now.", "the hostel's on {X}."]), street, (K.STREET, street)
    if kind == K.ORGANISATION:
        org = rng.choice(ORGS)
        return rng.choice(["I got a job at {X} for a bit.", "{X} took me on."]), org, (K.ORGANISATION, org)
    if kind == K.POSTCODE:
        return "it's {X} if you need the postcode.", rng.choice(POSTCODES), None
    if kind == K.PHONE:
        phone = rng.choice([f"07700 900{d(3)}", f"07700900{d(3)}", f"0113 496 0{d(3)}", f"+44 7700 900{d(3)}"])
        return "ring me on {X}.", phone, None
    if kind == K.EMAIL:
        return "email me at {X}.", f"{first.lower()}.{sur.lower()}{d(2)}@example.org", None
    if kind == K.NI_NUMBER:
        ni = rng.choice([f"QQ{d(6)}C", f"QQ {d(2)} {d(2)} {d(2)} A"])
        return rng.choice(["my NI's {X}.", "National Insurance is {X}."]), ni, None
    if kind == K.DATE_OF_BIRTH:
        day, month, year = rng.randrange(1, 28), rng.choice(MONTHS), rng.randrange(1970, 2004)
        return (
            rng.choice(
                [
                    ("I was born on {X}.", f"{day} {month} {year}"),
                    ("my date of birth is {X}.", f"{day:02d}/{rng.randrange(1, 13):02d}/{year}"),
                ]
            )[0],
            None,
            None,
        )  # replaced below
    if kind == K.CASE_NUMBER:
        return (
            rng.choice(
                [
                    ("prison number {X}.", f"A{d(4)}{rng.choice(['BC', 'DK', 'TF'])}"),
                    ("case number {X}.", f"2019/{d(5)}"),
                ]
            )[0],
            None,
            None,
        )
    raise ValueError(kind)


def _planted_sentence(rng, kind):
    template, value, listed = _sentence(rng, kind)
    if value is None:  # the two kinds whose template and value are drawn together
        if kind == K.DATE_OF_BIRTH:
            day, month, year = rng.randrange(1, 28), rng.choice(MONTHS), rng.randrange(1970, 2004)
            template, value = rng.choice(
                [
                    ("I was born on {X}.", f"{day} {month} {year}"),
                    ("my date of birth is {X}.", f"{day:02d}/{rng.randrange(1, 13):02d}/{year}"),
                ]
            )
        else:
            template, value = rng.choice(
                [
                    ("prison number {X}.", f"A{rng.randrange(1000, 9999)}{rng.choice(['BC', 'DK'])}"),
                    ("case number {X}.", f"2019/{rng.randrange(10000, 99999)}"),
                ]
            )
    return template, value, listed


def plant(transcript: Transcript, rng: random.Random) -> tuple[Transcript, list[Plant]]:
    """A copy of the transcript with PER_KIND sentences of each kind added at the ends of random turns."""
    inserts: dict[int, list[tuple[str, str, str, tuple | None]]] = {}
    for kind in K.KINDS:
        for _ in range(PER_KIND):
            template, value, listed = _planted_sentence(rng, kind)
            inserts.setdefault(rng.randrange(len(transcript.turns)), []).append((kind, template, value, listed))
    text, plants, turns, shift, cursor = "", [], [], 0, 0
    for i, turn in enumerate(transcript.turns):
        text += transcript.text[cursor : turn.end]
        start = turn.start + shift
        for kind, template, value, listed in inserts.get(i, []):
            before, after = template.split("{X}")
            text += " " + before
            plants.append(Plant(kind, len(text), len(text) + len(value), value, listed))
            text += value + after
        shift = len(text) - turn.end
        turns.append(replace(turn, start=start, end=len(text)))
        cursor = turn.end
    text += transcript.text[cursor:]
    return replace(transcript, text=text, turns=turns), plants


def _baseline_module():
    """The pre-issue-12 pseudonymiser, loaded from git as the package ``baseline_anonymise``."""
    package = types.ModuleType("baseline_anonymise")
    package.__path__ = []
    sys.modules["baseline_anonymise"] = package
    for name in ("names", "pseudonymise"):
        source = subprocess.run(
            ["git", "show", f"{BASELINE_COMMIT}:coding/anonymise/{name}.py"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        source = source.replace("coding.anonymise.names", "baseline_anonymise.names")
        module = types.ModuleType(f"baseline_anonymise.{name}")
        module.__file__ = f"<{BASELINE_COMMIT}:{name}.py>"
        sys.modules[module.__name__] = module
        exec(compile(source, module.__file__, "exec"), module.__dict__)
    return sys.modules["baseline_anonymise.pseudonymise"]


def _covered(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    marks = bytearray(end - start)
    for s, e in spans:
        for i in range(max(s, start), min(e, end)):
            marks[i - start] = 1
    return all(marks)


def _known_spans(text: str) -> list[tuple[int, int]]:
    out = []
    for name in DEMO_IDENTIFIERS:
        out += [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]
    return out


def score(cases: list[Case], plants: dict[int, list[Plant]], replaced: dict[int, list[tuple[int, int, str]]]):
    """Per kind: (found, planted) for recall and (right, replaced) for precision."""
    recall = {k: [0, 0] for k in (*K.KINDS, *PERSON_FORMS)}
    precision = {k: [0, 0] for k in K.KINDS}
    for case in cases:
        spans = [(s, e) for s, e, _ in replaced[case.id]]
        for p in plants[case.id]:
            recall[p.kind][1] += 1
            recall[p.kind][0] += _covered(spans, p.start, p.end)
            if p.kind == K.PERSON:
                form = PERSON_FORMS[1] if p.value == p.value.lower() else PERSON_FORMS[0]
                recall[form][1] += 1
                recall[form][0] += _covered(spans, p.start, p.end)
        truth = [(p.start, p.end) for p in plants[case.id]] + _known_spans(case.text)
        for s, e, kind in replaced[case.id]:
            precision[kind][1] += 1
            precision[kind][0] += any(s < te and ts < e for ts, te in truth)
    return recall, precision


def _ratio(pair) -> str:
    return f"{pair[0] / pair[1]:.2f} ({pair[0]}/{pair[1]})" if pair[1] else "—"


def _total(table) -> list[int]:
    return [sum(v[0] for v in table.values()), sum(v[1] for v in table.values())]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=12)
    parser.add_argument("--show", action="store_true", help="list each system's misses and false alarms")
    parser.add_argument("--no-exports", action="store_true", help="skip the export counts")
    parser.add_argument(
        "--held-out",
        type=int,
        default=0,
        metavar="N",
        help="recall and precision as mean ± sd over N fresh seeds (1001...), never looked at while "
        "the recognisers were written",
    )
    args = parser.parse_args()
    from coding.anonymise.names import NameChoices, detect_names
    from coding.anonymise.pseudonymise import plan_names, snapshot_notes
    from coding.transcripts.read import read_transcript

    if args.held_out:
        held_out(args.held_out)
        return 0
    rng = random.Random(args.seed)
    paths = sorted(p for p in (ROOT / "transcripts").iterdir() if p.suffix in TRANSCRIPT_SUFFIXES)
    cases, transcripts_, plants = [], [], {}
    for i, path in enumerate(paths, start=1):
        transcript, found = plant(read_transcript(path), rng)
        transcripts_.append(transcript)
        plants[i] = found
        cases.append(Case(i, path.stem, transcript.text, {}, transcript.format, list(transcript.speakers)))
    snapshot = ProjectSnapshot("bench", [], cases, [])
    listed = sorted({p.listed for ps in plants.values() for p in ps if p.listed})
    filled = NameChoices(
        added=tuple(v for k, v in listed if k == K.PERSON),
        added_other=tuple((k, v) for k, v in listed if k != K.PERSON),
    )

    baseline = _baseline_module()
    base_plan = baseline.plan_names(snapshot, baseline.detect_names(snapshot.cases))
    systems = {
        "baseline (names only)": {
            cid: [(r.start, r.end, K.PERSON) for r in found] for cid, found in base_plan.cases.items()
        }
    }
    detected = detect_names(snapshot.cases, notes=snapshot_notes(snapshot))
    for name, choices in (("new, list empty", NameChoices()), ("new, list filled", filled)):
        plan = plan_names(snapshot, detected, choices)
        systems[name] = {cid: [(r.start, r.end, r.kind) for r in found] for cid, found in plan.cases.items()}
    n_plants = sum(len(p) for p in plants.values())
    print(
        f"{len(cases)} demo interviews, {n_plants} planted identifiers ({PER_KIND} per kind per interview), seed {args.seed}"
    )
    print(f"{len(listed)} distinct values on the filled list\n")
    results = {name: score(cases, plants, replaced) for name, replaced in systems.items()}
    header = f"{'kind':<26}" + "".join(f"{name:>28}" for name in systems)
    print("Recall (planted identifiers fully replaced)")
    print(header)
    for kind in K.KINDS:
        print(f"{kind:<26}" + "".join(f"{_ratio(results[n][0][kind]):>28}" for n in systems))
    print(
        f"{'all kinds':<26}"
        + "".join(f"{_ratio(_total({k: v for k, v in results[n][0].items() if k in K.KINDS})):>28}" for n in systems)
    )
    for form in PERSON_FORMS:
        print(f"{form:<26}" + "".join(f"{_ratio(results[n][0][form]):>28}" for n in systems))
    print("\nPrecision (replacements that were identifiers), by the kind the system gave")
    print(header)
    for kind in K.KINDS:
        print(f"{kind:<26}" + "".join(f"{_ratio(results[n][1][kind]):>28}" for n in systems))
    print(f"{'all kinds':<26}" + "".join(f"{_ratio(_total(results[n][1])):>28}" for n in systems))
    print()
    if args.show:
        for name, replaced in systems.items():
            print(f"--- {name}")
            for case in cases:
                spans = [(s, e) for s, e, _ in replaced[case.id]]
                truth = [(p.start, p.end) for p in plants[case.id]] + _known_spans(case.text)
                for p in plants[case.id]:
                    if not _covered(spans, p.start, p.end):
                        print(f"  missed {p.kind}: {case.text[p.start - 25 : p.end + 10]!r}")
                for s, e, kind in replaced[case.id]:
                    if not any(s < te and ts < e for ts, te in truth):
                        print(f"  false alarm {kind}: {case.text[s:e]!r}")
    if not args.no_exports:
        export_counts(transcripts_, plants, listed, baseline)
    return 0


def evaluate(seed: int):
    """One seed's plants, scored for the three systems: {system: (recall, precision)}."""
    from coding.anonymise.names import NameChoices, detect_names
    from coding.anonymise.pseudonymise import plan_names, snapshot_notes
    from coding.transcripts.read import read_transcript

    rng = random.Random(seed)
    paths = sorted(p for p in (ROOT / "transcripts").iterdir() if p.suffix in TRANSCRIPT_SUFFIXES)
    cases, plants = [], {}
    for i, path in enumerate(paths, start=1):
        transcript, plants[i] = plant(read_transcript(path), rng)
        cases.append(Case(i, path.stem, transcript.text, {}, transcript.format, list(transcript.speakers)))
    snapshot = ProjectSnapshot("bench", [], cases, [])
    listed = sorted({p.listed for ps in plants.values() for p in ps if p.listed})
    filled = NameChoices(
        added=tuple(v for k, v in listed if k == K.PERSON),
        added_other=tuple((k, v) for k, v in listed if k != K.PERSON),
    )
    baseline = sys.modules.get("baseline_anonymise.pseudonymise") or _baseline_module()
    base_plan = baseline.plan_names(snapshot, baseline.detect_names(snapshot.cases))
    systems = {
        "baseline (names only)": {
            cid: [(r.start, r.end, K.PERSON) for r in found] for cid, found in base_plan.cases.items()
        }
    }
    detected = detect_names(snapshot.cases, notes=snapshot_notes(snapshot))
    for name, choices in (("new, list empty", NameChoices()), ("new, list filled", filled)):
        plan = plan_names(snapshot, detected, choices)
        systems[name] = {cid: [(r.start, r.end, r.kind) for r in found] for cid, found in plan.cases.items()}
    return {name: score(cases, plants, replaced) for name, replaced in systems.items()}


def held_out(n: int) -> None:
    """Recall and precision per kind, mean ± sd over n seeds from 1001."""
    import statistics

    runs = [evaluate(1001 + i) for i in range(n)]
    names = list(runs[0])

    def cell(name, part, kind):
        values = [r[name][part][kind][0] / r[name][part][kind][1] for r in runs if r[name][part][kind][1]]
        if not values:
            return "—"
        return f"{statistics.mean(values):.2f} ± {statistics.pstdev(values):.2f}"

    for part, title in ((0, "Recall"), (1, "Precision")):
        print(f"{title}, mean ± sd over {n} held-out seeds (1001-{1000 + n})")
        print(f"{'kind':<26}" + "".join(f"{name:>26}" for name in names))
        for kind in K.KINDS + (PERSON_FORMS if part == 0 else ()):
            print(f"{kind:<26}" + "".join(f"{cell(name, part, kind):>26}" for name in names))
        print()


def _leaks(texts: list[str], values: list[str]) -> int:
    """How many planted values appear in the texts as whole words (any case; any spacing, hyphens or
    slashes between their letters and digits)."""
    blob = "\n".join(texts)
    found = 0
    for value in set(values):
        body = r"[\s/._-]*".join(re.escape(c) for c in value if c.isalnum() or c == "@")
        found += re.search(rf"(?<![A-Za-z0-9]){body}(?![A-Za-z0-9])", blob, flags=re.IGNORECASE) is not None
    return found


def export_counts(transcripts_, plants, listed, baseline) -> None:
    """Store the planted interviews, export every kind through the service, count planted values left."""
    from coding import service
    from coding.anonymise.gate import export_pieces
    from coding.errors import ExportBlocked
    from coding.exports.kinds import EXPORT_KINDS, ExportOptions
    from coding.model import Frame, Segment, Theme
    from coding.store import codes, projects, transcripts
    from coding.store.db import open_store
    from coding.store.snapshot import project_snapshot

    folder = Path(tempfile.mkdtemp(prefix="bench-identifiers-"))
    store = open_store(f"sqlite:///{folder / 'bench.sqlite'}")
    project_id = projects.create_project(store, "Identifier benchmark")
    projects.save_frame(
        store,
        project_id,
        Frame(name="Resettlement", kind="crosscutting", themes=[Theme("support", "Support after release")]),
    )
    for transcript in transcripts_:
        segments = [
            Segment(i, t.start, t.end, transcript.text[t.start : t.end], t.speaker, codable=True)
            for i, t in enumerate(transcript.turns)
        ]
        tid = transcripts.save_transcript(store, project_id, replace(transcript, source_hash=transcript.name), segments)
        for segment in transcripts.load_segments(store, tid, codable_only=True):
            codes.decide(store, project_id, segment.id, "support", "confirm", "bench")
    for kind, value in listed:
        if kind == K.PERSON:
            service.add_name(store, project_id, value, author="bench")
        else:
            service.add_identifier(store, project_id, value, kind, author="bench")
    values = [p.value for ps in plants.values() for p in ps]
    base_snapshot = project_snapshot(store, project_id)
    base_snapshot = baseline.pseudonymise_snapshot(base_snapshot, [v for k, v in listed if k == K.PERSON])
    base_snapshot = replace(base_snapshot, codings=list(base_snapshot.codings))
    print(f"Planted identifiers ({len(set(values))} distinct) found in each export, read back from the file")
    print(f"{'export':<10}{'baseline':>12}{'new':>12}   gate")
    for kind, export in EXPORT_KINDS.items():
        base_path = folder / f"baseline-{kind}{export.suffix}"
        export.write(base_snapshot, base_path, ExportOptions())
        base_left = _leaks([t for _, t in export_pieces(base_path)], values)
        try:
            path = service.export_project(store, project_id, kind, folder / f"new-{kind}", author="bench")
            new_left, gate = _leaks([t for _, t in export_pieces(path)], values), "passed"
        except ExportBlocked as blocked:
            new_left, gate = len({h.value.lower() for h in blocked.hits}), f"blocked ({len(blocked.hits)} hits)"
        print(f"{kind:<10}{base_left:>12}{new_left:>12}   {gate}")
    store.engine.dispose()


if __name__ == "__main__":
    sys.exit(main())
