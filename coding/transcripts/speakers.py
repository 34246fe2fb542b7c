"""Speaker labels -> Speakers: one person however the typist wrote them, and their role.

Labels are normalised (``"JANE SMITH:"`` and ``"Jane Smith"`` are one key), then
grouped: a first name, a surname or initials (``"Jane"``, ``"JS"``, ``"J.S."``)
that fit exactly one full name become that speaker's aliases, as does a bracketed
alias (``"Jane Smith (JS)"``). Role words decide a role outright (``I``, ``Int``,
``Interviewer``, ``Q``, ``Moderator`` -> interviewer; ``R``, ``A``, ``Respondent``,
``Interviewee``, ``Participant`` -> respondent). Name labels get a role inferred
from who asks the questions: the share of turns with a question mark, plus
lexical overlap with the guide's questions when they are given, plus the
transcript header (``Interviewer: Sarah Jones``). Paired interviews and small
groups come out as one or two interviewers and several respondents.

``set_role`` is the researcher's correction. It never changes the text or the
turns, so every offset (and every code on a segment) stays valid.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable

from coding.errors import NotFound
from coding.model import Role, Speaker, Transcript
from coding.text import content_words

INTERVIEWER_WORDS = {
    "i",
    "int",
    "intv",
    "iv",
    "interviewer",
    "interviewers",
    "q",
    "question",
    "moderator",
    "mod",
    "facilitator",
    "researcher",
}
RESPONDENT_WORDS = {
    "r",
    "a",
    "answer",
    "resp",
    "respondent",
    "interviewee",
    "ie",
    "participant",
    "p",
    "speaker",
}
_ROLE_DISPLAY = {"interviewer": "Interviewer", "respondent": "Respondent"}
_NAME_PARTICLES = {"de", "van", "von", "der", "bin", "al", "la", "le", "da", "di", "du", "mc", "of"}
_ALIAS_RE = re.compile(r"^(?P<main>.*?)\s*\((?P<alias>[^()]{1,30})\)\s*$")


def clean_label(label: str) -> str:
    """The label as written, without brackets, trailing colon and extra spaces."""
    label = re.sub(r"\s+", " ", label.replace("\u00a0", " ")).strip()
    label = label.strip("*_[]<> ").rstrip(":").strip()
    return label


def label_key(label: str) -> str:
    """Normalised key: ``"JANE SMITH:"`` -> ``"jane_smith"``; role words -> ``"interviewer"``."""
    label = clean_label(label)
    match = _ALIAS_RE.match(label)
    if match and match.group("main"):
        label = match.group("main")
    role, number = _role_word(label)
    if role:
        return role + (f"_{number}" if number else "")
    slug = re.sub(r"[^a-z0-9]+", "_", label.lower().replace(".", "")).strip("_")
    return slug or "speaker"


def _role_word(label: str) -> tuple[str | None, str]:
    """``"R2"`` -> ("respondent", "2"); ``"Interviewer"`` -> ("interviewer", ""); names -> (None, "")."""
    text = label.lower().replace(".", "").replace("_", " ").strip()
    match = re.fullmatch(r"([a-z]+)\s*(\d{0,2})", text)
    if not match:
        return None, ""
    word, number = match.groups()
    if word in INTERVIEWER_WORDS:
        return "interviewer", number
    if word in RESPONDENT_WORDS:
        # "P" or "Speaker" alone is not a role unless numbered ("P1", "Speaker 2").
        if word in {"p", "speaker"} and not number:
            return None, ""
        return "respondent", number
    return None, ""


def role_of_label(label: str) -> str | None:
    """The role a label states outright, or None for a name."""
    return _role_word(_main_part(clean_label(label)))[0]


def _main_part(label: str) -> str:
    match = _ALIAS_RE.match(label)
    return match.group("main") if match and match.group("main") else label


def _display(label: str) -> str:
    label = _main_part(clean_label(label))
    role, number = _role_word(label)
    if role:
        return _ROLE_DISPLAY[role] + (f" {number}" if number else "")
    if label.isupper() and any(len(w) > 2 for w in re.split(r"[\s.]+", label)):  # "JANE SMITH", not "JS"
        return " ".join(w.capitalize() for w in label.split())
    return label


def _initials(name_words: list[str]) -> str:
    return "".join(w[0] for w in name_words if w and w.lower() not in _NAME_PARTICLES).lower()


def resolve_speakers(labels: Iterable[str]) -> tuple[list[Speaker], dict[str, str]]:
    """Group raw labels (in order of appearance) into Speakers; return them and raw label -> key."""
    raw_labels = list(dict.fromkeys(labels))
    counts: Counter[str] = Counter()
    first_spelling: dict[str, list[str]] = {}
    bracket_alias: dict[str, str] = {}
    for raw in raw_labels:
        key = label_key(raw)
        counts[key] += 1
        first_spelling.setdefault(key, []).append(raw)
        match = _ALIAS_RE.match(clean_label(raw))
        if match and match.group("main"):
            bracket_alias[label_key(match.group("alias"))] = key

    keys = list(first_spelling)
    full_names = {k: _main_part(clean_label(first_spelling[k][0])).replace(".", " ").split() for k in keys}
    full_names = {k: words for k, words in full_names.items() if len(words) >= 2 and not role_of_label(k)}
    canonical: dict[str, str] = {}
    for key in keys:
        if key in bracket_alias and bracket_alias[key] != key:
            canonical[key] = bracket_alias[key]
            continue
        if key in full_names or role_of_label(key):
            continue
        compact = key.replace("_", "")
        fits = [
            full
            for full, words in full_names.items()
            if compact in {words[0].lower(), words[-1].lower()} or compact == _initials(words)
        ]
        if len(fits) == 1:
            canonical[key] = fits[0]

    speakers: dict[str, Speaker] = {}
    mapping: dict[str, str] = {}
    for raw in raw_labels:
        key = label_key(raw)
        target = canonical.get(key, key)
        mapping[raw] = target
        if target not in speakers:
            source = first_spelling.get(target, [raw])[0]
            role = role_of_label(source) or "respondent"
            speakers[target] = Speaker(key=target, label=_display(source), role=role, aliases=[])
        speaker = speakers[target]
        for spelling in (clean_label(raw), _display(raw)):
            if spelling != speaker.label and spelling not in speaker.aliases:
                speaker.aliases.append(spelling)
    # A speaker first met as an alias gets its full name as the label.
    for key, speaker in speakers.items():
        if key in first_spelling:
            full = _display(first_spelling[key][0])
            if full != speaker.label:
                speaker.aliases.insert(0, speaker.label)
                speaker.label = full
            speaker.aliases = [a for a in speaker.aliases if a != speaker.label]
    return list(speakers.values()), mapping


# ----- roles -----


def _content_words(text: str) -> set[str]:
    return content_words(text)


def _guide_overlap(text: str, question_words: list[set[str]]) -> float:
    words = _content_words(text)
    if not words or not question_words:
        return 0.0
    return max(len(words & q) / max(1, min(len(q), 8)) for q in question_words)


def infer_roles(transcript: Transcript, questions: list[str] | None = None) -> Transcript:
    """Set roles of name-labelled speakers by who asks the questions; role words are kept.

    ``questions`` are the guide's question texts (labels and probes), used as a
    lexical hint. Header attributes ``interviewer``/``respondent`` naming a
    speaker decide that speaker's role first. Returns a new Transcript.
    """
    speakers = [dataclasses.replace(s, aliases=list(s.aliases)) for s in transcript.speakers]
    fixed = {s.key for s in speakers if role_of_label(s.label) or role_of_label(s.key)}
    hinted = _header_hints(transcript, speakers)
    for speaker in speakers:
        if speaker.key in hinted and speaker.key not in fixed:
            speaker.role = hinted[speaker.key]
            fixed.add(speaker.key)
    free = [s for s in speakers if s.key not in fixed]
    if free:
        has_interviewer = any(s.role == "interviewer" for s in speakers if s.key in fixed)
        scores = _question_scores(transcript, questions)
        if has_interviewer or len(speakers) == 1:
            labelled = [s for s in speakers if "interviewer" in (role_of_label(s.label), role_of_label(s.key))]
            asking = max((scores.get(s.key, 0.0) for s in labelled), default=0.0)
            for speaker in free:
                # The interviewer labelled by name in some turns ("Amira:") and by role in others
                # ("INT:") asks as the interviewer does: one more interviewer label, not a respondent.
                asks_alike = (
                    bool(labelled)
                    and _turns(transcript, speaker.key) >= 2
                    and scores.get(speaker.key, 0.0) >= max(0.6, 0.75 * asking)
                )
                speaker.role = "interviewer" if asks_alike else "respondent"
        else:
            _assign_by_scores(free, scores)
    return dataclasses.replace(transcript, speakers=speakers)


def _turns(transcript: Transcript, speaker_key: str) -> int:
    return sum(turn.speaker == speaker_key for turn in transcript.turns)


def _header_hints(transcript: Transcript, speakers: list[Speaker]) -> dict[str, str]:
    hints: dict[str, str] = {}
    for attr, role in (("interviewer", "interviewer"), ("respondent", "respondent")):
        value = transcript.attributes.get(attr, "")
        for name in re.split(r"\s*(?:,|;|&|\band\b)\s*", value):
            name_key = label_key(name) if name.strip() else ""
            if not name_key:
                continue
            name_parts = set(name_key.split("_"))
            for speaker in speakers:
                spellings = {speaker.key, *(label_key(a) for a in speaker.aliases)}
                if name_key in spellings or spellings & name_parts:
                    hints.setdefault(speaker.key, role)
    return hints


def _question_scores(transcript: Transcript, questions: list[str] | None) -> dict[str, float]:
    question_words = [_content_words(q) for q in (questions or []) if q.strip()]
    question_words = [q for q in question_words if q]
    per_speaker: dict[str, list[str]] = {}
    for turn in transcript.turns:
        per_speaker.setdefault(turn.speaker, []).append(transcript.turn_text(turn))
    scores: dict[str, float] = {}
    for key, texts in per_speaker.items():
        q_share = sum("?" in t for t in texts) / len(texts)
        guide = sum(_guide_overlap(t, question_words) for t in texts) / len(texts) if question_words else 0.0
        mean_words = sum(len(t.split()) for t in texts) / len(texts)
        # Interviewers ask (question marks, guide wording) and speak briefly.
        scores[key] = q_share + 0.5 * guide + 0.1 / (1.0 + mean_words / 40.0)
    return scores


def _assign_by_scores(free: list[Speaker], scores: dict[str, float]) -> None:
    ranked = sorted(free, key=lambda s: scores.get(s.key, 0.0), reverse=True)
    top = scores.get(ranked[0].key, 0.0)
    for i, speaker in enumerate(ranked):
        score = scores.get(speaker.key, 0.0)
        # A second interviewer must ask nearly as much as the first (co-interviewing).
        is_interviewer = i == 0 or (len(ranked) > 2 and score >= 0.75 * top and score >= 0.45)
        speaker.role = "interviewer" if is_interviewer else "respondent"


def set_role(transcript: Transcript, speaker_key: str, role: str) -> Transcript:
    """The researcher's correction of one speaker's role; text and turns stay as they are."""
    if role not in tuple(Role):
        raise ValueError(f"role must be one of {', '.join(Role)}, not {role!r}")
    if transcript.speaker(speaker_key) is None:
        known = ", ".join(s.key for s in transcript.speakers) or "none"
        raise NotFound(f"No speaker {speaker_key!r} in {transcript.name} (speakers: {known}).")
    speakers = [
        dataclasses.replace(s, role=role if s.key == speaker_key else s.role, aliases=list(s.aliases))
        for s in transcript.speakers
    ]
    return dataclasses.replace(transcript, speakers=speakers)
