"""Interviewer turns -> the topic-guide questions they ask; answers inherit their question.

Interviewers paraphrase ("so how did people get referred to you, in practice?"
for "Can you describe how offenders are referred and attached to the Work
Programme?"), so a turn is scored against every guide question by

* embedding cosine (``encoder.encode``) of the turn, and of its question
  sentences alone, against the question label and, slightly discounted, each
  probe; plus
* lexical overlap of content-word stems (what an interviewer reads off the guide),

combined as ``0.75 * cosine + 0.25 * lexical`` (lexical alone when ``encoder`` is
None, with its own threshold). Guide order is a prior, not a rule: a dynamic
programme over the interview picks the best sequence of questions, where moving
on by one to three questions is free, staying or skipping further costs a
little, and going back costs more but is allowed. A turn may also be "no match"
(``question_id`` None: "Right, okay", "Thanks, that's really helpful"), at a
fixed score; the interview's position in the guide is then unchanged.

Guides repeat themselves: near-twin questions (the prisoner guide's E10/E11,
"How useful have you found the resettlement advice and support..." and "...found
advice and support..."; two sections asking the same questions word for word)
differ by a few words, which a paraphrase keeps or not. Two questions are
near-twins when each, read as a turn, scores the other at least
``TWIN_SIMILARITY``. The scorer tells twins apart well when the interviewer's
words carry the difference; what goes wrong is two asks sent to the same twin
(the better worded or more generic one, or, asked the other way round, the one
nearer in the guide) while the other twin is never credited. So no question
keeps two asks while a twin of it is unasked, if moving one ask to the twin costs
the best path (scores and order prior, neighbouring questions included) at most
``TWIN_REPAIR_COST``.

``align_questions`` returns one Alignment per interviewer turn and sets, **in
place**, ``question_id``/``section_id`` on every respondent segment after an
aligned turn, until the next aligned turn. Answers before the first aligned
question (introductions, consent) keep None. Unmatched interviewer turns are
follow-ups: the answers after them keep the current question.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

import numpy as np

from coding.model import Alignment, Frame, Segment, Theme, Transcript

EMBEDDING_WEIGHT = 0.75
PROBE_DISCOUNT = 0.9
NO_MATCH_SCORE = 0.42  # combined score a question must beat to count as asked
NO_MATCH_SCORE_LEXICAL = 0.22
# Near-twins: a question's label, scored as a turn, scores its twin at least this (both ways).
# The shipped guides' pairs a reader calls "the same question" clear it (prisoner E10/E11 0.75,
# Peterborough Q18/Q29 0.89, sections repeated word for word 1.0); so do some pairs worded alike
# with opposite sense (Q79/Q80 strengths/challenges 0.85), harmlessly: the twin rule below acts
# only when an interview seems to ask one of a pair twice and never the other.
TWIN_SIMILARITY = 0.75
TWIN_SIMILARITY_LEXICAL = 0.7  # word overlap alone: E10/E11 0.93, Q18/Q29 0.71
# Moving one of two asks of a question to its unasked twin may cost the path at most this (score
# lost plus order prior): about a back-jump (0.05) and a few skipped questions, not a long detour
# to a twin in a part of the guide the interview never reached.
TWIN_REPAIR_COST = 0.1
# Which ask was the twin: the one whose words lean toward it most, unless another leans within this
# of it; then the order prior picks. A generic ask ("how useful has it all been?") leans toward the
# more generic twin by chance: prisoner E10 asked that way leaned 0.05 less toward E10 than the E11
# ask after it. 0.08 to 0.15 give the same results in benchmarks/bench_align.py; 0.02 and 0.05 fewer.
TWIN_WORDING_TIE = 0.08
_STOP = set(
    "a an the and or of to in on at for with by from as is are was were be been being it its this that these "
    "those you your yours we our us they them their i me my he she his her what which who whom how why when "
    "where do does did done can could would should will shall may might must have has had not no yes so if "
    "then than there here about any some more most other into over such just also very really well okay ok "
    "right yeah um erm er mm tell think kind sort bit lot thing things little much many way ways get got".split()
)


@dataclass
class GuideQuestion:
    theme: Theme
    section_id: str | None
    order: int


def guide_questions(frame: Frame) -> list[GuideQuestion]:
    """The frame's questions in guide order, each with its nearest section ancestor."""
    kinds = {theme.id: theme.kind for theme, _ in frame.walk()}
    out: list[GuideQuestion] = []
    for theme, path in frame.walk():
        if theme.kind != "question":
            continue
        sections = [tid for tid in path if kinds.get(tid) == "section"]
        out.append(GuideQuestion(theme, sections[-1] if sections else (path[0] if path else None), len(out)))
    return out


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def content_stems(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z][a-z'’]+", text.lower()) if w not in _STOP and len(w) > 2}


def _set_cosine(a: set[str], b: set[str]) -> float:
    return len(a & b) / np.sqrt(len(a) * len(b)) if a and b else 0.0


def _question_sentences(text: str) -> str:
    sentences = re.split(r"(?<=[.?!])\s+", text.strip())
    asked = [s for s in sentences if "?" in s]
    return " ".join(asked) if asked and len(asked) < len(sentences) else ""


def _probes(theme: Theme) -> list[str]:
    """Probes worth matching: without their "Probe:" tag, and not one-word list items ("EBAs", "From:")."""
    out = []
    for probe in theme.probes:
        probe = re.sub(r"^\s*(probe|prompt)[^:]{0,20}:\s*", "", probe, flags=re.I).strip()
        if len(probe.split()) >= 3:
            out.append(probe)
    return out


def score_matrix(turn_texts: list[str], questions: list[GuideQuestion], encoder=None) -> np.ndarray:
    """(turns x questions) combined similarity in [0, 1]."""
    q_texts = [[q.theme.label, *_probes(q.theme)] for q in questions]
    lexical = np.zeros((len(turn_texts), len(questions)), dtype=np.float32)
    turn_stems = [content_stems(t) for t in turn_texts]
    for j, texts in enumerate(q_texts):
        stems = [content_stems(t) for t in texts]
        for i, ts in enumerate(turn_stems):
            lexical[i, j] = max(_set_cosine(ts, s) * (1.0 if k == 0 else PROBE_DISCOUNT) for k, s in enumerate(stems))
    if encoder is None:
        return lexical

    variants = [[t] + ([qs] if (qs := _question_sentences(t)) else []) for t in turn_texts]
    flat_turns = [v for vs in variants for v in vs]
    flat_q = [t for ts in q_texts for t in ts]
    # A guide repeating a question, or labels scored as turns (near_twins), repeat texts: encode each once.
    position = {text: i for i, text in enumerate(dict.fromkeys(flat_turns + flat_q))}
    vectors = encoder.encode(list(position))[[position[text] for text in flat_turns + flat_q]]
    turn_vecs, q_vecs = vectors[: len(flat_turns)], vectors[len(flat_turns) :]
    sims = turn_vecs @ q_vecs.T  # rows: turn variants, cols: question texts
    row = 0
    per_turn = np.zeros((len(turn_texts), len(flat_q)), dtype=np.float32)
    for i, vs in enumerate(variants):
        per_turn[i] = sims[row : row + len(vs)].max(axis=0)
        row += len(vs)
    cosine = np.zeros_like(lexical)
    col = 0
    for j, texts in enumerate(q_texts):
        block = per_turn[:, col : col + len(texts)].copy()
        block[:, 1:] *= PROBE_DISCOUNT
        cosine[:, j] = block.max(axis=1)
        col += len(texts)
    return EMBEDDING_WEIGHT * np.clip(cosine, 0.0, 1.0) + (1 - EMBEDDING_WEIGHT) * lexical


def twin_matrix(label_scores: np.ndarray, lexical: bool = False) -> np.ndarray:
    """(q x q) True where two questions are near-twins, from ``score_matrix(labels, questions)``.

    Both ways must clear the bar: a short generic question scores high against a
    longer one that contains it, but not the other way round.
    """
    twins = np.minimum(label_scores, label_scores.T) >= (TWIN_SIMILARITY_LEXICAL if lexical else TWIN_SIMILARITY)
    np.fill_diagonal(twins, False)
    return twins


def near_twins(questions: list[GuideQuestion], encoder=None) -> list[tuple[str, str]]:
    """Pairs of near-twin question ids, in guide order: the pairs whose asks the aligner shares out."""
    labels = [q.theme.label for q in questions]
    twins = twin_matrix(score_matrix(labels, questions, encoder), lexical=encoder is None)
    return [(questions[j].theme.id, questions[k].theme.id) for j, k in zip(*np.nonzero(np.triu(twins)), strict=True)]


def _transition(n: int) -> np.ndarray:
    """(n+1 x n) prior for moving from position i (0 = before the guide) to question j."""
    prev = np.arange(-1, n)[:, None]
    step = np.arange(n)[None, :] - prev
    prior = np.zeros((n + 1, n), dtype=np.float32)
    prior[step == 0] = -0.03  # the same question again (rephrased)
    ahead = step > 3
    prior[ahead] = -0.015 * np.minimum(step[ahead] - 3, 10)  # skipping part of the guide
    prior[step < 0] = -0.05  # going back to an earlier question
    return prior


def _viterbi(
    scores: np.ndarray, no_match: float, forced: dict[int, int] | None = None
) -> tuple[list[int | None], float]:
    """Best path and its total (scores + order prior); ``forced`` pins turn rows to question indexes."""
    n_turns, n_q = scores.shape
    if n_turns == 0 or n_q == 0:
        return [None] * n_turns, 0.0
    forced = forced or {}
    prior = _transition(n_q)
    dp = np.full(n_q + 1, -np.inf, dtype=np.float64)
    dp[0] = 0.0
    back: list[tuple[np.ndarray, np.ndarray]] = []
    for t in range(n_turns):
        moved = dp[:, None] + prior  # (positions, questions)
        came_from = moved.argmax(axis=0)
        asked = moved.max(axis=0) + scores[t]
        stayed = dp + no_match
        if t in forced:
            asked = np.where(np.arange(n_q) == forced[t], asked, -np.inf)
            stayed = np.full_like(stayed, -np.inf)
        new = stayed.copy()
        matched = np.zeros(n_q + 1, dtype=bool)
        better = asked > stayed[1:]
        new[1:][better] = asked[better]
        matched[1:] = better
        back.append((matched, came_from))
        dp = new
    position = int(dp.argmax())
    total = float(dp[position])
    path: list[int | None] = [None] * n_turns
    for t in range(n_turns - 1, -1, -1):
        matched, came_from = back[t]
        if matched[position]:
            path[t] = position - 1
            position = int(came_from[position - 1])
    return path, total


def best_path(scores: np.ndarray, no_match: float) -> list[int | None]:
    """Question index (or None) per turn maximising score + order prior."""
    return _viterbi(scores, no_match)[0]


def _repeat_with_unasked_twin(path: list[int | None], twins: np.ndarray, settled: set[int]) -> int | None:
    """A question aligned at two or more turns while a near-twin of it is aligned at none."""
    counts = np.bincount(np.asarray([q for q in path if q is not None], dtype=np.int64), minlength=len(twins))
    for q in np.nonzero(counts >= 2)[0]:
        if int(q) not in settled and np.any(twins[q] & (counts == 0)):
            return int(q)
    return None


def twin_aware_path(scores: np.ndarray, no_match: float, twins: np.ndarray) -> list[int | None]:
    """``best_path``, then no question keeps two asks while a near-twin of it is unasked.

    An interview that asks a question twice while the guide's near-twin of it never
    comes up has almost always asked the twin once: the scorer sent both asks to the
    better worded or more generic twin, or, the pair asked the other way round, to
    the one nearer in the guide. Which ask was the twin is read off the words: the
    ask whose score leans most toward the twin (asks leaning within
    TWIN_WORDING_TIE of it, as twins worded alike all do, are told apart by the
    path total, i.e. the order prior). Whether it was is read off the order: the
    move, with the rest of the path re-decided around it, may cost the path at most
    TWIN_REPAIR_COST, so a twin in a part of the guide the interview never reached
    is not dragged in. The price: an interviewer who really does ask the same
    question again, in other words, may be read as asking its twin.
    """
    path, total = _viterbi(scores, no_match)
    forced: dict[int, int] = {}
    settled: set[int] = set()
    while (q := _repeat_with_unasked_twin(path, twins, settled)) is not None:
        settled.add(q)
        unasked = [int(k) for k in np.nonzero(twins[q])[0] if k not in path]
        moves = [(row, k) for row, asked in enumerate(path) if asked == q for k in unasked]
        leans = [float(scores[row, k] - scores[row, q]) for row, k in moves]
        tries = [(*_viterbi(scores, no_match, {**forced, row: k}), {**forced, row: k})
                 for (row, k), lean in zip(moves, leans, strict=True) if lean >= max(leans) - TWIN_WORDING_TIE]
        new_path, new_total, pins = max(tries, key=lambda tried: tried[1])
        if total - new_total <= TWIN_REPAIR_COST:
            path, total, forced = new_path, new_total, pins
    return path


def align_questions(transcript: Transcript, segments: list[Segment], frame: Frame, encoder=None) -> list[Alignment]:
    """Align interviewer turns to guide questions; set the question on following answers (in place)."""
    questions = guide_questions(frame)
    asking = [i for i, turn in enumerate(transcript.turns) if transcript.role_of(turn.speaker) == "interviewer"]
    texts = [transcript.turn_text(transcript.turns[i]) for i in asking]
    if questions and asking:
        # The labels go through as turns too: how alike two questions look to the scorer makes them twins.
        both = score_matrix(texts + [q.theme.label for q in questions], questions, encoder)
        scores, twins = both[: len(texts)], twin_matrix(both[len(texts) :], lexical=encoder is None)
    else:
        scores, twins = np.zeros((len(asking), len(questions))), np.zeros((len(questions),) * 2, dtype=bool)
    no_match = NO_MATCH_SCORE if encoder is not None else NO_MATCH_SCORE_LEXICAL
    path = twin_aware_path(scores, no_match, twins)

    alignments: list[Alignment] = []
    for row, (turn_index, q) in enumerate(zip(asking, path, strict=True)):
        best = float(scores[row].max()) if scores.shape[1] else 0.0
        if q is None:
            alignments.append(Alignment(turn_index, None, None, round(best, 4)))
        else:
            question = questions[q]
            alignments.append(Alignment(turn_index, question.theme.id, question.section_id, round(float(scores[row, q]), 4)))

    aligned = [a for a in alignments if a.question_id]  # in turn order
    starts = [a.turn_index for a in aligned]
    for segment in segments:
        if segment.role != "respondent":
            continue
        k = bisect.bisect_left(starts, segment.turn_index) - 1
        segment.question_id = aligned[k].question_id if k >= 0 else None
        segment.section_id = aligned[k].section_id if k >= 0 else None
    return alignments
