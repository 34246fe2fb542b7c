"""The Coverage page's derived data that is worth keeping between runs.

Counts are read fresh on every run (the database aggregates them in a few tens of
milliseconds). Agreement is computed over every reviewed segment and theme, so it is
cached per ``coding_version``: any decision, undo, new suggestion or frame edit
changes the version, so a team lead never sees figures that predate a coder's click,
while clicking heatmap cells (a whole-page run each) does not recompute it.
"""

from __future__ import annotations

import streamlit as st

from coding.service import queries
from coding.service.queries import Store
from coding.team.agreement import AgreementReport, agreement


def project_agreement(store: Store, url: str, project_id: int, themes: list[str]) -> AgreementReport:
    """Agreement over the whole project, as ``agreement`` computes it from every code."""
    return _agreement(store, url, project_id, queries.coding_version(store, project_id), tuple(themes))


# The store is not hashed (leading underscore); the URL, project, version and themes are the key.
@st.cache_data(show_spinner=False, max_entries=8)
def _agreement(_store: Store, url: str, project_id: int, version: tuple, themes: tuple[str, ...]) -> AgreementReport:
    return agreement(queries.agreement_codes(_store, project_id), list(themes))
