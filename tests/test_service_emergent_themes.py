"""A cluster of unfitted segments becomes a new theme through a versioned frame edit, or is dismissed."""

from __future__ import annotations

import numpy as np

from coding.service import synthesis
from coding.store import codes, projects
from coding.store import transcripts as store_transcripts
from coding.synthesis.emergent import EmergentCluster, Quote
from tests.store_factory import small_project

FARES = EmergentCluster(
    key="fd778bf92f4d",
    segment_ids=[1, 2, 3, 4],
    cases=3,
    words=["bus", "fare", "probation"],
    quotes=[Quote(1, "No bus fare on release day, so I walked to probation.", "[Case 1, para 1]")],
)


def test_adopting_a_cluster_adds_a_theme_with_its_words_as_a_new_frame_version(fresh_store):
    project_id, _, _ = small_project(fresh_store)
    frame = synthesis.adopt_cluster(fresh_store, project_id, FARES, "Travel costs on release", "amira")
    added = frame.themes[-1]
    assert (added.id, added.label, added.keywords, added.description) == (
        "cross_cutting_themes_travel_costs_on_release",
        "Travel costs on release",
        ["bus", "fare", "probation"],
        "Emerged from 4 segments no theme fitted.",
    )
    history = projects.frame_history(fresh_store, project_id, frame.id)
    assert [(h.version, h.change_kind, h.author) for h in history][:2] == [(2, "add", "amira"), (1, "import", "system")]
    assert synthesis.set_aside_keys(fresh_store, project_id) == {"fd778bf92f4d"}


def test_dismissing_twice_is_one_dismissal(fresh_store):
    project_id, _, _ = small_project(fresh_store)
    synthesis.dismiss_cluster(fresh_store, project_id, FARES, "amira")
    synthesis.dismiss_cluster(fresh_store, project_id, FARES, "ben")
    assert synthesis.set_aside_keys(fresh_store, project_id) == {"fd778bf92f4d"}


def test_unfitted_segments_come_from_the_store_and_dismissed_clusters_stay_away(fresh_store):
    project_id, transcript_id, segments = small_project(fresh_store)
    # Three answers, each close to one direction: one cluster of three when nothing fits them.
    vectors = {s.id: np.array([1.0, 0.05 * i, 0.0], dtype=np.float32) for i, s in enumerate(segments)}
    vectors = {k: v / np.linalg.norm(v) for k, v in vectors.items()}
    store_transcripts.store_embeddings(fresh_store, vectors, "fake-model")
    # The suggestions of small_project are confident (0.64-0.92): nothing is unfitted yet.
    assert synthesis.emergent_themes(fresh_store, project_id, "fake-model", method="agglomerative") == []
    for segment in segments:  # a researcher rejects every suggestion: "none of these"
        for theme in ("referrals", "sanctions", "employer_engagement"):
            codes.decide(fresh_store, project_id, segment.id, theme, "reject", "amira")
    [cluster] = synthesis.emergent_themes(fresh_store, project_id, "fake-model", method="agglomerative")
    assert (sorted(cluster.segment_ids), cluster.cases) == (sorted(s.id for s in segments), 1)
    assert [q.reference for q in cluster.quotes] == [
        "[Prisoner interview 1, Respondent, para 4]",  # the middle answer is the most central
        "[Prisoner interview 1, Respondent, para 6]",
        "[Prisoner interview 1, Respondent, para 2]",
    ]
    synthesis.dismiss_cluster(fresh_store, project_id, cluster, "amira")
    assert synthesis.emergent_themes(fresh_store, project_id, "fake-model", method="agglomerative") == []
