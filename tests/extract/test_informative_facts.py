"""Facts worth an edge, and names NER cut or mistyped: sentences of our own."""

import pytest

from kg.extract import extract_article
from kg.types import Article


def triples(nlp, text):
    article = Article("t", text, date="2021-06-14")
    return {(f.subject.text, f.relation, f.object.text)
            for f in extract_article(article, nlp(article.parse_text())).facts}


@pytest.mark.parametrize("text, expected", [
    ("The mayor heaped praise on Ann Lee.", ("mayor", "praise", "Ann Lee")),
    ("Tom Reid gave his support to Ann Lee.", ("Tom Reid", "support", "Ann Lee")),
    ("Tom Reid paid tribute to Ann Lee.", ("Tom Reid", "praise", "Ann Lee")),
    ("Tom Reid hailed Ann Lee.", ("Tom Reid", "praise", "Ann Lee")),
])
def test_light_verb_recipient_on_the_verb_is_the_object(nlp, text, expected):
    found = triples(nlp, text)
    assert any(r == expected[1] and o == expected[2] for _, r, o in found), found


def test_time_after_a_light_verb_is_no_recipient(nlp):
    assert not any(o == "Tuesday" for _, _, o in triples(nlp, "Tom Reid and Ann Lee held talks on Tuesday."))


def test_particle_is_part_of_the_relation(nlp):
    found = triples(nlp, "Tom Reid gave up the party leadership in May.")
    assert any(r == "give_up" for _, r, _ in found) and not any(r == "give" for _, r, _ in found)


@pytest.mark.parametrize("text, body", [
    ("A profile by Sunday Times journalist Ann Lee appeared.", "Sunday Times"),
    ("Green Party transport spokesman Tom Reid spoke.", "Green Party"),
])
def test_title_before_name_reads_the_whole_body(nlp, text, body):
    assert any(r == "work_for" and o == body for _, r, o in triples(nlp, text))


def test_postnominal_letters_make_a_person(nlp):
    import kg

    g = kg.build(["The report was written by Alan Pryce QC, a member of Matrix Chambers."])
    assert [e["label"] for e in g.entities() if e["type"] == "PERSON"] == ["Alan Pryce"]
    found = triples(nlp, "The report was written by Alan Pryce QC, a member of Gray's Inn Chambers.")
    assert any(s.startswith("Alan Pryce") and r == "member_of" for s, r, _ in found), found


@pytest.mark.parametrize("text", [
    "Attorney General Ann Lee said the war was legal.",
    "Home Secretary Ann Lee said the law would change.",
])
def test_an_office_is_no_employer(nlp, text):
    assert not any(r == "work_for" for _, r, _ in triples(nlp, text))


def test_a_name_before_a_name_is_no_membership(nlp):
    assert not any(r == "member_of" for _, r, _ in triples(nlp, "New Yorker Tom Reid won the race."))
    assert any(r == "member_of" for _, r, _ in triples(nlp, "Labour's Ann Lee won the seat."))


def test_comparisons_and_bare_locations_make_no_edge(nlp):
    assert not any(r.startswith("live") for _, r, _ in
                   triples(nlp, "Tom Reid was promised he would live like an ordinary citizen."))
    assert not any(r == "be_in" for _, r, _ in triples(nlp, "Measles in Wales has risen by 5%."))


def test_phrase_keeps_its_complement_across_a_dropped_determiner(nlp):
    found = triples(nlp, "Tom Reid welcomed a relaxation of the rules.")
    assert any(r == "welcome" and "of the rules" in o for _, r, o in found), found


def test_what_a_dismissed_report_says_is_not_asserted(nlp):
    article = Article("t", "Ann Lee dismissed reports she told Tom Reid she would quit.")
    found = extract_article(article, nlp(article.parse_text())).facts
    told = [f for f in found if f.object.text == "Tom Reid"]
    assert told and all(f.negated or f.modality for f in told)


def test_a_possessive_pronoun_says_whose_phrase_it_is():
    import kg

    g = kg.build(["Ann Lee said the plan was flawed. Her claims were denied by Tom Reid.",
                  "Tom Reid said the tax would fall. His claims were denied by Ann Lee."])
    facts = {(f["subject"], f["relation"], f["object"]) for f in g.facts()}
    assert ("Tom Reid", "deny", "Ann Lee's claim") in facts
    assert ("Ann Lee's claim", "about", "Ann Lee") in facts
    assert ("Ann Lee", "deny", "Tom Reid's claim") in facts  # two people's claims, two nodes


def test_a_typed_fact_needs_the_resolved_types_to_fit():
    import kg

    # "it" is the company: a company works for no one
    g = kg.build(["Acme Corp said on Monday that it would run Bolt Industries from May."])
    assert not [f for f in g.facts() if f["relation"] == "work_for" and f["subject"] == "Acme Corp"]


@pytest.mark.parametrize("text", [
    "The inquiry proved that Tom Reid was the lone gunman who killed Mayor Ann Lee.",
    "Tom Reid, the man who murdered Ann Lee, died in prison.",
    "In 1981, Tom Reid pleaded guilty to killing Ann Lee outside her home.",
    "Tom Reid is being held in a state prison on a 99-year sentence for the 1968 slaying of Ann Lee.",
    "Years later, Tom Reid, the man convicted of killing Ann Lee, spoke to the press.",
    "Tom Reid was found guilty of the murder of Ann Lee.",
])
def test_a_killer_described_by_a_clause_a_plea_or_a_sentence(nlp, text):
    assert ("Tom Reid", "kill", "Ann Lee") in triples(nlp, text)


@pytest.mark.parametrize("text", ["Tom Reid was the man who met Ann Lee.",
                                  "Tom Reid spoke of the murder of Ann Lee."])
def test_another_event_or_talk_of_a_murder_is_no_killing(nlp, text):
    assert not any(r == "kill" for _, r, _ in triples(nlp, text))


def test_a_place_fact_holds_for_the_place_its_place_lies_in(nlp):
    found = triples(nlp, "In 1935, Tom Reid was born in Tupelo, Miss.")
    assert ("Tom Reid", "live_in", "Tupelo") in found and ("Tom Reid", "live_in", "Miss") in found


def test_a_place_that_is_in_a_region(nlp):
    assert ("Rome", "located_in", "Lazio province") in triples(nlp, "Rome is in Lazio province.")
    assert not any(r == "located_in" for _, r, _ in triples(nlp, "Ann Lee is in Paris."))


def test_a_job_verb_with_for_names_the_employer(nlp):
    assert ("Tom Reid", "work_for", "Acme News") in triples(nlp, "Tom Reid covers the courts for Acme News.")
    assert not any(r == "work_for" for _, r, _ in triples(nlp, "Ann Lee wrote a letter for Acme Corp."))
