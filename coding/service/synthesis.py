"""From codes to findings: charting drafts and summaries, themes nobody planned, saturation, groups.

The pages and the CLI call these; each reads what it needs from the store, hands values
to the pure functions of ``coding.synthesis`` and, for writes, goes through the store's
own functions (summaries with their history, frame edits versioned like any other).
"""

from __future__ import annotations

from collections.abc import Callable

from coding.errors import NotFound, WorkbenchError
from coding.exports.attribution import respondent_type
from coding.exports.findings import saturation_verdict  # noqa: F401  (for the Coverage page)
from coding.exports.matrix import matrix_attribute_keys
from coding.exports.placement import ThemeMap
from coding.exports.references import passage_reference
from coding.exports.saturation import saturation_chart, saturation_csv, saturation_png  # noqa: F401
from coding.model import CodedSegment, Frame, ProjectSnapshot, Theme
from coding.store import case_themes as store_case_themes
from coding.store import codes as store_codes
from coding.store import emergent as store_emergent
from coding.store import projects as store_projects
from coding.store import summaries as store_summaries
from coding.store import transcripts as store_transcripts
from coding.store.db import Store
from coding.store.snapshot import project_snapshot
from coding.store.summaries import Summary, SummaryVersion
from coding.suggest.encoder import Encoder
from coding.synthesis.cells import cell_passages, ordered_cases
from coding.synthesis.charting import MAX_WORDS, Draft, chart_draft
from coding.synthesis.emergent import EmergentCluster, Unfitted, emergent_clusters, unfitted_segment_ids
from coding.synthesis.groups import GroupShare, compare_groups
from coding.synthesis.saturation import WINDOW, GroupSaturation, saturation_by_group


def group_of(group_key: str | None) -> Callable[[dict[str, str]], str]:
    """How a case's group is read: the named attribute, or its respondent type by default."""
    if not group_key:
        return respondent_type
    return lambda attributes: str(attributes.get(group_key, "") or "").strip()


def group_keys(store: Store, project_id: int) -> list[str]:
    """The case attributes a researcher may group by (never names), respondent type first."""
    return matrix_attribute_keys(store_case_themes.cases_without_text(store, project_id))


# ----- charting -----


def cell_draft(
    store: Store, project_id: int, transcript_id: int, theme_id: str, encoder: Encoder, max_words: int = MAX_WORDS
) -> Draft:
    """The draft summary of one case x theme cell (codes on the theme's sub-themes included)."""
    snapshot = project_snapshot(store, project_id)
    themes = ThemeMap(snapshot.frames)
    if themes.place(theme_id) is None:
        raise NotFound(f"No theme {theme_id!r} in this project's frames.")
    case = [c for c in snapshot.cases if c.id == transcript_id]
    codings = (c for c in snapshot.codings if c.case_id == transcript_id)
    cells = cell_passages(codings, case, lambda t: theme_id if themes.under(t, {theme_id}) else None)
    return chart_draft(cells.get((transcript_id, theme_id), []), encoder, max_words)


def matrix_drafts(
    snapshot: ProjectSnapshot, encoder: Encoder, max_words: int = MAX_WORDS
) -> dict[tuple[int, str], Draft]:
    """Drafts for every (case, top-level theme) cell of the matrix that has evidence but no summary."""
    themes = ThemeMap(snapshot.frames)

    def top_of(theme_id: str) -> str | None:
        place = themes.place(theme_id)
        return place.top.id if place else None

    cells = cell_passages(snapshot.codings, snapshot.cases, top_of)
    return {
        key: chart_draft(passages, encoder, max_words)
        for key, passages in cells.items()
        if key not in snapshot.summaries
    }


def save_summary(
    store: Store,
    project_id: int,
    transcript_id: int,
    theme_id: str,
    text: str,
    author: str,
    action: str,
    draft: str = "",
) -> None:
    """Accept the draft, save an edit of it, write one's own, or clear the cell; each is a version."""
    store_summaries.save_summary(store, project_id, transcript_id, theme_id, text, author, action, draft)


def current_summaries(store: Store, project_id: int) -> dict[tuple[int, str], Summary]:
    return store_summaries.current_summaries(store, project_id)


def summary_history(store: Store, transcript_id: int, theme_id: str) -> list[SummaryVersion]:
    return store_summaries.summary_history(store, transcript_id, theme_id)


# ----- saturation and groups -----


def saturation(
    store: Store, project_id: int, group_key: str | None = None, window: int = WINDOW
) -> list[GroupSaturation]:
    """Per group, interviews in date order: the themes and sub-themes each confirmed for the first time."""
    themes = ThemeMap(store_projects.load_frames(store, project_id))
    confirmed = _confirmed_by_case(store, project_id, lambda t: t if themes.place(t) else None)
    cases = store_case_themes.cases_without_text(store, project_id)
    return saturation_by_group(ordered_cases(cases, group_of(group_key)), confirmed, window)


def group_comparison(
    store: Store, project_id: int, group_key: str | None = None
) -> tuple[list[GroupShare], dict[str, str]]:
    """Top-level themes x groups (share of each group's cases with the theme), and theme id -> label."""
    themes = ThemeMap(store_projects.load_frames(store, project_id))

    def top_of(theme_id: str) -> str | None:
        place = themes.place(theme_id)
        return place.top.id if place else None

    confirmed = _confirmed_by_case(store, project_id, top_of)
    used = set().union(*confirmed.values()) if confirmed else set()
    tops = [top for _, top in themes.tops() if top.id in used]
    read_group = group_of(group_key)
    groups = {case.id: read_group(case.attributes) for case in store_case_themes.cases_without_text(store, project_id)}
    return compare_groups(groups, confirmed, [t.id for t in tops]), {t.id: t.label for t in tops}


def _confirmed_by_case(store: Store, project_id: int, theme_of: Callable[[str], str | None]) -> dict[int, set[str]]:
    """Case id -> the themes (as ``theme_of`` names them) researchers confirmed in it, read as (case,
    theme) pairs: the Coverage page asks on every run, and the snapshot's passages are not needed here."""
    by_case = store_case_themes.confirmed_themes_by_case(store, project_id)
    named = {case: {n for t in found if (n := theme_of(t)) is not None} for case, found in by_case.items()}
    return {case: found for case, found in named.items() if found}


# ----- themes nobody planned -----


def _unfitted(store: Store, project_id: int, model: str) -> list[Unfitted]:
    codes = store_codes.project_codes(store, project_id)
    best: dict[int, float] = {}
    confirmed: set[int] = set()
    rejected: set[int] = set()
    for code in codes:
        if code.coder == store_codes.MODEL_CODER:
            best[code.segment_id] = max(best.get(code.segment_id, 0.0), float(code.score or 0.0))
        elif code.status == "confirmed":
            confirmed.add(code.segment_id)
        elif code.status == "rejected":
            rejected.add(code.segment_id)
    vectors = store_transcripts.load_embeddings(store, project_id, model)
    segments = {
        seg.id: (transcript_id, seg)
        for transcript_id, seg in store_transcripts.project_segments(store, project_id)
        if seg.role == "respondent" and seg.id in vectors
    }
    scored = {segment_id: best.get(segment_id, 0.0) for segment_id in segments}
    cases = {c.id: c for c in project_snapshot(store, project_id).cases}
    out = []
    for segment_id in unfitted_segment_ids(scored, confirmed, rejected - confirmed):
        transcript_id, seg = segments[segment_id]
        where = CodedSegment(
            transcript_id,
            seg.stored_id,
            seg.speaker,
            seg.role,
            seg.text,
            seg.start,
            seg.end,
            "",
            "",
            "",
            "",
            time_start=seg.time_start,
            paragraph=seg.turn_index + 1,
        )
        out.append(
            Unfitted(
                seg.stored_id,
                transcript_id,
                seg.text,
                passage_reference(cases[transcript_id], where),
                vectors[segment_id],
            )
        )
    return out


def emergent_themes(
    store: Store, project_id: int, model: str, method: str = "hdbscan", include_set_aside: bool = False
) -> list[EmergentCluster]:
    """Clusters of the segments no theme fits (stored embeddings of ``model``), less those set aside."""
    clusters = emergent_clusters(_unfitted(store, project_id, model), method)
    if include_set_aside:
        return clusters
    dismissed = store_emergent.set_aside_keys(store, project_id)
    return [c for c in clusters if c.key not in dismissed]


def set_aside_keys(store: Store, project_id: int) -> set[str]:
    """The keys of the clusters dismissed or already turned into themes."""
    return store_emergent.set_aside_keys(store, project_id)


def dismiss_cluster(store: Store, project_id: int, cluster: EmergentCluster, author: str) -> None:
    store_emergent.set_aside(store, project_id, cluster.key, f"dismissed: {cluster.label}", author)


def adopt_cluster(
    store: Store, project_id: int, cluster: EmergentCluster, label: str, author: str, description: str = ""
) -> Frame:
    """Turn a cluster into a new top-level cross-cutting theme: a frame edit, versioned like any other.

    Its distinctive words become the theme's keywords, so the suggester can find it on the
    next run; the cluster is set aside so it is not offered again.
    """
    from coding.service.frames import edit_frame
    from coding.store.projects import load_frames

    if not label.strip():
        raise WorkbenchError("Give the new theme a label.")
    frames = [f for f in load_frames(store, project_id) if f.kind == "crosscutting"]
    if not frames:
        raise WorkbenchError("This project has no cross-cutting frame to add a theme to.")
    theme = Theme(
        "",
        label.strip(),
        description=description.strip() or f"Emerged from {len(cluster.segment_ids)} segments no theme fitted.",
        keywords=list(cluster.words),
    )
    frame = edit_frame(store, project_id, frames[0].id, "add", author, parent_id=None, theme=theme)
    store_emergent.set_aside(store, project_id, cluster.key, f"adopted: {label.strip()}", author)
    return frame
