"""Where the team's shared material lives: ``../shared`` beside the clone (as CI lays it out)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("WORKBENCH_SHARED") or ROOT.parent / "shared")
if not SHARED.exists():  # a clone elsewhere on a developer's machine
    SHARED = Path("/work/shared")
