"""Graph-facing Open IE rules: what link.py needs to pair, date and place facts.

Sentences are written for these tests (not from CaRB or the seeds).
"""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from kg.extract.openie import openie_tuples
from kg.extract.openie.coordination import noun_conjuncts
from kg.extract.openie.tokens import Parse


def _rows(doc, lemma=None):
    return [e for e in openie_tuples(doc) if lemma is None or e.lemma == lemma]


def test_coordination_modifier_with_titled_conjunct_is_split():
    # The parse the small model gives "Ann and Acting Mayor Bo Lind met": Ann hangs on Lind
    # as a modifier, with "Mayor" as Ann's conjunct.
    words = ["Ann", "and", "Acting", "Mayor", "Bo", "Lind", "met"]
    doc = Doc(English().vocab, words=words, heads=[5, 0, 3, 0, 5, 6, 6],
              deps=["nmod", "cc", "amod", "conj", "compound", "nsubj", "ROOT"],
              pos=["PROPN", "CCONJ", "ADJ", "PROPN", "PROPN", "PROPN", "VERB"])
    p = Parse(doc)
    assert [(p.text_of(lo, hi), words[h]) for lo, hi, h in noun_conjuncts(p, 5)] == [
        ("Ann", "Ann"), ("Acting Mayor Bo Lind", "Lind")]


def test_coordination_shared_head_stays_whole():
    # "the Oslo and Bergen offices": a bare conjunct modifier shares the head
    words = ["the", "Oslo", "and", "Bergen", "offices"]
    doc = Doc(English().vocab, words=words, heads=[4, 4, 1, 1, 4],
              deps=["det", "compound", "cc", "conj", "ROOT"],
              pos=["DET", "PROPN", "CCONJ", "PROPN", "NOUN"])
    p = Parse(doc)
    assert [p.text_of(lo, hi) for lo, hi, _ in noun_conjuncts(p, 4)] == [
        "the Oslo and Bergen offices"]


slow = pytest.mark.slow  # needs the spaCy model


@slow
@pytest.mark.parametrize("text, subjects", [
    ("Macron and German Chancellor Olaf Scholz last met in the French city of Lyon in May.",
     ["Macron", "German Chancellor Olaf Scholz"]),
    ("Lula and Chilean President Gabriel Boric met in Santiago on Monday.",
     ["Lula", "Chilean President Gabriel Boric"]),
    ("Macron, Scholz to meet in Berlin next week", ["Macron", "Scholz"]),
])
def test_coordinated_subjects_of_meet_are_split(nlp, text, subjects):
    found = _rows(nlp(text), "meet")
    assert [e.arg1.text for e in found] == subjects
    # link.py pairs tuples that differ only in arg1
    assert len({(e.relation, e.arg2 and e.arg2.text, tuple(p.text for _, p in e.extras))
                for e in found}) == 1


@slow
def test_light_verb_event_noun_without_object_keeps_event_lemma(nlp):
    found = _rows(nlp("Macron and Scholz will hold talks next week in Berlin."))
    assert [(e.arg1.text, e.lemma) for e in found] == [("Macron", "meet"), ("Scholz", "meet")]
    a, b = found
    assert (a.relation, a.arg2, a.extras, a.modality) == (b.relation, b.arg2, b.extras, b.modality)
    assert [(role, p.text) for role, p in a.extras] == [("time", "next week"), ("place", "in Berlin")]


@slow
def test_purpose_clause_inherits_time_of_governing_clause(nlp):
    text = "Macron will visit Germany on Friday to talk with his German counterpart, Olaf Scholz."
    (talk,) = _rows(nlp(text), "meet")
    assert talk.relation == "to talk with"
    assert ("time", "on Friday") in [(role, p.text) for role, p in talk.extras]
    assert talk.modality == "future"  # so link.py reads "on Friday" as the coming Friday


@slow
def test_purpose_clause_setting_stays_out_of_benchmark_tsv(nlp):
    from kg.extract.openie import openie_tsv_lines
    text = "Macron will visit Germany on Friday to talk with his German counterpart , Olaf Scholz ."
    talk = [line.split("\t")[2:] for line in openie_tsv_lines([text], nlp=nlp)
            if "\tto talk with\t" in line]
    assert talk == [["to talk with", "Macron", "his German counterpart"]]


@slow
@pytest.mark.parametrize("text", [
    "Macron, Scholz Discuss Ukraine In Phone Call",
    "Macron, Scholz to meet in Berlin next week",
])
def test_headline_commas_make_no_apposition(nlp, text):
    assert [e for e in openie_tuples(nlp(text)) if e.pattern == "appos"] == []


@slow
def test_apposition_after_object_still_found(nlp):
    found = [(e.arg1.text, e.arg2.text) for e in openie_tuples(
        nlp("Macron will talk with his German counterpart, Olaf Scholz.")) if e.pattern == "appos"]
    assert found == [("his German counterpart", "Olaf Scholz")]
