"""Cached resources: the store and the encoder are shared by every session (``st.cache_resource``,
so both must be thread-safe: SQLAlchemy's engine is, and the encoder holds a lock), and data
derived from what rarely changes is cached per value (``st.cache_data``).

Codes and decisions are never cached: they change with every click and must show
what the store holds now, including another coder's tab.
"""

from __future__ import annotations

import streamlit as st

from coding.model import Frame, Segment
from coding.service import queries
from coding.service.queries import Store, open_store
from coding.ui.code_view import ThemeInfo, theme_index
from coding.ui.jobs import JobRunner
from coding.ui.live import LiveRegistry


@st.cache_resource(show_spinner=False)
def store(url: str) -> Store:
    """One open (and migrated) store per URL for the whole server."""
    return open_store(url)


@st.cache_resource(show_spinner="Loading the sentence model (first time only, about 10 seconds)…")
def encoder():
    """The real all-MiniLM-L6-v2, loaded once per server: int8 ONNX unless ``WORKBENCH_ENCODER=torch``.
    A project whose embeddings were made by the other run keeps that run (``project_encoder``)."""
    from coding.suggest.encoder import default_encoder

    return default_encoder()


@st.cache_resource(show_spinner=False)
def jobs() -> JobRunner:
    """Long work (import, encode, suggest) runs here in threads, so pages stay usable."""
    return JobRunner()


@st.cache_resource(show_spinner=False)
def live_registry() -> LiveRegistry:
    return LiveRegistry()


def live_suggester(url: str, project_id: int, warm: bool = True):
    """The project's warm LiveSuggester, or None while it is being prepared in the background."""
    registry = live_registry()
    found = registry.get(url, project_id)
    if found is None and warm:
        from coding.service.live import LiveSuggester

        store_ = store(url)

        def build():
            from coding.suggest.encoder import default_encoder

            return LiveSuggester(store_, project_id, default_encoder())

        registry.warm(url, project_id, jobs(), build)
    return found


# The store argument is not hashed (leading underscore); the URL and ids are the key.
@st.cache_data(show_spinner=False, max_entries=32)
def segments(_store: Store, url: str, transcript_id: int) -> list[Segment]:
    """A transcript's codable segments. Segments are fixed at import, so the id is a safe key."""
    return queries.load_segments(_store, transcript_id, codable_only=True)


@st.cache_data(show_spinner=False, max_entries=8)
def transcript_text(_store: Store, url: str, transcript_id: int) -> str:
    return queries.load_transcript(_store, transcript_id).text


@st.cache_data(show_spinner=False, max_entries=32)
def speaker_labels(_store: Store, url: str, transcript_id: int) -> dict[str, str]:
    """Speaker key -> the label the transcript gives them."""
    return {s.key: s.label for s in queries.load_transcript(_store, transcript_id).speakers}


def frames(store_: Store, project_id: int) -> list[Frame]:
    return queries.load_frames(store_, project_id)


def themes(url: str, project_id: int, frames_: list[Frame]) -> dict[str, ThemeInfo]:
    """Theme id -> ThemeInfo, recomputed only when a frame's version changes."""
    signature = (url, project_id, tuple((f.id, f.version) for f in frames_))
    return _themes_keyed(signature, frames_)


@st.cache_data(show_spinner=False, max_entries=16)
def _themes_keyed(signature: tuple, _frames: list[Frame]) -> dict[str, ThemeInfo]:
    return theme_index(_frames)


def clear_frame_caches() -> None:
    _themes_keyed.clear()
