"""Themes nobody planned: which segments are unfitted, and clusters of them labelled by words and quotes."""

from __future__ import annotations

import numpy as np
import pytest

from coding.synthesis.emergent import EmergentCluster, Quote, Unfitted, emergent_clusters, unfitted_segment_ids

TEXTS = [
    "No bus fare on release day, so I walked to probation.",
    "They give you a travel pass but the bus fare runs out in a week.",
    "Without bus fare you miss the Jobcentre and probation the same day.",
    "I had no bus fare to get to the appointment at the provider.",
    "My phone was taken when I came in, so nobody could ring me about the job.",
    "No phone means no calls from the agency and no texts from probation.",
    "They want you to ring in every day but I have no phone and no credit.",
    "The chaplain visits on Sundays.",
    "Football on Tuesday evenings in the gym.",
    "My nan grows tomatoes on her allotment.",
]


def _unit(values) -> np.ndarray:
    vector = np.asarray(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def _items(count: int = len(TEXTS)) -> list[Unfitted]:
    """Embeddings shaped like the real ones: two tight topics (fares, phones) and three strays."""
    e = np.eye(6)
    directions = [e[0]] * 4 + [e[1]] * 3 + [e[2], e[3], e[4]]
    wobble = [e[5], e[4], e[3], e[2], e[5], e[2], e[0], 0 * e[0], 0 * e[0], 0 * e[0]]
    return [
        Unfitted(i + 1, 1 + i % 3, text, f"[Case {1 + i % 3}, para {i + 1}]", _unit(d + 0.1 * w))
        for i, (text, d, w) in enumerate(zip(TEXTS, directions, wobble))
    ][:count]


FARES = EmergentCluster(
    key="fd778bf92f4d",
    segment_ids=[1, 2, 3, 4],
    cases=3,
    words=["bus", "fare", "day", "probation"],
    quotes=[
        Quote(1, TEXTS[0], "[Case 1, para 1]"),
        Quote(2, TEXTS[1], "[Case 2, para 2]"),
        Quote(3, TEXTS[2], "[Case 3, para 3]"),
    ],
)
PHONES = EmergentCluster(
    key="a2c168123c34",
    segment_ids=[5, 6, 7],
    cases=3,
    words=["phone", "ring"],
    quotes=[
        Quote(5, TEXTS[4], "[Case 2, para 5]"),
        Quote(6, TEXTS[5], "[Case 3, para 6]"),
        Quote(7, TEXTS[6], "[Case 1, para 7]"),
    ],
)


def test_agglomerative_clusters_two_topics_leaving_strays_out_with_words_and_central_quotes():
    assert emergent_clusters(_items(), method="agglomerative") == [FARES, PHONES]
    assert [c.label for c in emergent_clusters(_items(), method="agglomerative")] == ["bus, fare, day", "phone, ring"]


def test_hdbscan_finds_the_same_two_topics():
    clusters = emergent_clusters(_items(7), method="hdbscan")
    assert [c.segment_ids for c in clusters] == [[1, 2, 3, 4], [5, 6, 7]]
    assert [c.words for c in clusters] == [["bus", "fare", "day", "probation"], ["phone", "ring"]]


def test_the_same_segments_keep_their_key_so_a_dismissal_survives_a_rerun():
    first = emergent_clusters(_items(), method="agglomerative")
    again = emergent_clusters(list(reversed(_items())), method="agglomerative")
    assert sorted(c.key for c in first) == sorted(c.key for c in again)


@pytest.mark.parametrize("method", ["hdbscan", "agglomerative"])
def test_too_few_unfitted_segments_make_no_cluster(method):
    assert emergent_clusters(_items(2), method=method) == []
    assert emergent_clusters([], method=method) == []


def test_unknown_method_is_refused():
    with pytest.raises(ValueError, match="hdbscan"):
        emergent_clusters(_items(), method="kmeans")


@pytest.mark.parametrize(
    "best, confirmed, rejected, expected",
    [
        ({1: 0.9, 2: 0.1, 3: 0.8, 4: 0.2}, {4}, {3}, [2, 3]),  # low for every theme, or all rejected
        ({1: 0.05, 2: 0.05}, {1, 2}, set(), []),  # a researcher's confirmed theme always fits
        ({7: 0.0, 5: 0.54, 6: 0.55}, set(), set(), [5, 7]),  # never scored counts as 0; the unsure bar is not low
    ],
)
def test_unfitted_segments(best, confirmed, rejected, expected):
    assert unfitted_segment_ids(best, confirmed, rejected) == expected
