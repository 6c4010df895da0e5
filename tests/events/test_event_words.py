"""Event words no fact carries, and events joined within a story: on small real-text articles
(written for these tests) about two quakes in different towns and an acquisition told in
different words."""

import pytest

import kg
from kg.types import Article


@pytest.fixture(scope="module")
def quakes():
    return kg.build([
        Article("q1", "A strong earthquake struck the Peruvian city of Arequipa on Sunday, killing "
                "two people. The quake damaged the cathedral. Police made no arrests.", date="2021-06-07",
                url="https://andes.example/q1"),
        Article("q2", "Arequipa quake toll rises\n\nThe death toll from Sunday's earthquake in the "
                "Peruvian city of Arequipa rose to four on Monday, as rescuers searched collapsed "
                "homes. The tremor damaged the Arequipa cathedral.", date="2021-06-08",
                url="https://limapost.example/q2"),
        Article("q3", "An earthquake shook the Chilean town of Iquique on Sunday. The quake cut power "
                "to thousands of homes in Iquique.", date="2021-06-07", url="https://norte.example/q3"),
        Article("b1", "Halvor Shipping agreed to buy Nordlys Ferries for $900 million on Tuesday.",
                date="2022-02-02", url="https://markets.example/b1"),
        Article("b2", "Halvor Shipping will purchase Nordlys Ferries, the companies said. The "
                "takeover needs approval from regulators.", date="2022-02-03", url="https://trade.example/b2"),
    ], jobs=1)


def _mentions(g, article):
    return {m["trigger"]: (e, m) for e in g.events() for m in e["mentions"] if m["article"] == article}


def test_words_no_fact_carries_are_mentions_with_their_status(quakes):
    q1 = _mentions(quakes, "q1")
    assert {"earthquake", "quake", "killing", "damaged", "arrests"} <= set(q1)
    assert q1["arrests"][1]["status"] == "negated"
    assert q1["earthquake"][1]["type"] == q1["quake"][1]["type"] == "quake"


def test_one_quake_across_a_story_another_quake_elsewhere_apart(quakes):
    q1, q2, q3 = _mentions(quakes, "q1"), _mentions(quakes, "q2"), _mentions(quakes, "q3")
    arequipa = q1["earthquake"][0]
    assert q2["earthquake"][0]["id"] == arequipa["id"] == q2["tremor"][0]["id"]
    assert q3["earthquake"][0]["id"] != arequipa["id"]
    assert {"andes.example", "limapost.example"} <= set(arequipa["sources"])
    assert "norte.example" not in arequipa["sources"]


def test_different_words_of_one_acquisition_are_one_event(quakes):
    b1, b2 = _mentions(quakes, "b1"), _mentions(quakes, "b2")
    assert b1["buy"][0]["id"] == b2["purchase"][0]["id"]
    assert b1["buy"][0]["type"] == "acquire"
    assert b2["takeover"][0]["id"] == b2["purchase"][0]["id"]
