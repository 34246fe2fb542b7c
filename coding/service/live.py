"""A project's suggester kept warm: it learns from each decision as it is made.

The UI holds one ``LiveSuggester`` per project (``st.cache_resource``). Segment
embeddings are loaded once from the store; each confirm teaches a positive
example and each reject a negative one (and hides that theme on that segment),
then the suggestions of the not-yet-reviewed segments of the same interview are
re-scored from stored embeddings — no text is re-encoded — and written back.
Other interviews are refreshed when opened (``refresh_if_stale``).
"""

from __future__ import annotations

import threading

import numpy as np

from coding.model import MODEL_CODER
from coding.service import decisions as service_decisions
from coding.service import suggestions
from coding.store import codes as store_codes
from coding.store import transcripts as store_transcripts
from coding.store.db import Store
from coding.suggest.encoder import CachingEncoder


class LiveSuggester:
    def __init__(self, store: Store, project_id: int, encoder):
        self.store, self.project_id = store, project_id
        # Cached: an undo builds a fresh suggester, which would otherwise encode the frame's texts again.
        self.encoder = CachingEncoder(suggestions.project_encoder(store, project_id, encoder))
        self._lock = threading.RLock()
        self.rebuild()

    def rebuild(self) -> None:
        """Start again from the store: every stored embedding and every decision so far."""
        with self._lock:
            self.embeddings = suggestions.embed_segments(self.store, self.project_id, self.encoder)
            self.relearn()

    def relearn(self) -> None:
        """A fresh suggester taught every decision so far, on the embeddings already held (they do not
        change when a decision does; reading 12,000 of them back made an undo take seconds at 300 interviews)."""
        with self._lock:
            self.suggester = suggestions.build_suggester(self.store, self.project_id, self.encoder)
            self.rejected = suggestions.teach_from_decisions(
                self.suggester, self.store, self.project_id, self.embeddings
            )

    def decide(self, segment_id: int, theme_id: str, action: str, coder: str, span=None):
        """Store the decision at once, learn from it, and refresh this interview's open suggestions."""
        code = service_decisions.decide(self.store, self.project_id, segment_id, theme_id, action, coder, span)
        with self._lock:
            blind = suggestions.on_blind_interview(self.store, self.project_id, segment_id)
            vector = None if blind else self.embeddings.get(segment_id)
            if vector is not None and action in ("confirm", "add"):
                self.suggester.add_example(vector, theme_id, True)
            elif vector is not None and action == "reject":
                self.suggester.add_example(vector, theme_id, False)
                self.rejected.setdefault(segment_id, set()).add(theme_id)
        transcript_id = store_transcripts.transcript_of_segment(self.store, segment_id)
        self.refresh_transcript(transcript_id)
        return code

    def undo(self, coder: str):
        undone = service_decisions.undo(self.store, self.project_id, coder)
        if undone is not None:
            # Examples cannot be un-learned one by one; re-teaching every decision from the store is exact.
            self.relearn()
            self.refresh_transcript(store_transcripts.transcript_of_segment(self.store, undone.segment_id))
        return undone

    def refresh_transcript(self, transcript_id: int) -> int:
        """Re-score the interview's segments that no researcher has reviewed. Returns how many."""
        segments = store_transcripts.load_segments(self.store, transcript_id, codable_only=True)
        current = store_codes.codes_for_segments(self.store, [s.stored_id for s in segments])
        open_segments = [
            s for s in segments if s.id in self.embeddings and all(c.coder == MODEL_CODER for c in current[s.stored_id])
        ]
        if open_segments:
            with self._lock:
                ranked = self.suggester.suggest(
                    [s.text for s in open_segments],
                    question_ids=[s.question_id for s in open_segments],
                    top_k=suggestions.TOP_K,
                    embeddings=np.stack([self.embeddings[s.stored_id] for s in open_segments]),
                    exclude=[self.rejected.get(s.stored_id, set()) for s in open_segments],
                    context=suggestions.question_context(
                        self.store, self.suggester, [(transcript_id, s) for s in open_segments], self.embeddings
                    ),
                )
            store_codes.put_suggestions(
                self.store, self.project_id, {s.stored_id: r for s, r in zip(open_segments, ranked)}, self.encoder.name
            )
        store_transcripts.mark_suggested(
            self.store, {transcript_id}, store_codes.decision_count(self.store, self.project_id)
        )
        return len(open_segments)

    def refresh_if_stale(self, transcript_id: int) -> bool:
        if suggestions.suggestions_stale(self.store, self.project_id, transcript_id):
            self.refresh_transcript(transcript_id)
            return True
        return False
