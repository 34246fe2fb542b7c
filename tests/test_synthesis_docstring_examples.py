"""The examples in the synthesis modules' docstrings stay true (charting, clusters, saturation, findings sheets)."""

import doctest
import importlib

import pytest

MODULES = [
    "coding.synthesis.charting",
    "coding.synthesis.emergent",
    "coding.synthesis.saturation",
    "coding.synthesis.groups",
    "coding.exports.findings",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert (result.failed, result.attempted > 0) == (0, True)
