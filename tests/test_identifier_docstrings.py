"""The examples in the anonymiser's docstrings stay true."""

import doctest
import importlib

import pytest

MODULES = [
    "coding.anonymise.kinds",
    "coding.anonymise.privacy",
    "coding.anonymise.placeholders",
    "coding.anonymise.values",
    "coding.anonymise.detect",
    "coding.anonymise.case_labels",
    "coding.anonymise.gate",
    "coding.anonymise.indirect",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert (result.failed, result.attempted > 0) == (0, True)
