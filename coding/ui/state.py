"""Every session-state key the workbench uses, set in one place, and the per-session context.

A session is one browser tab: its coder identity, open project and interview, and
the Code page's filters live here. Nothing a researcher decides lives here — each
decision goes to the store at once — so a refresh loses at most a filter setting.

The store URL comes from ``streamlit run app.py -- --db URL``, else ``$DATABASE_URL``,
else ``projects/demo.sqlite`` (``coding.store.db.default_url``).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from coding.errors import WorkbenchError
from coding.service import queries
from coding.service.queries import Store, default_url
from coding.ui import resources

DEMO_PROJECT = "Employment and Reoffending Pilot (demo)"
ROOT = Path(__file__).resolve().parents[2]  # the project folder: topic_guides/, transcripts/ live here

# ----- the keys -----
DB_URL = "db_url"
CODER = "coder"
PROJECT = "project_id"
TRANSCRIPT = "transcript_id"
UNREVIEWED = "filter_unreviewed"
THEMES = "filter_themes"
MIN_SCORE = "filter_min_score"
ORDER = "filter_order"  # code_view.ORDERS key: interview order or by the model's confidence
LEARN = "learn_live"  # let each decision teach the suggester and refresh this interview
PAGE_START = "code_start"  # index (in the filtered list) of the first segment shown
PAGE_SIZE = "code_page_size"
FOCUS = "code_focus"  # segment id the keyboard shortcuts act on
COVERAGE_THEME = "coverage_theme"  # the heatmap cell whose quotes show
COVERAGE_INTERVIEW = "coverage_interview"
TOAST = "toast"  # (text, icon) a callback leaves; shown as a toast by the next (fragment) run
NOTICE = "notice"  # (st function name, text) a callback leaves for the next run
EXPORT = "export_built"  # the last export file built in this tab: kind, name, path, bytes
JOBS_SEEN = "jobs_seen"  # ids of jobs this tab saw running (to refresh the page when they end)
DIRTY = "dirty_segments"  # segment ids changed since the last full run (fragments refetch them)
REVIEWED_SHOWN = "reviewed_shown"  # segment id -> reviewed by me, as the page and its cards last drew it
LISTED = "code_listed"  # segment ids the Code page's filters let through, in the order listed
FOCUS_SHOWN = "code_focus_shown"  # segment id of the card drawn with the keyboard focus

DEFAULTS: dict = {
    CODER: None,
    PROJECT: None,
    TRANSCRIPT: None,
    UNREVIEWED: False,
    THEMES: [],
    MIN_SCORE: 0.15,  # weaker suggestions are mostly noise; the slider shows them on request
    ORDER: "interview",
    LEARN: True,
    PAGE_START: 0,
    PAGE_SIZE: 20,
    FOCUS: None,
    COVERAGE_THEME: None,
    COVERAGE_INTERVIEW: None,
    DIRTY: [],
    REVIEWED_SHOWN: {},
    LISTED: [],
    FOCUS_SHOWN: None,
    JOBS_SEEN: [],
    EXPORT: None,
}
# Widget-bound keys that must survive a page switch (Streamlit drops a widget's key
# when a run does not draw that widget; re-assigning it keeps it).
PERSISTENT = (
    CODER,
    PROJECT,
    TRANSCRIPT,
    LEARN,
    UNREVIEWED,
    THEMES,
    MIN_SCORE,
    ORDER,
    PAGE_SIZE,
    COVERAGE_THEME,
    COVERAGE_INTERVIEW,
)


def db_url_from_args(argv: list[str]) -> str | None:
    """The ``--db`` value of ``streamlit run app.py -- --db URL`` (None when absent)."""
    parser = argparse.ArgumentParser(add_help=False, allow_abbrev=False)
    parser.add_argument("--db")
    known, _ = parser.parse_known_args(argv)
    return known.db


def init() -> None:
    """Give every key its default once per session and keep widget keys across pages."""
    ss = st.session_state
    if DB_URL not in ss:
        ss[DB_URL] = db_url_from_args(sys.argv[1:]) or default_url()
    for key, value in DEFAULTS.items():
        if key not in ss:
            ss[key] = type(value)(value) if isinstance(value, (list, dict)) else value  # a session's own copy
    for key in PERSISTENT:
        ss[key] = ss[key]


def store() -> Store:
    """The session's store (shared across sessions by ``st.cache_resource``); stops the page on failure."""
    try:
        return resources.store(st.session_state[DB_URL])
    except WorkbenchError as exc:
        st.error(f"The project store could not be opened. {exc}")
        st.stop()


def choose_default_project(store_: Store) -> None:
    """Open the only project, or the demo project, when the session has none yet."""
    ss = st.session_state
    if ss[PROJECT] is not None:
        return
    existing = queries.list_projects(store_)
    if len(existing) == 1:
        ss[PROJECT] = existing[0].id
    else:
        ss[PROJECT] = next((p.id for p in existing if p.name == DEMO_PROJECT), None)


def coder() -> str | None:
    name = st.session_state.get(CODER)
    return name.strip() if isinstance(name, str) and name.strip() else None


@dataclass
class Context:
    store: Store
    project_id: int
    project_name: str
    coder: str | None


def require_project() -> Context:
    """The open project, or a pointer to the Project page and a stopped run."""
    store_ = store()
    project_id = st.session_state.get(PROJECT)
    if project_id is None:
        st.info("No project is open yet. Open or create one on the Project page.")
        st.page_link("coding/ui/project.py", label="Go to Project", icon=":material/folder_open:")
        st.stop()
    try:
        name = queries.get_project(store_, project_id).name
    except WorkbenchError:
        st.session_state[PROJECT] = None
        st.warning("The project that was open is no longer in the store. Open another on the Project page.")
        st.stop()
    return Context(store_, project_id, name, coder())


def set_project(project_id: int | None) -> None:
    """Switch project: the interview and filters of the old one no longer apply."""
    ss = st.session_state
    ss[PROJECT] = project_id
    for key in (TRANSCRIPT, FOCUS, COVERAGE_THEME, COVERAGE_INTERVIEW, EXPORT):
        ss[key] = None
    ss[THEMES] = []
    ss[PAGE_START] = 0


def set_transcript(transcript_id: int | None) -> None:
    ss = st.session_state
    ss[TRANSCRIPT] = transcript_id
    ss[PAGE_START] = 0
    ss[FOCUS] = None
