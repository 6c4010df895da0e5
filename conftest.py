"""Repository-root conftest: gives model-dependent doctests in kg/ an ``nlp``."""

import pytest


@pytest.fixture(autouse=True)
def _doctest_nlp(request, doctest_namespace):
    if request.node.__class__.__name__ == "DoctestItem":
        from kg.parse import load_nlp

        doctest_namespace["nlp"] = load_nlp()
