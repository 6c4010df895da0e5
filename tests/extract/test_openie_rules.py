"""Clause rules on hand-built parses: no model needed, one behaviour per test."""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from kg.extract.openie import openie_tuples
from kg.extract.openie.predicates import control_chain, subject_of
from kg.extract.openie.tokens import Parse


@pytest.fixture(scope="module")
def vocab():
    return English().vocab


def _doc(vocab, words, heads, deps, pos, tags=None, lemmas=None):
    return Doc(vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
               lemmas=lemmas or [w.lower() for w in words])


def test_openie_passive_agent_becomes_subject(vocab):
    doc = _doc(vocab, ["Putin", "was", "met", "by", "Erdoğan"], [2, 2, 2, 2, 3],
               ["nsubjpass", "auxpass", "ROOT", "agent", "pobj"],
               ["PROPN", "AUX", "VERB", "ADP", "PROPN"], lemmas=["Putin", "be", "meet", "by", "Erdoğan"])
    found = {e.pattern: e for e in openie_tuples(doc)}
    assert (found["passive-agent"].arg1.text, found["passive-agent"].lemma,
            found["passive-agent"].arg2.text) == ("Erdoğan", "meet", "Putin")
    assert (found["passive"].arg1.text, found["passive"].relation) == ("Putin", "was met by")


def test_openie_conjoined_verb_inherits_subject(vocab):
    # Ann arrived and met Bo
    doc = _doc(vocab, ["Ann", "arrived", "and", "met", "Bo"], [1, 1, 1, 1, 3],
               ["nsubj", "ROOT", "cc", "conj", "dobj"], ["PROPN", "VERB", "CCONJ", "VERB", "PROPN"])
    assert subject_of(Parse(doc), 3) == (0, "conj")


def test_openie_object_control_subject_is_object(vocab):
    # They asked Bo to leave: Bo is the one leaving
    doc = _doc(vocab, ["They", "asked", "Bo", "to", "leave"], [1, 1, 1, 4, 1],
               ["nsubj", "ROOT", "dobj", "aux", "xcomp"], ["PRON", "VERB", "PROPN", "PART", "VERB"])
    p = Parse(doc)
    assert subject_of(p, 4) == (2, "xcomp")
    assert control_chain(p, 1) == [1]  # with an object, no merge


def test_openie_control_chain_merges_xcomp(vocab):
    # Ann wants to buy it
    doc = _doc(vocab, ["Ann", "wants", "to", "buy", "it"], [1, 1, 3, 1, 3],
               ["nsubj", "ROOT", "aux", "xcomp", "dobj"], ["PROPN", "VERB", "PART", "VERB", "PRON"],
               lemmas=["Ann", "want", "to", "buy", "it"])
    assert control_chain(Parse(doc), 1) == [1, 3]
    (e,) = openie_tuples(doc)
    assert (e.relation, e.lemma, e.modality) == ("wants to buy", "buy", "intended")


def test_openie_unparsed_doc_yields_nothing(vocab):
    assert list(openie_tuples(Doc(vocab, words=["Ann", "met", "Bo"]))) == []


def test_openie_inherited_subject_stops_before_its_verb(vocab):
    # "Plans to grow, bringing jobs, failed.": "bringing" inherits "Plans" through "grow", whose
    # subtree holds "bringing" itself; the subject is cut where the relation starts.
    doc = _doc(vocab, ["Plans", "to", "grow", ",", "bringing", "jobs", ",", "failed", "."],
               [7, 2, 0, 2, 2, 4, 7, 7, 7],
               ["nsubj", "aux", "acl", "punct", "advcl", "dobj", "punct", "ROOT", "punct"],
               ["NOUN", "PART", "VERB", "PUNCT", "VERB", "NOUN", "PUNCT", "VERB", "PUNCT"],
               tags=["NNS", "TO", "VB", ",", "VBG", "NNS", ",", "VBD", "."])
    (e,) = [e for e in openie_tuples(doc) if e.relation == "bringing"]
    assert (e.arg1.text, e.arg2.text) == ("Plans to grow", "jobs")
