"""Argument punctuation and the confidence model's parse features, on hand-built parses.

One behaviour per test; sentences are written for these tests (not from CaRB or the seeds).
"""

from __future__ import annotations

import pytest
from spacy.lang.en import English
from spacy.tokens import Doc

from kg.extract.openie.arguments import noun_span
from kg.extract.openie.clauses import Clause
from kg.extract.openie.confidence import WEIGHTS, clause_confidence, clause_features
from kg.extract.openie.tokens import Parse


@pytest.fixture(scope="module")
def vocab():
    return English().vocab


def _parse(vocab, words, heads, deps, pos, tags=None, lemmas=None):
    return Parse(Doc(vocab, words=words, heads=heads, deps=deps, pos=pos, tags=tags,
                     lemmas=lemmas or [w.lower() for w in words]))


# --- commas inside an argument -------------------------------------------------------------

def test_arguments_comma_inside_noun_phrase_stays(vocab):
    # "the plant in Dayton , Ohio": the comma sits between two parts of one place name
    p = _parse(vocab, ["the", "plant", "in", "Dayton", ",", "Ohio"], [1, 1, 1, 2, 3, 3],
               ["det", "ROOT", "prep", "pobj", "punct", "npadvmod"],
               ["DET", "NOUN", "ADP", "PROPN", "PUNCT", "PROPN"])
    lo, hi, _ = noun_span(p, 1)
    assert p.text_of(lo, hi) == "the plant in Dayton , Ohio"


def test_arguments_comma_at_edge_is_trimmed(vocab):
    # "the plant in Dayton ," (the comma closing the phrase belongs to the sentence)
    p = _parse(vocab, ["the", "plant", "in", "Dayton", ","], [1, 1, 1, 2, 3],
               ["det", "ROOT", "prep", "pobj", "punct"], ["DET", "NOUN", "ADP", "PROPN", "PUNCT"])
    lo, hi, _ = noun_span(p, 1)
    assert p.text_of(lo, hi) == "the plant in Dayton"


def test_confidence_comma_in_object_lowers_score(vocab):
    p = _parse(vocab, ["Ann", "met", "Bo", ",", "Cy"], [1, 1, 1, 2, 2],
               ["nsubj", "ROOT", "dobj", "punct", "npadvmod"],
               ["PROPN", "VERB", "PROPN", "PUNCT", "PROPN"])
    with_comma = Clause("svo", [1], 1, (0, 1, 0), (2, 5, 2), sent_len=5)
    without = Clause("svo", [1], 1, (0, 1, 0), (2, 3, 2), sent_len=5)
    assert clause_features(with_comma, p)["arg2_comma"] == 1.0
    assert "arg2_comma" not in clause_features(without, p)


# --- one test per parse feature of the confidence model ------------------------------------

def _svo(vocab):
    # "Ann has quickly seen Bo leave": a verb group with an adverb inside, a clause after
    return _parse(vocab, ["Ann", "has", "quickly", "seen", "Bo", "leave"], [3, 3, 3, 3, 5, 3],
                  ["nsubj", "aux", "advmod", "ROOT", "nsubj", "ccomp"],
                  ["PROPN", "AUX", "ADV", "VERB", "PROPN", "VERB"],
                  tags=["NNP", "VBZ", "RB", "VBN", "NNP", "VB"])


def test_confidence_arg2_verb_marks_clause_inside_noun_argument(vocab):
    p = _svo(vocab)
    noun_arg = Clause("svo", [3], 3, (0, 1, 0), (4, 6, 4), sent_len=6)
    speech = Clause("speech", [3], 3, (0, 1, 0), (4, 6, 5), sent_len=6)
    assert clause_features(noun_arg, p)["arg2_verb"] == 1.0
    assert "arg2_verb" not in clause_features(speech, p)  # a clausal object has its verb


def test_confidence_rel_pos_is_relative_position_in_sentence(vocab):
    p = _svo(vocab)
    c = Clause("svo", [3], 3, (0, 1, 0), (4, 5, 4), sent_len=6, sent_lo=0)
    assert clause_features(c, p)["rel_pos"] == pytest.approx(3 / 6)
    assert WEIGHTS["rel_pos"] < 0  # late predicates sit deep in modifiers


def test_confidence_rel_discont_marks_words_between(vocab):
    p = _svo(vocab)
    gap = Clause("svo", [1, 3], 3, (0, 1, 0), (4, 5, 4), sent_len=6)  # "has ... seen"
    whole = Clause("svo", [1, 2, 3], 3, (0, 1, 0), (4, 5, 4), sent_len=6)
    assert clause_features(gap, p)["rel_discont"] == 1.0
    assert "rel_discont" not in clause_features(whole, p)
    assert WEIGHTS["rel_discont"] < 0


def test_confidence_arg1_relpron_marks_bare_relative_pronoun(vocab):
    p = _parse(vocab, ["which", "worried", "Bo"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
               ["PRON", "VERB", "PROPN"])
    bare = Clause("svo", [1], 1, (0, 1, 0), (2, 3, 2), sent_len=3)
    assert clause_features(bare, p)["arg1_relpron"] == 1.0
    named = _parse(vocab, ["Ann", "worried", "Bo"], [1, 1, 1], ["nsubj", "ROOT", "dobj"],
                   ["PROPN", "VERB", "PROPN"])
    assert "arg1_relpron" not in clause_features(bare, named)


def test_confidence_score_matches_features_and_weights(vocab):
    # The hot path (clause_confidence) and the fitting path (clause_features) agree.
    from kg.extract.openie.confidence import confidence_of
    p = _svo(vocab)
    c = Clause("svo+relcl", [1, 3], 3, (0, 1, 0), (4, 6, 4), [("time", (5, 6, 5))],
               modality="future", split=True, sent_len=6)
    assert clause_confidence(c, p) == confidence_of(clause_features(c, p))


@pytest.mark.slow
def test_confidence_fast_path_equals_features_on_real_parses(nlp):
    from kg.extract.openie import openie_tsv_lines
    from kg.extract.openie.confidence import confidence_of
    texts = ["The council, which met on Monday, approved the budget despite protests.",
             "Officials said that the bridge, damaged in the storm, would not reopen soon.",
             "There were talks in Geneva, but no deal was reached by the envoys.",
             "Lula will hold talks with Modi after visiting the plant in Pune, India.",
             "It hopes to sell the unit, which makes tyres, to a rival by June."]
    pairs = []

    def record(c, p):
        pairs.append((clause_confidence(c, p), confidence_of(clause_features(c, p))))
        return 1.0

    list(openie_tsv_lines(texts, nlp=nlp, score=record))
    assert len(pairs) > 10
    assert all(fast == slow for fast, slow in pairs)
