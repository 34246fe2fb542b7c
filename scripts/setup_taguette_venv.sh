#!/usr/bin/env bash
# Make .venv-taguette: Taguette 1.5.2 and its own pinned dependencies (requirements-taguette.txt),
# apart from .venv because Taguette pins SQLAlchemy 1.4 and the workbench uses 2.x. The REFI-QDA
# tests generate codebooks with Taguette's own exporter in this venv. Idempotent: a stamp file
# records the requirements it was built from; a half-built venv is removed and built again.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${TAGUETTE_VENV:-.venv-taguette}"
REQS=requirements-taguette.txt
STAMP="$VENV/.installed"
if [ -f "$STAMP" ] && cmp -s "$STAMP" "$REQS"; then
  exit 0
fi
rm -rf "$VENV"
python3 -m venv "$VENV"
for attempt in 1 2 3; do
  if "$VENV/bin/python" -m pip install --disable-pip-version-check -q --no-deps -r "$REQS" 2>&1 \
      | grep -v "is ignored: it is neither"; then :; fi
  if "$VENV/bin/python" -c "import taguette.export, taguette; assert taguette.__version__ == '1.5.2', taguette.__version__"; then
    cp "$REQS" "$STAMP"
    exit 0
  fi
  echo "Taguette venv: install attempt $attempt failed, retrying" >&2
  sleep $((attempt * 5))
done
echo "Could not install Taguette into $VENV (see requirements-taguette.txt)" >&2
exit 1
