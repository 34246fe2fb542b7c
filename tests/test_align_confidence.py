"""How sure the aligner is: posteriors over every path through the guide, on hand-made scores."""

import numpy as np

from coding.transcripts.sequence import best_path, posteriors


def test_each_turn_s_probabilities_sum_to_one_and_favour_the_best_path():
    scores = np.array([[0.9, 0.2, 0.1], [0.2, 0.8, 0.1], [0.1, 0.2, 0.3]])
    p = posteriors(scores, 0.42, temperature=0.05)
    assert np.allclose(p.sum(axis=1), 1.0)
    assert best_path(scores, 0.42) == [0, 1, None]
    assert [int(row.argmax()) for row in p] == [1, 2, 0]  # column 0 is "asks none"
    assert p[0, 1] > 0.99 and p[1, 2] > 0.99


def test_a_turn_torn_between_two_questions_is_unsure():
    scores = np.array([[0.9, 0.1, 0.1, 0.1], [0.1, 0.6, 0.1, 0.6]])  # question 1 or 3 (skip cost is small)
    p = posteriors(scores, 0.42, temperature=0.05)
    assert 0.3 < p[1, 2] < 0.8 and 0.2 < p[1, 4] < 0.7


def test_a_back_channel_can_ask_nothing_and_is_sure_of_it():
    scores = np.array([[0.9, 0.1], [-1e3, -1e3], [0.1, 0.9]])
    p = posteriors(scores, np.array([0.42, 0.0, 0.42]), temperature=0.05)
    assert p[1, 0] > 0.999 and best_path(scores, np.array([0.42, 0.0, 0.42])) == [0, None, 1]


def test_no_questions_means_every_turn_asks_none():
    assert posteriors(np.zeros((2, 0)), 0.42, 0.05).tolist() == [[1.0], [1.0]]
