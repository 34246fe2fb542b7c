"""Decisions per second and a confirm's latency with eight coders at once, beside one coder alone.

    .venv/bin/python benchmarks/bench_decision_load.py [--processes 8] [--decisions 500]

Runs ``decision_load.run_load`` on a SQLite file and on a throwaway PostgreSQL server:
first one process alone (the baseline: no contention), then N processes with a lead
merging themes meanwhile. Prints decisions/s, the median and 99th-percentile confirm
latency, and the ratio to the baseline from the same run. The machine is shared: read ratios.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.decision_load import run_load  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--processes", type=int, default=8)
    parser.add_argument("--decisions", type=int, default=500)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-load-"))
    targets = [("SQLite", lambda: f"sqlite:///{folder / f'{uuid.uuid4().hex}.sqlite'}")]
    server = None
    try:
        from tests.pg_server import create_database, start_postgres

        server = start_postgres()
        targets.append(("PostgreSQL", lambda: create_database(server, f"b_{uuid.uuid4().hex[:10]}")))
    except Exception as exc:  # noqa: BLE001  (no server on this machine: SQLite alone)
        print(f"PostgreSQL not measured: {exc}")
    print(
        f"{'store':<11} {'processes':>9} {'actions':>8} {'actions/s':>10} {'p50 confirm':>12} {'p99 confirm':>12}"
        f" {'p99 vs alone':>13} {'errors':>7}"
    )
    try:
        for name, url in targets:
            alone = run_load(url(), processes=1, decisions=args.decisions, merges=0)
            crowd = run_load(url(), processes=args.processes, decisions=args.decisions)
            for label, result in (("alone", alone), (str(args.processes), crowd)):
                ratio = result.percentile(0.99) / alone.percentile(0.99) if alone.percentile(0.99) else 0.0
                print(
                    f"{name:<11} {label:>9} {result.actions:>8} {result.actions / result.seconds:>10.0f}"
                    f" {result.percentile(0.5) * 1000:>10.1f}ms {result.percentile(0.99) * 1000:>10.1f}ms"
                    f" {ratio:>12.1f}x {len(result.errors) + len(result.mismatches):>7}"
                )
    finally:
        if server is not None:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
