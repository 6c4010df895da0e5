"""Library calls that used to give silent wrong answers (issue 15, point 5): unknown names and
relations raise with suggestions, dates come in any reasonable form, either-side filters,
countries by any name, concept nodes can be left out, networkx's pagerank works."""

import datetime as dt

import networkx as nx
import pytest

import kg

# Short texts of our own, each with a date marker.
TEXTS = ["date 2018-09-17 Erdoğan met Putin in Sochi.",
         "date 2019-03-12 Putin visited Türkiye. Putin held talks with Erdoğan in Ankara.",
         "date 2021-06-16 Joe Biden met Putin in Geneva. Turkey criticized the talks."]


@pytest.fixture(scope="module")
def g():
    return kg.build(TEXTS, jobs=1)


def test_unknown_subject_raises_with_the_nearest_names(g):
    with pytest.raises(kg.KgError, match=r"no entity named 'Zorro'$"):
        g.facts(subject="Zorro")
    with pytest.raises(kg.KgError, match=r"no entity named 'Erdogn'; did you mean .*Erdo"):
        g.facts(object="Erdogn")
    with pytest.raises(kg.KgError, match="did you mean 'Putin'"):
        g.entity("Putn")


def test_relation_as_written_or_lemma_finds_the_event(g):
    meet = g.facts(subject="Putin", relation="meet")
    assert len(meet) == 2  # with Erdoğan (met, held talks with) and with Biden (met)
    assert g.facts(subject="Putin", relation="met") == meet
    assert g.facts(subject="Putin", relation="held talks with") == meet
    with pytest.raises(kg.KgError, match="no fact has the relation 'mett'; did you mean 'meet'"):
        g.facts(relation="mett")
    assert g.facts(subject="Joe Biden", relation="kill") == []  # an event type with no fact: no error


@pytest.mark.parametrize("since", [2020, "2020", dt.date(2020, 1, 1), dt.datetime(2020, 3, 1), "March 2020"])
def test_since_accepts_years_dates_and_written_months(g, since):
    assert [f["object"] for f in g.facts(subject="Putin", since=since)] == ["Joe Biden"]


def test_until_written_month_and_bad_dates(g):
    assert [f["dates"] for f in g.facts(subject="Putin", until="September 2018")] == [
        ["2018-09-17", "2019-03-12"]]  # the Erdoğan fact: one of its dates is in range
    assert g.facts(subject="Putin", until="August 2018") == []
    with pytest.raises(kg.KgError, match="since: can't read 'last spring' as a date"):
        g.facts(since="last spring")


def test_entity_filter_matches_either_side(g):
    as_subject, as_object = g.facts(subject="Turkey"), g.facts(object="Turkey")
    assert as_subject and as_object  # Turkey criticized the talks; Putin visited Türkiye
    either = g.facts(entity="Turkey")
    assert sorted(map(str, either)) == sorted(map(str, as_subject + as_object))
    # a symmetric fact puts the asked-for entity first, as subject= does
    assert {f["subject"] for f in g.facts(entity="Erdoğan", relation="meet")} == {"Erdoğan"}


def test_a_country_is_found_by_any_of_its_names(g):
    assert g.entity("Türkiye")["id"] == g.entity("Turkey")["id"]
    assert g.facts(entity="Türkiye") == g.facts(entity="Turkey")


def test_entities_can_leave_out_concept_nodes(g):
    everything = g.entities()
    named = g.entities(concepts=False)
    assert named and all(e["type"] != "CONCEPT" for e in named)
    assert [e for e in everything if e["type"] != "CONCEPT"] == named


def test_networkx_pagerank_runs_on_the_graph(g):
    # notebook 02 says anything networkx does works: pagerank needs scipy
    ranks = nx.pagerank(nx.Graph(g.to_networkx()))
    assert max(ranks, key=ranks.get) == g.entity("Putin")["id"]


def test_explain_picks_the_entity_g_entity_picks_and_reaches_others_by_id():
    from kg.resolve.explain import explain, format_explanation
    from kg.rows import find_entity

    G = nx.MultiDiGraph()
    G.add_node("tony-blair", label="Tony Blair", type="PERSON", aliases=["Tony Blair", "Blair"], mentions=3)
    G.add_node("blair", label="Blair", type="PERSON", aliases=["Blair"], mentions=9)
    G.add_edge("tony-blair", "x", key="meet")
    G.add_edge("tony-blair", "y", key="say")
    G.nodes["x"].update(label="X", type="PERSON", aliases=["X"])
    G.nodes["y"].update(label="Y", type="PERSON", aliases=["Y"])
    info = explain(G, "Blair", [{"node": "tony-blair", "article": "a", "start": i, "end": i + 5,
                                 "surface": "Blair"} for i in range(25)])
    assert info["id"] == find_entity(G, "Blair")["id"] == "tony-blair"
    assert info["candidates"] == ["blair"] and explain(G, "blair")["id"] == "blair"
    text = format_explanation(info)
    assert "mentions (25, the first 20; --format json lists all):" in text
    assert "other nodes with this name (kg explain OUT ID): blair" in text
