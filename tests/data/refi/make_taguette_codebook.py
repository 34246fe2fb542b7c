"""Write a codebook with Taguette's own exporter; run by the tests in .venv-taguette.

    .venv-taguette/bin/python tests/data/refi/make_taguette_codebook.py OUT.qdc < tags.json

``tags.json`` is a list of ``{"path": ..., "description": ...}``, Taguette's two tag fields;
the tags are plain objects with those attributes, which is all ``codebook_xml`` reads. The
file written is exactly what Taguette's "Export codebook > QDC (XML)" menu gives.
"""

import json
import sys
from types import SimpleNamespace

from taguette.export import codebook_xml


def main() -> None:
    tags = [SimpleNamespace(path=t["path"], description=t.get("description", "")) for t in json.load(sys.stdin)]
    codebook_xml(tags, sys.argv[1])


if __name__ == "__main__":
    main()
