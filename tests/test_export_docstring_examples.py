"""The examples in the exporters' docstrings stay true (they are the quickest documentation)."""

import doctest
import importlib

import pytest

MODULES = [
    "coding.exports.attribution",
    "coding.anonymise.roles",  # what exports call speakers and cases (coding.exports.pseudonyms re-exports it)
    "coding.exports.references",
    "coding.exports.safety",
    "coding.refi_qda.ids",
    "coding.refi_qda.trailer",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert (result.failed, result.attempted > 0) == (0, True)
