"""Small pieces every page uses: the sidebar, user text shown safely, errors, progress bars.

User text (transcripts, speaker names, theme labels from a guide) is shown with
``st.text`` or Markdown-escaped, never as HTML.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from coding.errors import WorkbenchError
from coding.service import queries
from coding.ui import resources, state
from coding.ui.code_view import escape_markdown


def sidebar() -> None:
    """Coder identity (once per tab, stamped on every decision), the open project and the store."""
    store_ = state.store()
    state.choose_default_project(store_)
    with st.sidebar:
        st.text_input(
            "Coding as",
            key=state.CODER,
            disabled=bool(st.session_state.get("signed_in_user")),  # signed in: the account is the name
            placeholder="Your name, e.g. Priya",
            help="Chosen once for this tab and stamped on every decision you make. "
            "Another tab with another name codes side by side without overwriting you.",
        )
        if state.coder() is None:
            st.caption("Type your name to start coding.")
        project_id = st.session_state.get(state.PROJECT)
        if project_id is not None:
            try:
                name = queries.get_project(store_, project_id).name
                st.caption(f"Project: **{escape_markdown(name)}**")
            except WorkbenchError:
                pass
        st.caption(f"Store: `{store_.describe()}`")


def caption(text: str) -> None:
    """A caption of user text, Markdown-escaped."""
    st.caption(escape_markdown(text))


def show_error(exc: Exception, doing: str = "") -> None:
    """A domain error as one readable line (no traceback reaches the researcher)."""
    prefix = f"{doing}: " if doing else ""
    st.error(f"{prefix}{exc}", icon=":material/error:")


def progress_bar(label: str) -> Callable[[int, int, str], None]:
    """A ``progress(done, total, message)`` callback drawing one bar with counts."""
    bar = st.progress(0.0, text=label)

    def update(done: int, total: int, message: str) -> None:
        fraction = min(1.0, done / total) if total else 1.0
        bar.progress(fraction, text=f"{message} ({done} of {total})")

    return update


def notice() -> None:
    """Show (once) the message a callback left for the next run."""
    message = st.session_state.pop(state.NOTICE, None)
    if message:
        kind, text = message
        getattr(st, kind)(text)


def leave_notice(kind: str, text: str) -> None:
    """From a callback: show ``text`` with ``st.<kind>`` at the top of the next run."""
    st.session_state[state.NOTICE] = (kind, text)


def job_panel(project_id: int, finished: bool = True) -> None:
    """Bars with counts for this project's background jobs; polls once a second while any runs,
    and refreshes the whole page when one this tab saw running has finished. With
    ``finished=False`` only running jobs show (the Code page keeps its space for coding)."""
    jobs = resources.jobs().for_project(project_id)
    if not finished:
        jobs = [j for j in jobs if not j.finished or j.id in st.session_state[state.JOBS_SEEN]]
    if not jobs:
        return
    running = any(not j.finished for j in jobs)

    def panel() -> None:
        seen = st.session_state[state.JOBS_SEEN]
        ended = False
        for job in jobs[-3:][::-1]:
            if not job.finished:
                if job.id not in seen:
                    seen.append(job.id)
                bar, stop = st.columns([6, 1], vertical_alignment="bottom")
                bar.progress(job.fraction, text=job.summary())  # counts, words/s, time left (coding/ui/jobs.py)
                stop.button(
                    "Cancel",
                    key=f"cancel_job_{job.id}",
                    on_click=resources.jobs().cancel,  # type: ignore[arg-type]  # streamlit ignores a callback's return value
                    args=(job.id,),
                    disabled=job.cancel_requested,
                    icon=":material/cancel:",
                )
                continue
            if job.id in seen:
                seen.remove(job.id)
                ended = True
            if not finished:
                continue
            with st.expander(f"{job.title}: {'failed' if job.error else job.status}", expanded=job.id == jobs[-1].id):
                if job.error:
                    st.error(job.error)
                for kind, text in job.result or []:
                    getattr(st, kind)(escape_markdown(text))
        if ended:
            st.rerun(scope="app")

    st.fragment(panel, run_every=1.0 if running else None)()


def leave_toast(text: str, icon: str) -> None:
    """From a callback: a toast for the run it causes. (Drawing from a callback that reruns a
    fragment is not supported by Streamlit, so the fragment draws it.)"""
    st.session_state[state.TOAST] = (text, icon)


def flush_toast() -> None:
    message = st.session_state.pop(state.TOAST, None)
    if message:
        st.toast(message[0], icon=message[1])
