"""Across articles, one full name is one node whatever type NER gave it (issue 12: the same
full name labelled several nodes of the BBC corpus). Mentions are written by hand, as NER
mistyped them, so these tests need no model."""

from __future__ import annotations

from kg.resolve import resolve
from kg.types import Article, ArticleFacts, Mention


def _article(aid: str, text: str, *spans: tuple[str, str]) -> ArticleFacts:
    """An article whose mentions are ``(surface, NER label)``, found in order in ``text``."""
    mentions, cursor = [], 0
    for surface, label in spans:
        start = text.index(surface, cursor)
        cursor = start + len(surface)
        mentions.append(Mention(aid, start, cursor, surface, label, (0, len(text))))
    return ArticleFacts(Article(aid, text), mentions)


def _node(r, facts: ArticleFacts, surface: str) -> str | None:
    return next(r.node(m) for m in facts.mentions if m.text == surface)


def test_same_full_name_typed_org_elsewhere_is_one_person():
    a = _article("a1", "Tomas Berdych beat Leo Marr in Rome.", ("Tomas Berdych", "PERSON"), ("Leo Marr", "PERSON"))
    b = _article("a2", "Leo Marr lost again.", ("Leo Marr", "ORG"))
    r = resolve([a, b])
    assert _node(r, a, "Leo Marr") == _node(r, b, "Leo Marr")
    assert r.entities[_node(r, a, "Leo Marr")].type == "PERSON"
    assert _node(r, a, "Tomas Berdych") != _node(r, a, "Leo Marr")


def test_the_node_takes_the_type_most_mentions_have():
    films = [_article(f"f{i}", "Ada Quill won the prize.", ("Ada Quill", "ORG")) for i in range(3)]
    person = _article("p", "Ada Quill opened in London.", ("Ada Quill", "PERSON"))
    r = resolve([*films, person])
    nodes = {_node(r, f, "Ada Quill") for f in [*films, person]}
    assert len(nodes) == 1
    assert r.entities[nodes.pop()].type == "ORG"


def test_person_typed_country_is_the_country():
    a = _article("a1", "Sri Lanka reached 240 before lunch.", ("Sri Lanka", "PERSON"))
    b = _article("a2", "Aid reached Sri Lanka on Monday.", ("Sri Lanka", "GPE"))
    r = resolve([a, b])
    assert _node(r, a, "Sri Lanka") == _node(r, b, "Sri Lanka") == "sri-lanka"
    assert r.entities["sri-lanka"].type == "GPE"


def test_one_word_country_stays_the_person_the_article_names():
    a = _article("a1", "Jools Holland played on. Holland said the show would go on.",
                 ("Jools Holland", "PERSON"), ("Holland", "PERSON"))
    r = resolve([a])
    assert _node(r, a, "Holland") == _node(r, a, "Jools Holland")


def test_the_same_full_name_wins_when_several_people_fit():
    a = _article("a1", "Jose Manuel Barroso spoke.", ("Jose Manuel Barroso", "PERSON"))
    b = _article("a2", "Manuel Barosso spoke.", ("Manuel Barosso", "PERSON"))
    c = _article("a3", "Manuel Barroso spoke.", ("Manuel Barroso", "PERSON"))
    d = _article("a4", "Manuel Barroso spoke again.", ("Manuel Barroso", "PERSON"))
    r = resolve([a, b, c, d])
    assert _node(r, c, "Manuel Barroso") == _node(r, d, "Manuel Barroso")


def test_label_spells_out_the_given_name():
    a = _article("a1", "Frank Sheehan scored. F Sheehan was replaced.",
                 ("Frank Sheehan", "PERSON"), ("F Sheehan", "PERSON"))
    r = resolve([a])
    assert r.entities[_node(r, a, "F Sheehan")].label == "Frank Sheehan"


def test_a_fixture_is_no_person_name_parts_join():
    a = _article("a1", "Tickets for Leyton v Manchester City sold out.", ("Leyton v Manchester City", "PERSON"))
    b = _article("a2", "Manchester City won.", ("Manchester City", "PERSON"))
    r = resolve([a, b])
    assert _node(r, a, "Leyton v Manchester City") != _node(r, b, "Manchester City")
    assert r.entities[_node(r, b, "Manchester City")].label == "Manchester City"


def test_a_former_city_name_is_the_city():
    a = _article("a1", "Floods hit Bombay, India, on Monday.", ("Bombay", "GPE"), ("India", "GPE"))
    b = _article("a2", "Mumbai's markets reopened in India.", ("Mumbai", "GPE"), ("India", "GPE"))
    r = resolve([a, b])
    node = _node(r, a, "Bombay")
    assert node == _node(r, b, "Mumbai")
    assert r.entities[node].same_as == ["https://sws.geonames.org/1275339/"]


def test_a_given_name_alone_joins_the_one_person_of_the_article_with_it():
    text = "Tariq Aziz Dawar was freed. Mr Dawar said Tariq would rest. Anwar Dawar agreed."
    a = _article("a1", text, ("Tariq Aziz Dawar", "PERSON"), ("Mr Dawar", "PERSON"), ("Tariq", "PERSON"),
                 ("Anwar Dawar", "PERSON"))
    r = resolve([a])
    assert _node(r, a, "Tariq") == _node(r, a, "Tariq Aziz Dawar") != _node(r, a, "Anwar Dawar")


def test_a_titled_surname_joins_the_full_name():
    a = _article("a1", "Desmond Tutu spoke in Cape Town.", ("Desmond Tutu", "PERSON"), ("Cape Town", "GPE"))
    b = _article("a2", "Archbishop Tutu said peace was near.", ("Archbishop Tutu", "PERSON"))
    r = resolve([a, b])
    assert _node(r, b, "Archbishop Tutu") == _node(r, a, "Desmond Tutu")
    assert "Archbishop" in r.entities[_node(r, a, "Desmond Tutu")].attributes.get("title", [])
