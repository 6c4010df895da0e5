"""Open IE clause rules on sentences written for these tests (not from CaRB or the seeds)."""

from __future__ import annotations

import pytest

from kg.extract import EXTRACTORS, extract_tuples
from kg.extract.openie import nominal_tuples, openie_tsv_lines, openie_tuples

pytestmark = pytest.mark.slow  # needs the spaCy model


def _triples(nlp, text, *, pattern=None, extractor=openie_tuples):
    return [(e.arg1.text if e.arg1 else None, e.lemma, e.arg2.text if e.arg2 else None)
            for e in extractor(nlp(text)) if pattern is None or e.pattern == pattern]


def _one(nlp, text, lemma, extractor=openie_tuples):
    found = [e for e in extractor(nlp(text)) if e.lemma == lemma]
    assert found, [(e.relation, e.lemma, e.pattern) for e in extractor(nlp(text))]
    return found[0]


@pytest.mark.parametrize("text, expected", [
    # direct object
    ("The council approved the new budget.", ("The council", "approve", "the new budget")),
    # preposition joins the relation when there is no object; the graph gets its object
    ("Macron met with Scholz in Berlin on Tuesday.", ("Macron", "meet", "Scholz")),
    # control verbs merge with the verb they control
    ("Biden is set to meet with Xi next month.", ("Biden", "meet", "Xi")),
    ("The minister hopes to visit Kyiv.", ("The minister", "visit", "Kyiv")),
    # light verb + event noun
    ("Lula will hold talks with Modi on Friday.", ("Lula", "meet", "Modi")),
    ("The queen paid a visit to the hospital.", ("The queen", "visit", "the hospital")),
    # relative clause: the antecedent is the subject
    ("The senator, who chairs the committee, criticized the plan.",
     ("The senator", "work_for", "the committee")),  # "chair" is typed (relation_table)
    # conjoined verbs: the second inherits the subject
    ("The president arrived in Hanoi and met the prime minister.",
     ("The president", "meet", "the prime minister")),
])
def test_openie_svo_triples(nlp, text, expected):
    assert expected in _triples(nlp, text)


def test_openie_prep_moves_into_relation(nlp):
    e = _one(nlp, "Macron met with Scholz in Berlin on Tuesday.", "meet")
    assert (e.relation, e.pattern) == ("met with", "svo+prep")
    assert [(role, p.text) for role, p in e.extras] == [("place", "in Berlin"), ("time", "on Tuesday")]


def test_openie_passive_born_in(nlp):
    e = _one(nlp, "Smith was born in Leeds.", "born_in")
    assert (e.arg1.text, e.relation, e.arg2.text, e.pattern) == ("Smith", "was born in", "Leeds", "passive")


@pytest.mark.parametrize("text, modality", [
    ("Biden is set to meet with Xi next month.", "planned"),
    ("The minister hopes to visit Kyiv.", "intended"),
    ("The storm may hit the coast.", "possible"),
    ("Lula will hold talks with Modi on Friday.", "future"),
    ("The council approved the new budget.", None),
])
def test_openie_modality(nlp, text, modality):
    assert [e.modality for e in openie_tuples(nlp(text)) if e.pattern != "appos"][0] == modality


def test_openie_planned_relation_keeps_surface(nlp):
    e = _one(nlp, "Biden is set to meet with Xi next month.", "meet")
    assert e.relation == "is set to meet with"
    assert ("time", "next month") in [(role, p.text) for role, p in e.extras]


def test_openie_passive_agent_reads_agent_first(nlp):
    found = {e.pattern: e for e in openie_tuples(nlp("The mayor was killed by gunmen."))}
    graph, surface = found["passive-agent"], found["passive"]
    assert (graph.arg1.text, graph.lemma, graph.arg2.text) == ("gunmen", "kill", "The mayor")
    assert (surface.arg1.text, surface.relation, surface.arg2.text) == ("The mayor", "was killed by", "gunmen")
    assert surface.lemma != "kill"  # the patient-first tuple never reads as the agent's act


@pytest.mark.parametrize("text, expected", [
    ("Brazil and Argentina signed a trade agreement.",
     [("Brazil", "agree", "a trade agreement"), ("Argentina", "agree", "a trade agreement")]),
    ("The police arrested two men and a woman.",
     [("The police", "arrest", "two men"), ("The police", "arrest", "a woman")]),
])
def test_openie_coordination_splits(nlp, text, expected):
    assert _triples(nlp, text) == expected


def test_openie_negation_kept(nlp):
    e = _one(nlp, "The company did not comment on the report.", "comment")
    assert e.negated and e.relation == "did not comment on"


def test_openie_refusal_is_negated(nlp):
    e = _one(nlp, "The army refused to withdraw its troops.", "withdraw")
    assert e.negated


def test_openie_a_denied_act_is_negated(nlp):
    assert _one(nlp, "The minister denied accusing Germany of lying.", "accuse").negated


def test_openie_as_plus_a_noun_is_no_clause(nlp):
    """``as cover for``: the parser's verb has no subject of its own, and inherits none."""
    tuples = openie_tuples(nlp("He accused Germany of using the EU as cover for a new Reich."))
    assert all(e.arg1 is None for e in tuples if e.lemma == "cover")


def test_openie_cessation_is_negated(nlp):
    """What someone stopped doing is not going on: no plain positive fact."""
    assert _one(nlp, "The state firm stopped supplying gas to the region.", "supply").negated
    assert not _one(nlp, "The state firm started supplying gas to the region.", "supply").negated


def test_openie_apposition(nlp):
    assert _triples(nlp, "Maria Lopez, the city's mayor, opened the bridge.", pattern="appos") == [
        ("Maria Lopez", "be", "the city's mayor")]


@pytest.mark.parametrize("text", [
    "The ministry said that the talks had gone well.",
    "The talks had gone well, the ministry added.",
])
def test_openie_reported_speech(nlp, text):
    found = list(openie_tuples(nlp(text)))
    outer = [e for e in found if e.pattern == "speech"]
    inner = [e for e in found if e.lemma == "go"]
    assert outer and outer[0].arg1.text.lower() == "the ministry"
    assert outer[0].arg2.text == ("the talks had gone well" if "said" in text else "The talks had gone well")
    assert inner and inner[0].attribution.text.lower() == "the ministry"


def test_openie_nary_extras(nlp):
    e = _one(nlp, "The rebels attacked the base in Kabul on Monday.", "attack")
    assert (e.arg1.text, e.arg2.text) == ("The rebels", "the base")
    assert [(role, p.text) for role, p in e.extras] == [("place", "in Kabul"), ("time", "on Monday")]


@pytest.mark.parametrize("text, expected", [
    ("Ramaphosa's visit to Nairobi was postponed.", ("Ramaphosa", "visit", "Nairobi")),
    ("Talks between Norway and Sweden resumed.", ("Norway", "meet", "Sweden")),
    ("The attack on the convoy by rebels killed five people.", ("rebels", "attack", "the convoy")),
])
def test_nominal_events(nlp, text, expected):
    assert expected in _triples(nlp, text, extractor=nominal_tuples)


def test_openie_offsets_index_doc_text(nlp):
    doc = nlp("Floods hit the north. The mayor of Lyon met with aid workers on Sunday.")
    found = list(extract_tuples(doc))
    assert found
    for e in found:
        for phrase in [e.arg1, e.arg2, *(p for _, p in e.extras)]:
            if phrase is not None:
                assert doc.text[phrase.start:phrase.end] == phrase.text
                assert phrase.start <= phrase.head[0] < phrase.head[1] <= phrase.end
        assert doc.text[e.sentence[0]:e.sentence[1]] in {s.text for s in doc.sents}
        assert 0 <= e.confidence <= 1


def test_openie_span_and_doc_agree(nlp):
    doc = nlp("Floods hit the north. The mayor met with aid workers.")
    from_sents = [e for sent in doc.sents for e in openie_tuples(sent)]
    assert from_sents == list(openie_tuples(doc))


@pytest.mark.parametrize("text", [
    "", "   ", "Floods in Kerala", "- first item\n- second item", '"We will win," she said.',
    "Yes.", "...", "2020-03-05", "((( )))", "Breaking: \n\n", "; ; ;", "' s", "-- -- --",
    ",,, and and or", "by by by to to", "the the of of 's 's", "Who? Whom. Whose!",
])
def test_openie_robust_on_odd_text(nlp, text):
    doc = nlp(text)
    for e in extract_tuples(doc):
        assert e.relation


def test_openie_tsv_lines_format(nlp):
    line = next(openie_tsv_lines(["Ann met Bo in Oslo ."], nlp=nlp))
    sentence, confidence, relation, *args = line.split("\t")
    assert (sentence, relation, args) == ("Ann met Bo in Oslo .", "met", ["Ann", "Bo", "in Oslo"])
    assert 0 < float(confidence) <= 1


def test_openie_registered():
    assert {"openie", "nominal"} <= set(EXTRACTORS.get_all())


@pytest.mark.parametrize("text, lemma, negated, modality", [
    ("The firm was unable to pay its workers.", "pay", True, None),
    ("The firm was not able to pay its workers.", "pay", True, None),
    ("The firm was able to pay its workers.", "pay", False, None),
    ("The party is not likely to win the seat.", "win", True, "expected"),
    ("The party is keen to win the seat.", "win", False, "intended"),
])
def test_openie_adjectives_before_an_infinitive(nlp, text, lemma, negated, modality):
    e = _one(nlp, text, lemma)
    assert (e.negated, e.modality) == (negated, modality)


def test_openie_out_of_keeps_its_particle(nlp):
    assert _one(nlp, "The party wants to take Britain out of the union.", "take_out")


def test_openie_a_participle_clause_is_passive(nlp):
    """``Promoted from X, he ...``: he was promoted; he promoted no X."""
    e = _one(nlp, "Promoted from the Home Office, Ann Lee became a minister.", "promoted_from")
    assert e.arg1.text == "Ann Lee" and e.pattern.startswith("passive")
