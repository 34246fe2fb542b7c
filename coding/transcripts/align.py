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
from coding.suggest.encoder import CachingEncoder
from coding.text import spoken_stems
from coding.transcripts.sequence import best_path, posteriors, twin_aware_path  # noqa: F401 (best_path: re-export)
from coding.transcripts.spoken import SpokenTurn, read_turn

EMBEDDING_WEIGHT = 0.75
PROBE_DISCOUNT = 0.9
# Chosen by leave-one-interview-out cross-validation over every interview set (benchmarks/bench_align.py):
NO_MATCH_SCORE = 0.34  # combined score a question must beat to count as asked
NO_MATCH_SCORE_LEXICAL = 0.22
WHOLE_TURN = True  # score the turn as said, too, beside its asks
ANSWER_WEIGHT = 0.0  # share of a turn's score from the answer after it (measured 0.15, 0.3: worse)
ELLIPTICAL_NO_MATCH = 0.0  # added to the no-match score of an ask leaning on the one before (0.1: worse)
TEMPERATURE = 0.05  # posteriors: how far apart two readings' scores must be for one to be sure
UNSURE_BELOW = 0.6  # an answer's question is flagged for a researcher below this confidence
# Near-twins: a question's label, scored as a turn, scores its twin at least this (both ways).
# The shipped guides' pairs a reader calls "the same question" clear it (prisoner E10/E11 0.75,
# Peterborough Q18/Q29 0.89, sections repeated word for word 1.0); so do some pairs worded alike
# with opposite sense (Q79/Q80 strengths/challenges 0.85), harmlessly: the twin rule below acts
# only when an interview seems to ask one of a pair twice and never the other.
TWIN_SIMILARITY = 0.75
TWIN_SIMILARITY_LEXICAL = 0.7  # word overlap alone: E10/E11 0.93, Q18/Q29 0.71


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


def content_stems(text: str) -> set[str]:
    """The words an interviewer's question and a guide question are compared by (``coding.text``)."""
    return spoken_stems(text)


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


def _flat_scores(texts: list[str], questions: list[GuideQuestion], encoder=None) -> np.ndarray:
    """(texts x questions) combined similarity in [0, 1] of each text alone."""
    q_texts = [[q.theme.label, *_probes(q.theme)] for q in questions]
    lexical = np.zeros((len(texts), len(questions)), dtype=np.float32)
    text_stems = [content_stems(t) for t in texts]
    for j, qs in enumerate(q_texts):
        stems = [content_stems(t) for t in qs]
        for i, ts in enumerate(text_stems):
            lexical[i, j] = max(_set_cosine(ts, s) * (1.0 if k == 0 else PROBE_DISCOUNT) for k, s in enumerate(stems))
    if encoder is None or not texts:
        return lexical
    flat_q = [t for ts in q_texts for t in ts]
    # A guide repeating a question, or labels scored as turns (near_twins), repeat texts: encode each once.
    position = {text: i for i, text in enumerate(dict.fromkeys(texts + flat_q))}
    vectors = encoder.encode(list(position))[[position[text] for text in texts + flat_q]]
    sims = vectors[: len(texts)] @ vectors[len(texts) :].T  # rows: texts, cols: question texts
    cosine = np.zeros_like(lexical)
    col = 0
    for j, qs in enumerate(q_texts):
        block = sims[:, col : col + len(qs)].copy()
        block[:, 1:] *= PROBE_DISCOUNT
        cosine[:, j] = block.max(axis=1)
        col += len(qs)
    return EMBEDDING_WEIGHT * np.clip(cosine, 0.0, 1.0) + (1 - EMBEDDING_WEIGHT) * lexical


def score_variants(variants: list[list[str]], questions: list[GuideQuestion], encoder=None) -> np.ndarray:
    """(turns x questions): each turn's best score over its texts (a turn with none scores 0)."""
    flat = [v for vs in variants for v in vs]
    sims = _flat_scores(flat, questions, encoder)
    out = np.zeros((len(variants), len(questions)), dtype=np.float32)
    row = 0
    for i, vs in enumerate(variants):
        if vs:
            out[i] = sims[row : row + len(vs)].max(axis=0)
        row += len(vs)
    return out


def score_matrix(turn_texts: list[str], questions: list[GuideQuestion], encoder=None) -> np.ndarray:
    """(turns x questions) combined similarity of whole texts (and their question sentences) in [0, 1].

    How the guide's own labels score each other (``near_twins``); interviewer turns
    are read first (``read_turn``) and scored by ``score_variants``.
    """
    if encoder is None:
        return score_variants([[t] for t in turn_texts], questions, None)
    return score_variants(
        [[t] + ([qs] if (qs := _question_sentences(t)) else []) for t in turn_texts], questions, encoder
    )


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


def read_interview(
    texts: list[str], questions: list[GuideQuestion], encoder=None, answers: list[str] | None = None
) -> TurnScores:
    """Every interviewer turn read (``read_turn``) and scored against every guide question.

    ``said`` (turns x questions) is the best over a turn's asks, their variants
    and the turn as said; ``ask_scores`` holds each ask alone, for stacked
    questions; ``heard`` scores the respondent's words after each turn (an answer
    talks about what was asked, which tells a loose paraphrase from the question
    it resembles in a word or two). The blend and the no-match scores are read
    from the module's constants when used (``scores``, ``no_match``), so the
    benchmark can try constants without scoring again.
    """
    spoken = [read_turn(text) for text in texts]
    rows = [s.variants + ([s.text] if WHOLE_TURN and not s.backchannel else []) for s in spoken]
    both = score_variants(rows + [[a] for s in spoken for a in s.asks], questions, encoder)
    said, flat_asks = both[: len(spoken)], both[len(spoken) :]
    heard = None
    if answers is not None and len(questions):
        heard = _flat_scores([_opening_words(a) for a in answers], questions, encoder)
        heard[[not a.strip() or s.backchannel for a, s in zip(answers, spoken, strict=True)]] = np.nan
    ask_scores, row = [], 0
    for s in spoken:
        ask_scores.append(flat_asks[row : row + len(s.asks)])
        row += len(s.asks)
    return TurnScores(spoken, said, heard, ask_scores, encoder is None)


def _opening_words(text: str, limit: int = 80) -> str:
    """An answer's first words: where it answers the question, before it wanders."""
    return " ".join(text.split()[:limit])


@dataclass
class TurnScores:
    spoken: list[SpokenTurn]
    said: np.ndarray
    heard: np.ndarray | None
    ask_scores: list[np.ndarray]
    lexical: bool

    @property
    def scores(self) -> np.ndarray:
        if self.heard is None or ANSWER_WEIGHT == 0:
            return self.said
        return np.where(np.isnan(self.heard), self.said, (1 - ANSWER_WEIGHT) * self.said + ANSWER_WEIGHT * self.heard)

    @property
    def no_match(self) -> np.ndarray:
        base = NO_MATCH_SCORE_LEXICAL if self.lexical else NO_MATCH_SCORE
        return np.array(
            [np.inf if s.backchannel else base + (ELLIPTICAL_NO_MATCH if s.elliptical else 0.0) for s in self.spoken]
        )

    def path_inputs(self) -> tuple[np.ndarray, np.ndarray]:
        """Scores and no-match as the sequence model takes them (a back-channel can ask nothing)."""
        scores, no_match = self.scores.astype(np.float64).copy(), self.no_match
        scores[np.isinf(no_match)] = -np.inf
        return scores, np.where(np.isinf(no_match), 0.0, no_match)


@dataclass
class InterviewScores:
    """What alignment needs from the model for one interview; ``align_questions`` decides from it."""

    questions: list[GuideQuestion]
    asking: list[int]  # turn indexes of the interviewer's turns
    read: TurnScores
    twins: np.ndarray


def score_interview(
    transcript: Transcript, frame: Frame, encoder=None, with_answers: bool | None = None
) -> InterviewScores:
    """The model's side of alignment; ``with_answers`` (default: when ANSWER_WEIGHT > 0) scores the answers too."""
    if encoder is not None and not isinstance(encoder, CachingEncoder):
        encoder = CachingEncoder(encoder)  # the guide's texts are scored twice: against the turns, and as turns
    questions = guide_questions(frame)
    asking = [i for i, turn in enumerate(transcript.turns) if transcript.role_of(turn.speaker) == "interviewer"]
    texts = [transcript.turn_text(transcript.turns[i]) for i in asking]
    ends = asking[1:] + [len(transcript.turns)]
    answers = [
        " ".join(
            transcript.turn_text(turn)
            for turn in transcript.turns[a + 1 : b]
            if transcript.role_of(turn.speaker) != "interviewer"
        )
        for a, b in zip(asking, ends, strict=True)
    ]
    use_answers = ANSWER_WEIGHT > 0 if with_answers is None else with_answers
    read = read_interview(texts, questions, encoder, answers if use_answers else None)
    if questions and asking:
        # The labels go through as turns too: how alike two questions look to the scorer makes them twins.
        twins = twin_matrix(
            score_matrix([q.theme.label for q in questions], questions, encoder), lexical=encoder is None
        )
    else:
        twins = np.zeros((len(questions),) * 2, dtype=bool)
    return InterviewScores(questions, asking, read, twins)


def _stacked(read: TurnScores, row: int, asked: int, no_match: float, taken: set[int]) -> list[int]:
    """A second guide question asked in the same turn ("How old are you? And have you got children?").

    An ask of the turn whose own best question is not the one the path gave the
    turn, clears the no-match score on its own, and is asked nowhere else.
    """
    out = []
    for ask_row in read.ask_scores[row]:
        if len(read.ask_scores[row]) < 2:
            break
        best = int(ask_row.argmax())
        if best != asked and best not in taken and ask_row[best] > no_match and ask_row[best] > ask_row[asked]:
            out.append(best)
    return list(dict.fromkeys(out))


def align_questions(
    transcript: Transcript, segments: list[Segment], frame: Frame, encoder=None, scored: InterviewScores | None = None
) -> list[Alignment]:
    """Align interviewer turns to guide questions; set the question on following answers (in place)."""
    scored = scored or score_interview(transcript, frame, encoder)
    questions, asking, read, twins = scored.questions, scored.asking, scored.read, scored.twins
    blended = read.scores
    scores, no_match = read.path_inputs()
    path = twin_aware_path(scores, no_match, twins)
    sure = posteriors(np.where(np.isfinite(scores), scores, -1e3), no_match, TEMPERATURE)

    alignments: list[Alignment] = []
    asked_anything = False
    taken = {q for q in path if q is not None}
    for row, (turn_index, q) in enumerate(zip(asking, path, strict=True)):
        best = float(blended[row].max()) if blended.shape[1] else 0.0
        if q is None:
            kind = "backchannel" if read.spoken[row].backchannel else "follow_up" if asked_anything else "off_guide"
            alignments.append(Alignment(turn_index, None, None, round(best, 4), round(float(sure[row, 0]), 4), kind))
            continue
        asked_anything = True
        confidence = round(float(sure[row, q + 1]), 4)
        also = _stacked(read, row, q, float(no_match[row]), taken)
        taken.update(also)
        if also:  # the answer's question is the one asked first; the other is asked too
            first = int(read.ask_scores[row][0][[q, *also]].argmax())
            q, also = [q, *also][first], [k for k in [q, *also] if k != [q, *also][first]]
        question = questions[q]
        alignments.append(
            Alignment(
                turn_index,
                question.theme.id,
                question.section_id,
                round(float(blended[row, q]), 4),
                confidence,
                "question",
                [questions[k].theme.id for k in also],
            )
        )
    carry_questions(alignments, segments)
    return alignments


def carry_questions(alignments: list[Alignment], segments: list[Segment]) -> None:
    """Each respondent segment takes the question of the last turn before it that asked one (in place).

    Follow-ups and back-channels pass the question on; an answer's confidence is its
    asking turn's times that of each follow-up in between (each could have been a
    new question). Answers before the first question (introductions) carry None.
    """
    by_turn = sorted(alignments, key=lambda a: a.turn_index)
    starts = [a.turn_index for a in by_turn]
    for segment in segments:
        if segment.role != "respondent":
            continue
        k = bisect.bisect_left(starts, segment.turn_index) - 1
        confidence = 1.0
        while k >= 0 and by_turn[k].question_id is None and by_turn[k].kind != "off_guide":
            confidence *= by_turn[k].confidence
            k -= 1
        if k < 0 or by_turn[k].question_id is None:
            segment.question_id = segment.section_id = segment.question_confidence = None
            continue
        segment.question_id = by_turn[k].question_id
        segment.section_id = by_turn[k].section_id
        segment.question_confidence = round(confidence * by_turn[k].confidence, 4)
