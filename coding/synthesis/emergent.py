"""Themes nobody planned: clusters of the respondent segments that no theme of the frame fits.

A segment is *unfitted* when no researcher has confirmed any theme on it and either the
model's best calibrated confidence for every theme is low, or a researcher reviewed it and
rejected every suggestion (the workbench's "none of these", i.e. confirmed "other").
Those segments' stored embeddings are clustered with scikit-learn (HDBSCAN by default,
which needs no number of clusters and leaves stray segments out as noise; agglomerative
clustering with a cosine-distance cut as the alternative). Each cluster is labelled by its
most distinctive words (stems common in the cluster and rare in the rest of the pool) and
its three most central quotes, so a researcher can judge in seconds whether it is a theme.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from coding.suggest.calibration import UNSURE_BELOW
from coding.suggest.lexical import stems

# Below this best calibrated confidence no theme of the frame fits well enough to be offered: the same
# bar at which the Code page says "model unsure" (chosen by grouped CV, coding/suggest/calibration.py).
# A fixed 0.3 stopped meaning anything once the map stopped showing a first theme below about 0.45.
LOW_CONFIDENCE = UNSURE_BELOW
MIN_CLUSTER_SIZE = 3
# Agglomerative: segments closer than this cosine distance (average linkage) share a cluster.
AGGLOMERATIVE_CUT = 0.6
WORDS = 5
QUOTES = 3


@dataclass(frozen=True)
class Unfitted:
    """A segment no theme fits, with its stored embedding (L2-normalised) and its reference."""

    segment_id: int
    case_id: int
    text: str
    reference: str
    vector: np.ndarray = field(compare=False, repr=False)


@dataclass(frozen=True)
class Quote:
    segment_id: int
    text: str
    reference: str


@dataclass
class EmergentCluster:
    """A candidate theme: its segments, distinctive words and most central quotes.

    ``key`` is stable for the same set of segments, so a dismissal survives a re-run.
    """

    key: str
    segment_ids: list[int]
    cases: int
    words: list[str]
    quotes: list[Quote]

    @property
    def label(self) -> str:
        """A working label from the distinctive words (the researcher renames it)."""
        return ", ".join(self.words[:3]) if self.words else "Unnamed cluster"


def unfitted_segment_ids(
    best_confidence: dict[int, float],
    confirmed: set[int],
    all_rejected: set[int] | frozenset[int] = frozenset(),
    threshold: float = LOW_CONFIDENCE,
) -> list[int]:
    """Segments no theme fits, in id order.

    ``best_confidence``: segment id -> the model's highest calibrated confidence over every
    theme (segments the model never scored count as 0); ``confirmed``: segments any
    researcher confirmed a theme on; ``all_rejected``: segments a researcher reviewed and
    rejected every suggestion on.

    >>> unfitted_segment_ids({1: 0.9, 2: 0.1, 3: 0.8, 4: 0.2}, confirmed={4}, all_rejected={3})
    [2, 3]
    """
    out = []
    for segment_id, best in best_confidence.items():
        if segment_id in confirmed:
            continue
        if best < threshold or segment_id in all_rejected:
            out.append(segment_id)
    return sorted(out)


def cluster_labels(vectors: np.ndarray, method: str = "hdbscan", min_size: int = MIN_CLUSTER_SIZE) -> np.ndarray:
    """One label per row (-1: noise, in no cluster), from scikit-learn."""
    if len(vectors) < min_size:
        return np.full(len(vectors), -1)
    if method == "hdbscan":
        from sklearn.cluster import HDBSCAN

        # Rows are unit vectors, so Euclidean distance orders pairs exactly as cosine does.
        return HDBSCAN(min_cluster_size=min_size, min_samples=2, copy=True).fit_predict(vectors)
    if method == "agglomerative":
        from sklearn.cluster import AgglomerativeClustering

        labels = AgglomerativeClustering(
            n_clusters=None, metric="cosine", linkage="average", distance_threshold=AGGLOMERATIVE_CUT
        ).fit_predict(vectors)
        sizes = Counter(labels)
        return np.array([label if sizes[label] >= min_size else -1 for label in labels])
    raise ValueError(f"Unknown clustering method {method!r}: use 'hdbscan' or 'agglomerative'.")


def distinctive_words(texts: list[str], inside: list[int], count: int = WORDS) -> list[str]:
    """Words used by many of the ``inside`` texts and few of the others (document frequencies).

    >>> texts = ["The bus fare home", "No bus pass, no fare", "Housing again", "Bus fare and a phone"]
    >>> distinctive_words(texts, [0, 1, 3], 2)
    ['bus', 'fare']
    """
    docs = [stems(text) for text in texts]
    inside_set = set(inside)
    within: Counter = Counter()
    outside: Counter = Counter()
    surface: dict[str, Counter] = {}
    # Contractions ("that's", "it's") are talk, not topic.
    docs = [{s: w for s, w in doc.items() if "'" not in w and "’" not in w} for doc in docs]
    for index, doc in enumerate(docs):
        (within if index in inside_set else outside).update(doc.keys())
        for stem, word in doc.items():
            surface.setdefault(stem, Counter())[word] += 1
    n_in, n_out = max(len(inside_set), 1), max(len(docs) - len(inside_set), 1)
    scored = [(within[s] / n_in - outside[s] / n_out, within[s], s) for s in within if within[s] >= min(2, n_in)]
    scored.sort(key=lambda item: (-item[0], -item[1], item[2]))
    return [surface[s].most_common(1)[0][0] for score, _, s in scored[:count] if score > 0]


def _key(segment_ids: list[int]) -> str:
    return hashlib.blake2b(",".join(map(str, sorted(segment_ids))).encode(), digest_size=6).hexdigest()


def emergent_clusters(
    items: list[Unfitted], method: str = "hdbscan", min_size: int = MIN_CLUSTER_SIZE
) -> list[EmergentCluster]:
    """Clusters of unfitted segments, largest first, each with distinctive words and central quotes."""
    if not items:
        return []
    vectors = np.stack([np.asarray(item.vector, dtype=np.float32) for item in items])
    labels = cluster_labels(vectors, method, min_size)
    texts = [item.text for item in items]
    clusters = []
    for label in sorted(set(labels) - {-1}):
        members = [i for i, value in enumerate(labels) if value == label]
        centre = vectors[members].mean(axis=0)
        centre /= max(float(np.linalg.norm(centre)), 1e-9)
        central = sorted(members, key=lambda i: -float(vectors[i] @ centre))[:QUOTES]
        ids = [items[i].segment_id for i in members]
        clusters.append(
            EmergentCluster(
                key=_key(ids),
                segment_ids=ids,
                cases=len({items[i].case_id for i in members}),
                words=distinctive_words(texts, members),
                quotes=[Quote(items[i].segment_id, items[i].text, items[i].reference) for i in central],
            )
        )
    clusters.sort(key=lambda c: (-len(c.segment_ids), c.key))
    return clusters
