import pytest


@pytest.fixture(scope="session")
def nlp():
    from kg.parse import load_nlp

    return load_nlp()
