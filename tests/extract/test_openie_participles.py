"""Participles modifying a noun: the noun is their subject, never the main clause's.

Sentences are written for these tests (not from CaRB or the seeds).
"""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from kg.extract.openie import openie_tuples
from kg.extract.openie.predicates import participle_noun, subject_of
from kg.extract.openie.tokens import Parse
from kg.extract.relations import normalize_relation


def _rows(doc):
    return [(e.arg1.text if e.arg1 else None, e.relation, e.lemma, e.arg2.text if e.arg2 else None,
             e.pattern) for e in openie_tuples(doc)]


def _fronted_pact():
    # The parse the small model gives "Under the pact struck with Iran, Ali left": the
    # participle as an adverbial clause of "left", tagged as a past tense.
    words = ["Under", "the", "pact", "struck", "with", "Iran", ",", "Ali", "left", "."]
    return Doc(English().vocab, words=words, heads=[3, 2, 0, 8, 3, 4, 8, 8, 8, 8],
               deps=["prep", "det", "pobj", "advcl", "prep", "pobj", "punct", "nsubj", "ROOT",
                     "punct"],
               pos=["ADP", "DET", "NOUN", "VERB", "ADP", "PROPN", "PUNCT", "PROPN", "VERB",
                    "PUNCT"],
               tags=["IN", "DT", "NN", "VBD", "IN", "NNP", ",", "NNP", "VBD", "."],
               lemmas=["under", "the", "pact", "strike", "with", "Iran", ",", "Ali", "leave", "."])


def test_openie_participle_misread_as_advcl_takes_its_noun():
    p = Parse(_fronted_pact())
    assert participle_noun(p, 3) == 2
    assert subject_of(p, 3) == (2, "acl")  # not (7, "advcl"): Ali struck nothing


def test_openie_participle_misread_as_advcl_is_passive_without_its_pp():
    rows = _rows(_fronted_pact())
    assert ("the pact", "be struck with", "struck_with", "Iran", "passive") in rows
    assert not [r for r in rows if r[0] == "Ali" and r[2] in ("attack", "strike")]
    (e,) = [e for e in openie_tuples(_fronted_pact()) if e.lemma == "struck_with"]
    assert e.extras == ()  # "Under the pact" holds the subject: no extra


def test_openie_advcl_with_own_subject_is_no_participle():
    # "After the talks ended, Ali left": a real adverbial clause keeps its subject.
    words = ["After", "the", "talks", "ended", ",", "Ali", "left"]
    doc = Doc(English().vocab, words=words, heads=[3, 2, 3, 6, 6, 6, 6],
              deps=["mark", "det", "nsubj", "advcl", "punct", "nsubj", "ROOT"],
              pos=["SCONJ", "DET", "NOUN", "VERB", "PUNCT", "PROPN", "VERB"],
              tags=["IN", "DT", "NNS", "VBD", ",", "NNP", "VBD"])
    p = Parse(doc)
    assert participle_noun(p, 3) is None
    assert subject_of(p, 3) == (2, "own")


@pytest.mark.parametrize("noun", ["deal", "agreement", "pact", "truce", "ceasefire"])
def test_relations_strike_an_agreement_is_agree(noun):
    assert normalize_relation("strike", noun=noun) == "agree"
    assert normalize_relation("strike") == "attack"  # without such a noun it stays an attack


@pytest.mark.slow
@pytest.mark.parametrize("text, subject, relation, obj", [
    ("Following the ceasefire agreed in March, the army pulled back.",
     "the ceasefire", "be agreed in", "March"),
    ("The pact struck with Iran was signed by both leaders.", "The pact", "be struck with", "Iran"),
    ("Under the deal signed with Moscow in 2019, Ankara withdrew its troops.",
     "the deal", "be signed with", "Moscow"),
    # an active participle: the noun it modifies is its agent
    ("Drones flying over the border hit a depot.", "Drones", "be flying over", "the border"),
])
def test_openie_participle_subject_is_modified_noun(nlp, text, subject, relation, obj):
    rows = _rows(nlp(text))
    assert (subject, relation, obj) in [(a, r, b) for a, r, _, b, _ in rows], rows


@pytest.mark.slow
def test_openie_agreement_struck_by_parties_is_agree(nlp):
    found = [e for e in openie_tuples(nlp("The agreement struck by Turkey and Russia collapsed."))
             if e.pattern == "passive-agent"]
    assert [(e.arg1.text, e.lemma) for e in found] == [("Turkey", "agree"), ("Russia", "agree")]
