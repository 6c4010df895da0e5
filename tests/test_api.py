"""The library API (issue 6): the same graph as the CLI, incremental and idempotent adds,
filters, evidence, SPARQL, DataFrames and the notebook display."""

import html
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner

import kg
import kg.cli
from kg.explore import fact_rows

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"
# Short texts of our own: a "date" marker, then one or two sentences.
SOCHI = "date 2018-09-17 Erdoğan met Putin in Sochi."
MOSCOW = "date 2020-03-05 Erdoğan met Putin in Moscow. Erdoğan and Putin agreed on a ceasefire in Idlib."
GENEVA = "date 2021-06-16 Joe Biden met Putin in Geneva."
TEXTS = [SOCHI, MOSCOW, GENEVA]


def assert_same_graph(A: nx.MultiDiGraph, B: nx.MultiDiGraph) -> None:
    assert set(A.nodes) == set(B.nodes)
    assert set(A.edges(keys=True)) == set(B.edges(keys=True))
    assert dict(A.nodes(data=True)) == dict(B.nodes(data=True))
    assert {e: A.edges[e] for e in A.edges(keys=True)} == {e: B.edges[e] for e in B.edges(keys=True)}
    assert A.graph == B.graph


@pytest.fixture(scope="module")
def corpus():
    return kg.build(ARTICLES, jobs=1)


@pytest.fixture(scope="module")
def small():
    return kg.build(TEXTS, jobs=1)


def test_api_data_folder_is_a_small_corpus_with_recurring_entities(corpus):
    assert 10 <= corpus.summary()["articles"] <= 15
    putin = [e for e in corpus.entities(type="PERSON") if "Putin" in e["aliases"]]
    assert len(putin) == 1 and putin[0]["facts"] >= 5
    assert len({a for f in corpus.facts(subject="Putin") for a in f["articles"]}) >= 3


def test_api_cli_and_library_give_the_same_graph(corpus, tmp_path):
    result = CliRunner().invoke(kg.cli.cli, ["build", str(ARTICLES), "-o", str(tmp_path), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    assert_same_graph(kg.load(tmp_path).to_networkx(), corpus.to_networkx())


def test_api_adding_one_by_one_in_any_order_equals_building_all_at_once(corpus):
    g = kg.KnowledgeGraph(jobs=1)
    for path in sorted(ARTICLES.glob("*.txt"), reverse=True):
        assert g.add(path) == 1
    assert_same_graph(g.to_networkx(), corpus.to_networkx())


def test_api_adding_the_same_articles_again_adds_nothing(small):
    before = small.to_networkx()
    assert small.add(TEXTS) == 0
    assert_same_graph(small.to_networkx(), before)


def test_api_a_changed_article_with_a_known_id_replaces_the_old_one():
    g = kg.build(TEXTS[:1], jobs=1)
    ids = sorted(g.to_networkx().graph["articles"])
    assert g.summary()["entities"] > 0
    assert g.add([kg.Article(id=a, text="nothing was said today.") for a in ids]) == len(ids)
    assert g.summary() == {"articles": len(ids), "entities": 0, "facts": 0}


def test_api_load_then_add_equals_building_all_at_once(small, tmp_path):
    kg.build(TEXTS[:2], jobs=1).save(tmp_path)
    g = kg.load(tmp_path, jobs=1)
    assert g.add(TEXTS) == 1
    assert_same_graph(g.to_networkx(), small.to_networkx())


def test_api_load_without_facts_file_refuses_to_grow(tmp_path):
    kg.build(SOCHI, jobs=1).save(tmp_path)
    (tmp_path / "facts.jsonl").resolve().unlink()  # the file itself, not just the link to it
    g = kg.load(tmp_path)
    assert g.add(SOCHI) == 0  # nothing new: fine
    with pytest.raises(kg.KgError, match="saved without facts.jsonl"):
        g.add(GENEVA)


def test_api_to_networkx_is_a_copy(small):
    G = small.to_networkx()
    G.remove_nodes_from(list(G))
    assert small.summary()["entities"] > 0


def test_api_facts_subject_by_any_alias_ignoring_case_and_accents(small):
    rows = small.facts(subject="Erdoğan", relation="meet")
    assert rows and rows == small.facts(subject="ERDOGAN", relation="meet")
    assert {f["object"] for f in rows} >= {"Putin"} or any("Putin" in f["object"] for f in rows)
    assert all(f["relation"] == "meet" for f in rows)


def test_api_facts_symmetric_relation_puts_the_asked_entity_first(small):
    rows = small.facts(subject="Putin", relation="meet")
    assert {f["subject_id"] for f in rows} == {rows[0]["subject_id"]}
    assert any("Biden" in f["object"] for f in rows)


def test_api_facts_since_until(small):
    dated = small.facts(subject="Putin", relation="meet")
    assert sorted({d for f in dated for d in f["dates"]}) == ["2018-09-17", "2020-03-05", "2021-06-16"]
    since = small.facts(subject="Putin", relation="meet", since="2020-03")
    assert since and all(max(f["dates"]) >= "2020-03" for f in since)
    until = small.facts(subject="Putin", relation="meet", until="2018")
    assert until and all(min(f["dates"]) <= "2018-12-31" for f in until)
    assert small.facts(subject="Putin", since="2030") == []


@pytest.mark.parametrize("since, until, expected", [
    ("2020", None, ["a"]), ("2020-03-06", None, ["a"]), ("2020-04", None, []), (None, "2020-03", ["a"]),
    ("2019-01-01", "2019-12-31", []), ("2020-03-05", "2020-03-05", ["a"]),
])
def test_inspect_fact_rows_date_range_at_the_coarser_precision(since, until, expected):
    G = nx.MultiDiGraph()
    G.add_edge("x", "y", key="meet", evidence=[{"article": "a", "date": "2020-03"}])
    assert [f["articles"][0] for f in fact_rows(G, since=since, until=until)] == expected


def test_api_evidence_of_a_fact_row_or_a_named_triple(small):
    [fact] = [f for f in small.facts(subject="Joe Biden", relation="meet")]
    assert small.evidence(fact) == fact["evidence"]
    [sentence] = small.evidence(("joe biden", "meet", fact["object"]))
    assert sentence["sentence"].strip().endswith("Joe Biden met Putin in Geneva.")
    assert sentence["date"] == "2021-06-16"
    assert small.evidence(("Joe Biden", "visit", "Putin")) == []  # no such fact: no sentence
    with pytest.raises(kg.KgError, match="no entity named 'Nobody'"):  # no such entity: say so
        small.evidence(("Joe Biden", "meet", "Nobody"))


def test_api_entities_by_type_in_any_case(small):
    people = small.entities(type="person")
    assert people and all(e["type"] == "PERSON" for e in people)
    assert people == small.entities(type="PERSON")
    assert [e["facts"] for e in people] == sorted((e["facts"] for e in people), reverse=True)


def test_api_query_with_bindings(small):
    result = small.query("SELECT ?name WHERE { ?s rdfs:label ?who ; kg:meet ?o . ?o rdfs:label ?name }",
                         who="Joe Biden")
    assert result.columns == ["name"] and any("Putin" in name for (name,) in result)


def test_api_to_dataframe_of_facts_entities_evidence_and_queries(small):
    facts = kg.to_dataframe(small.facts())
    assert len(facts) == len(small.facts()) and "evidence" not in facts.columns
    assert {"subject", "relation", "object", "dates", "articles", "sentences"} <= set(facts.columns)
    per_sentence = kg.to_dataframe(small.facts(), evidence=True)
    assert len(per_sentence) == facts["sentences"].sum()
    assert {"subject", "object", "article", "date", "sentence", "object_text"} <= set(per_sentence.columns)
    labels = {(f["subject"], f["object"]) for f in small.facts()}
    assert set(zip(per_sentence["subject"], per_sentence["object"])) == labels
    assert list(kg.to_dataframe(small.entities())["id"]) == [e["id"] for e in small.entities()]
    result = small.query("SELECT ?s WHERE { ?s a schema:Person }")
    assert kg.to_dataframe(result).equals(result.to_dataframe())


def test_api_repr_html_is_a_sandboxed_iframe_of_the_page(small):
    markup = small._repr_html_()
    match = re.fullmatch(r'<iframe srcdoc="([^"]*)" (.*)></iframe>', markup, re.DOTALL)
    assert match, markup[:200]
    assert html.unescape(match.group(1)) == small.to_html()
    assert 'sandbox="allow-scripts' in match.group(2) and "allow-same-origin" not in match.group(2)


def test_api_to_html_writes_the_page(small, tmp_path):
    path = small.to_html(tmp_path / "g.html")
    assert path == tmp_path / "g.html" and path.read_text(encoding="utf-8") == small.to_html()


def test_api_a_missing_folder_is_an_input_error_not_an_article():
    with pytest.raises(kg.InputError, match="no such file or directory"):
        kg.build("my articles/")


def test_api_extract_sentence_lists_tuples():
    rows = kg.extract_sentence("Erdoğan met Putin in Moscow.")
    assert any((r["arg1"], r["lemma"], r["arg2"]) == ("Erdoğan", "meet", "Putin") for r in rows)


def test_api_entity_by_any_name_and_a_clear_error_when_missing(small):
    putin = small.entity("putin")
    assert "Putin" in putin["aliases"] and putin["id"] in small.to_networkx()
    with pytest.raises(kg.KgError, match="no entity named 'Xi Jinping'"):
        small.entity("Xi Jinping")


def test_inspect_read_inputs_mixes_paths_texts_and_articles():
    note = kg.Article(id="note", text="Putin spoke.")
    articles = list(kg.explore.read_inputs([ARTICLES / "2021-06-16-geneva-summit.txt", GENEVA, note]))
    assert [(a.id, a.date) for a in articles][0] == ("2021-06-16-geneva-summit", "2021-06-16")
    assert articles[1].id.startswith("text-") and articles[1].date == "2021-06-16"
    assert articles[2] is note


def test_inspect_to_dataframe_evidence_rows_keep_entity_labels_and_the_words_as_written():
    G = nx.MultiDiGraph()
    G.add_node("erdogan", label="Recep Tayyip Erdoğan", aliases=["Erdoğan"])
    G.add_node("putin", label="Vladimir Putin", aliases=["Putin"])
    G.add_edge("erdogan", "putin", key="meet", symmetric=True, evidence=[
        {"article": "a", "date": None, "sentence": "Putin met Erdoğan.", "subject": "Putin", "object": "Erdoğan"}])
    [row] = kg.to_dataframe(fact_rows(G, subject="Putin"), evidence=True).to_dict("records")
    assert (row["subject"], row["object"]) == ("Vladimir Putin", "Recep Tayyip Erdoğan")
    assert (row["subject_text"], row["object_text"]) == ("Putin", "Erdoğan")
