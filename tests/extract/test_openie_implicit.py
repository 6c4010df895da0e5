"""Implicit relations of noun phrases (kg.extract.openie.implicit): titles, qualities, places."""

from __future__ import annotations

import pytest

from kg.extract.openie import openie_tuples


def _found(nlp, text, pattern):
    return [(e.arg1.text, e.relation, e.arg2.text) for e in openie_tuples(nlp(text))
            if e.pattern == pattern]


@pytest.mark.parametrize("text, expected", [
    ("A noisy harbour crane woke the sailors.", ("harbour crane", "be", "noisy")),
    ("The farmer sold a rare and costly stamp.", ("stamp", "be", "rare and costly")),
])
def test_openie_implicit_adjective_describes_noun(nlp, text, expected):
    assert expected in _found(nlp, text, "amod")


@pytest.mark.parametrize("text", ["The other boats stayed.", "The former mayor left.",
                                  "The largest boat stayed."])
def test_openie_implicit_pointing_adjective_says_nothing(nlp, text):
    assert _found(nlp, text, "amod") == []


def test_openie_implicit_name_after_in_places_noun(nlp):
    found = [e for e in openie_tuples(nlp("The bakery in Bergen sold bread.")) if e.pattern == "located"]
    assert [(e.arg1.text, e.relation, e.lemma, e.arg2.text) for e in found] == [
        ("The bakery", "be in", "be_in", "Bergen")]


def test_openie_implicit_common_noun_after_in_places_nothing(nlp):
    assert _found(nlp, "A rise in prices worried the bakers.", "located") == []


def test_openie_implicit_form_of_address_is_no_title(nlp):
    assert _found(nlp, "Mr. Hallberg sold the boat.", "title") == []
    assert ("Anna Berg", "be", "Mayor") in _found(nlp, "Mayor Anna Berg sold the boat.", "title")


def test_openie_implicit_description_before_name_without_comma(nlp):
    found = _found(nlp, "The ferry 's captain Ola Dahl greeted the passengers .", "title")
    assert ("Ola Dahl", "be", "The ferry 's captain") in found


def test_openie_implicit_fact_stated_once_per_sentence(nlp):
    text = "Mayor Anna Berg thanked the crew after Mayor Anna Berg sold the boat."
    assert _found(nlp, text, "title").count(("Anna Berg", "be", "Mayor")) == 1


def test_openie_able_to_copula_not_restated(nlp):
    found = [(e.pattern, e.relation, e.arg2.text if e.arg2 else None)
             for e in openie_tuples(nlp("The crew was able to repair the engine."))]
    assert ("svo", "was able to repair", "the engine") in found
    assert not [f for f in found if f[0] == "copula"]


def test_openie_extraposed_it_copula_dropped(nlp):
    found = [(e.pattern, e.arg1.text if e.arg1 else None, e.relation)
             for e in openie_tuples(nlp("It is likely that the ferry will sail on Monday."))]
    assert ("copula", "It", "is") not in found
    assert any(f[2].startswith("will sail") for f in found)
