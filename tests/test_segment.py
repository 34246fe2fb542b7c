"""Segmentation with the real spaCy pipeline: answers, sentence windows, exact offsets, times."""

from __future__ import annotations

from coding.transcripts.read import read_transcript
from coding.transcripts.segment import segment_transcript

LONG_ANSWER = (
    "Housing is the big one. If you don't know where you're sleeping tonight, a CV workshop means nothing to you. "
    "Then there's substance misuse: a lot of our short sentence people have drug or alcohol problems, some are on a "
    "script and some aren't. Confidence is a big one as well, which people forget about. And then disclosure. "
    "Having to explain a conviction to an employer terrifies people, because some of them have never had a job "
    "where they had to fill in a form asking about criminal records. We do a lot of work on how to disclose, what "
    "they have to say and when, and what's spent and what isn't. The short sentence lot are also more chaotic than "
    "the long sentence lot, in my experience. The long sentence people have often done courses inside."
)


def _transcript(tmp_path):
    path = tmp_path / "t.txt"
    path.write_text(
        "[00:00:10] Interviewer: What are the barriers experienced by offenders?\n"
        f"[00:00:14] Respondent: {LONG_ANSWER}\n"
        "[00:01:54] Interviewer: Okay.\n"
        "[00:01:56] Respondent: That's the main thing.\n",
        "utf-8",
    )
    return read_transcript(path)


def test_long_answer_is_split_into_whole_sentence_windows(tmp_path):
    t = _transcript(tmp_path)
    segments = segment_transcript(t, max_words=60)
    assert [(s.turn_index, s.role, s.codable) for s in segments] == [
        (0, "interviewer", False),
        (1, "respondent", True),
        (1, "respondent", True),
        (1, "respondent", True),
        (2, "interviewer", False),
        (3, "respondent", True),
    ]
    windows = [s.text for s in segments if s.turn_index == 1]
    assert windows == [
        "Housing is the big one. If you don't know where you're sleeping tonight, a CV workshop means nothing to you. "
        "Then there's substance misuse: a lot of our short sentence people have drug or alcohol problems, some are on a "
        "script and some aren't. Confidence is a big one as well, which people forget about.",
        "And then disclosure. Having to explain a conviction to an employer terrifies people, because some of them have "
        "never had a job where they had to fill in a form asking about criminal records. We do a lot of work on how to "
        "disclose, what they have to say and when, and what's spent and what isn't.",
        "The short sentence lot are also more chaotic than the long sentence lot, in my experience. The long sentence "
        "people have often done courses inside.",
    ]
    assert all(len(w.split()) <= 60 for w in windows)
    assert " ".join(windows) == LONG_ANSWER
    for s in segments:
        assert t.text[s.start : s.end] == s.text


def test_times_come_from_the_turn_and_are_proportional_inside_a_split_turn(tmp_path):
    t = _transcript(tmp_path)
    segments = segment_transcript(t, max_words=60)
    split = [s for s in segments if s.turn_index == 1]
    assert (split[0].time_start, split[-1].time_end) == (14.0, 114.0)
    assert split[0].time_end == split[1].time_start or split[0].time_end < split[1].time_start
    assert 14.0 < split[1].time_start < split[2].time_start < 114.0
    assert (segments[-1].time_start, segments[-1].time_end) == (116.0, None)


def test_short_answers_stay_whole_and_interviewer_can_be_codable(tmp_path):
    t = _transcript(tmp_path)
    whole = segment_transcript(t, max_words=500, include_interviewer=True)
    assert [(s.turn_index, s.codable, s.text == t.turn_text(t.turns[s.turn_index])) for s in whole] == [
        (0, True, True),
        (1, True, True),
        (2, True, True),
        (3, True, True),
    ]


def test_demo_transcripts_slice_back_exactly():
    from coding.service.demo import demo_transcripts

    for path in demo_transcripts():
        t = read_transcript(path)
        segments = segment_transcript(t, max_words=40)
        assert len(segments) > len(t.turns), path  # some answers were long enough to split
        for s in segments:
            assert t.text[s.start : s.end] == s.text and s.text == s.text.strip()
            assert len(s.text.split()) <= 40 or "." not in s.text.rstrip(".?!")  # only a lone long sentence exceeds
