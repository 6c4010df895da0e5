"""What keeps similar events apart, on small real-text stories: a quake's noun and the verb
saying it struck are two mentions of two types; ordinals and 'another' mark another event;
a weekday rules out another weekday when articles have no date; two people's deaths stay two
even where one report names both."""

import pytest

import kg
from kg.types import Article


def _mentions(g):
    return {(m["article"], m["trigger"]): e for e in g.events() for m in e["mentions"]}


@pytest.fixture(scope="module")
def quakes():
    """Two undated reports of one quake town on different weekdays: two quakes."""
    return kg.build([
        Article("q1", "A moderate earthquake struck Oriola on Sunday morning. "
                "The quake damaged a church."),
        Article("q2", "An earthquake struck Oriola on Thursday. "
                "The quake was felt across the valley."),
    ], jobs=1)


def test_the_noun_and_its_verb_of_occurrence_are_two_types(quakes):
    found = _mentions(quakes)
    assert found[("q1", "earthquake")]["type"] == "quake"
    assert found[("q1", "struck")]["type"] == "quake_occurrence"
    assert found[("q1", "earthquake")]["id"] != found[("q1", "struck")]["id"]


def test_another_weekday_is_another_quake(quakes):
    found = _mentions(quakes)
    assert found[("q1", "earthquake")]["id"] == found[("q1", "quake")]["id"]
    assert found[("q1", "earthquake")]["id"] != found[("q2", "earthquake")]["id"]
    assert found[("q1", "struck")]["id"] != found[("q2", "struck")]["id"]


def test_ordinals_and_another_mark_another_event():
    texts = {"p1": "Farmers blocked the ring road of Tarbes on Monday in a protest over fuel prices. "
                   "Another protest is planned for next month.",
             "p2": "The second protest by the farmers of Tarbes drew fewer tractors than the first "
                   "protest in February."}
    g = kg.build([Article("p1", texts["p1"], date="2023-02-07"),
                  Article("p2", texts["p2"], date="2023-03-13")], jobs=1)
    event_at = {(m["article"], m["start"]): e["id"] for e in g.events() for m in e["mentions"]
                if m["trigger"] == "protest"}

    def at(article, phrase):
        return event_at[(article, texts[article].index(phrase) + phrase.index("protest"))]

    assert at("p1", "a protest over") != at("p1", "Another protest")
    assert at("p2", "second protest") != at("p2", "first protest")


def test_one_report_of_two_deaths_does_not_make_them_one():
    g = kg.build([
        Article("d1", "Climber Ewan Tully died on the north face of Ben Alder on Saturday.",
                date="2024-02-12"),
        Article("d2", "Climber Morag Pryce died on Ben Alder on Saturday after a fall.",
                date="2024-02-12"),
        Article("d3", "The deaths of Ewan Tully and Morag Pryce on Ben Alder shocked the "
                "climbing club.", date="2024-02-13"),
    ], jobs=1)
    found = _mentions(g)
    assert found[("d1", "died")]["id"] != found[("d2", "died")]["id"]
