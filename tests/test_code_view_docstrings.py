"""The examples in coding/ui/code_view.py's docstrings run as tests."""

from __future__ import annotations

import doctest

from coding.ui import code_view


def test_code_view_docstring_examples_hold():
    result = doctest.testmod(code_view)
    assert result.attempted >= 2 and result.failed == 0
