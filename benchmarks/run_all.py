"""Run every benchmark in turn (``make bench``); each prints its numbers beside a baseline.

The machine is shared and noisy: each script reports medians, and the README quotes
ratios to the baseline measured in the same run.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCRIPTS = [
    "bench_import.py",
    "bench_study.py",
    "bench_align.py",
    "bench_suggest.py",
    "bench_suggest_generalise.py",
    "bench_ui.py",
]
SCRIPTS.append("bench_synthesis.py")
SCRIPTS.append("bench_clicks.py")  # needs /usr/bin/chromium (make system)
SCRIPTS.append("bench_identifiers.py")  # issue 12: identifiers planted into the demo interviews, found in exports
SCRIPTS.append("bench_decision_load.py")  # issue 11: eight coders at once, beside one alone
SCRIPTS += ["cv_suggest.py", "cv_question_context.py", "bench_suggest_transcripts.py", "learning_curves.py"]  # issue 13
SCRIPTS.append("bench_quote_interviews.py")  # issue 13: the dev quotes as interviews in a project with the guides
# Only with --slow (make bench-slow): SetFit's learning curves take one to two hours on 2 cores.
SLOW = ["learning_curves_setfit.py"]  # issue 13: SetFit (requirements-bench.txt)


def main() -> int:
    failed = []
    for script in SCRIPTS + (SLOW if "--slow" in sys.argv[1:] else []):
        print(f"\n===== {script} =====", flush=True)
        if subprocess.run([sys.executable, str(HERE / script)], cwd=HERE.parent).returncode != 0:
            failed.append(script)
    if failed:
        print(f"\nfailed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
