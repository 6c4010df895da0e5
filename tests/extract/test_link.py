"""link.py: Open IE tuples -> facts between entity mentions, on sentences of our own."""

import pytest

from kg.extract import extract_article
from kg.types import Article


def facts(nlp, text, date="2021-06-14"):
    article = Article("t", text, date=date)
    return extract_article(article, nlp(article.parse_text())).facts


def triples(nlp, text, **kw):
    return {(f.subject.text, f.relation, f.object.text) for f in facts(nlp, text, **kw)}


def test_link_argument_is_the_entity_at_its_head(nlp):
    assert ("Joe Biden", "meet", "Vladimir Putin") in triples(
        nlp, "US President Joe Biden met Russian President Vladimir Putin in Geneva.") or \
        ("President Joe Biden", "meet", "Vladimir Putin") in triples(
        nlp, "US President Joe Biden met Russian President Vladimir Putin in Geneva.")


def test_link_apposition_names_the_entity(nlp):
    found = triples(nlp, "Chancellor Olaf Scholz spoke with his French counterpart, Emmanuel Macron, on Monday.")
    assert any(o == "Emmanuel Macron" and r == "meet" for _, r, o in found)


def test_link_coordinated_subjects_of_a_meeting_meet_each_other(nlp):
    found = facts(nlp, "Angela Merkel and Emmanuel Macron met in Aachen in January 2019.")
    pairs = {frozenset((f.subject.text, f.object.text)) for f in found if f.relation == "meet"}
    assert frozenset(("Angela Merkel", "Emmanuel Macron")) in pairs
    # Aachen is where they met, not whom
    assert not any(f.object.text == "Aachen" and f.relation == "meet" for f in found)
    [fact] = [f for f in found if f.relation == "meet"]
    assert (fact.date, fact.date_source, fact.place) == ("2019-01", "text", "Aachen")


def test_link_noun_without_entity_becomes_a_phrase_concept(nlp):
    found = facts(nlp, "The European Union imposed new sanctions on Monday.")
    [fact] = [f for f in found if f.object.label == "CONCEPT"]
    assert fact.subject.text.removeprefix("The ") == "European Union"
    # a generic phrase ("new sanctions") is a node of this article only
    assert (fact.object.text, fact.object.key, fact.object.lemma) == \
        ("new sanctions", "new sanction@t", "sanction")


def test_link_specific_phrase_keeps_its_words_and_links_the_entity_inside(nlp):
    found = facts(nlp, "Moscow has long backed Bashar al-Assad's government.")
    [fact] = [f for f in found if f.relation == "support"]
    assert fact.object.label == "CONCEPT" and "government" in fact.object.text
    assert "@" not in fact.object.key  # the same specific phrase may join articles
    about = {(f.subject.text, f.object.text) for f in found if f.relation == "about"}
    assert any("Assad" in o and s == fact.object.text for s, o in about)


def test_link_a_phrase_acts_only_on_a_named_entity(nlp):
    found = facts(nlp, "An arms embargo was imposed on China.")
    assert ("CONCEPT", "imposed_on", "GPE") in {(f.subject.label, f.relation, f.object.label)
                                                for f in found}
    assert not facts(nlp, "The committee rejected the proposal.")
    assert not [f for f in facts(nlp, "The Senate committee rejected the Kremlin's proposal.")
                if f.relation != "about"]
    # a generic subject names no actor, whatever the object
    assert not [f for f in facts(nlp, "The committee rejected the Kremlin's proposal.")
                if f.relation != "about"]
    assert not [f for f in facts(nlp, "The documentary showed Vladimir Putin.") if f.relation != "about"]


def test_link_shell_noun_and_audience_make_no_fact(nlp):
    assert not [f for f in facts(nlp, "Gordon Brown rejected the idea.") if f.relation != "about"]
    assert [f for f in facts(nlp, "Gordon Brown rejected the Kremlin's proposal.") if f.relation == "oppose"]
    assert not [f for f in facts(nlp, "Gordon Brown told MPs that taxes would rise.") if f.relation == "say"]
    told = [f for f in facts(nlp, "Gordon Brown told Vladimir Putin that taxes would rise.") if f.relation == "say"]
    assert told and told[0].object.text == "Vladimir Putin"


def test_link_meets_people_named_by_a_noun_not_occasions(nlp):
    assert [f for f in facts(nlp, "David Blunkett met his European counterparts.") if f.relation == "meet"]
    assert not [f for f in facts(nlp, "David Blunkett met over dinner.") if f.relation == "meet"]


def test_link_noun_with_infinitive_is_not_its_agent(nlp):
    found = facts(nlp, "She was given the chance to defeat Galloway.")
    assert not any(f.subject.text.endswith("chance") for f in found)


def test_link_bare_possessive_is_no_have_fact(nlp):
    found = facts(nlp, "The United States' Andy Roddick won the final.")
    assert not any(f.relation == "have" for f in found)


def test_link_passive_with_agent_gives_one_direction(nlp):
    found = facts(nlp, "Deutsche Bank was sued by Yukos in Houston.")
    relations = {(f.subject.text, f.relation, f.object.text) for f in found}
    assert ("Yukos", "sue", "Deutsche Bank") in relations
    assert not any(r.endswith("_by") for _, r, _ in relations)


def test_link_urged_fact_is_not_plain(nlp):
    found = facts(nlp, "Tony Blair was being urged to push for sanctions against Iran.")
    pushes = [f for f in found if f.relation == "push"]
    assert pushes and all(f.modality == "urged" for f in pushes)


def test_link_negated_governor_negates_the_embedded_fact(nlp):
    found = facts(nlp, "This does not mean Turkey should be barred from the European Union.")
    assert found and all(f.negated or f.modality for f in found if "Turkey" in f.subject.text)


def test_link_planned_weekday_resolves_forward(nlp):
    [fact] = [f for f in facts(nlp, "Boris Johnson will visit Kyiv on Thursday.", date="2022-04-04")
              if f.relation == "visit"]
    assert (fact.date, fact.date_source) == ("2022-04-07", "text")


def test_link_headline_infinitive_is_planned_not_done(nlp):
    found = [f for f in facts(nlp, "Mark Rutte to arrive in Warsaw to meet Donald Tusk")
             if f.relation in ("visit", "meet", "arrive_in")]
    assert found and all(f.modality == "planned" for f in found)
    [done] = [f for f in facts(nlp, "Mark Rutte arrived in Warsaw to meet Donald Tusk")
              if f.subject.text == "Mark Rutte" and f.object.text == "Warsaw"]
    assert done.modality is None


def test_link_an_event_noun_being_prepared_or_expected_is_planned(nlp):
    for text in ("Preparations are underway for Olaf Scholz's visit to Warsaw, his office said.",
                 "The ministry announced plans for a meeting between Olaf Scholz and Donald Tusk.",
                 "Olaf Scholz's long-awaited visit to Warsaw is expected to strengthen ties."):
        found = [f for f in facts(nlp, text) if f.relation in ("visit", "meet")]
        assert found and all(f.modality == "planned" for f in found), text
    [done] = [f for f in facts(nlp, "Olaf Scholz's visit to Warsaw ended with a deal.") if f.relation == "visit"]
    assert done.modality is None


def test_link_fact_without_a_date_carries_the_article_date(nlp):
    [fact] = [f for f in facts(nlp, "Boris Johnson visited Kyiv.", date="2022-04-09") if f.relation == "visit"]
    assert (fact.date, fact.date_source) == ("2022-04-09", "article")


def test_link_negation_is_kept_as_a_flag(nlp):
    [fact] = [f for f in facts(nlp, "Viktor Orbán did not support Ukraine.") if f.relation == "support"]
    assert fact.negated


def test_link_sentence_span_has_no_surrounding_whitespace(nlp):
    text = "Leaders meet\n\nJustin Trudeau met Joe Biden in Ottawa.\n"
    for fact in facts(nlp, text):
        sentence = text[fact.sentence[0]:fact.sentence[1]]
        assert sentence == sentence.strip() and "\n" not in sentence


@pytest.mark.parametrize("text", ["", "   \n", "Breaking News", "???"])
def test_link_odd_text_gives_no_facts_and_no_error(nlp, text):
    assert facts(nlp, text) == []


def test_link_descriptions_and_dates_are_not_relations(nlp):
    found = triples(nlp, "Hakan Fidan, the foreign minister, said March 2 that Turkey has a plan.")
    assert not any(r in ("be", "have") and o in ("minister", "plan") for _, r, o in found)
    assert not any(o.lower().startswith("march") for _, _, o in found)


def test_link_motion_verbs_visit_places_only(nlp):
    assert not any(r == "visit" for _, r, _ in triples(nlp, "Russia does not plan to go to war with Ukraine."))
    assert ("Olaf Scholz", "visit", "Beijing") in triples(nlp, "Olaf Scholz travelled to Beijing in November.")


def test_link_a_meeting_partner_is_an_entity(nlp):
    found = triples(nlp, "Jacinda Ardern and Scott Morrison met over dinner in Sydney.")
    assert not any(r == "meet" and "dinner" in (s, o) for s, r, o in found)
    assert any(r == "meet" and {s, o} == {"Jacinda Ardern", "Scott Morrison"} for s, r, o in found)


def test_link_headline_name_tagged_as_noun_keeps_its_entity_type(nlp):
    text = "Merkel meets Macron in Aachen\n\nAngela Merkel met Emmanuel Macron in Aachen on Tuesday."
    article = Article("h", text, date="2019-01-22")
    result = extract_article(article, nlp(text))
    assert not any(m.label == "CONCEPT" and m.text in ("Merkel", "Macron") for m in result.mentions)


def test_link_copulas_and_noun_phrase_descriptions_make_no_edges(nlp):
    found = triples(nlp, "Wellington, the capital, hosted Syrian refugees near the harbour in Wellington.")
    assert not any(r in ("be", "be_in") for _, r, _ in found)
    # "Syrian refugees" is a phrase about Syrians (an ``about`` link), no fact of its own
    assert not any(o == "Syrian" for _, r, o in found if r != "about")


def test_the_object_folded_into_the_relation_beats_where_it_happened(nlp):
    text = "Russia has backed the rebel army in the long civil war."
    result = extract_article(Article("t", text), nlp(text))
    backed = {f.object.text for f in result.facts if f.relation == "support"}
    assert backed and not any(o.startswith("long civil war") for o in backed)
