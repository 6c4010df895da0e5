import json

import pytest
from rdflib import Graph

from kg.errors import QueryError
from kg.query import QueryResult, format_result, run_query


def test_query_bad_sparql_is_a_one_line_query_error():
    with pytest.raises(QueryError) as err:
        run_query(Graph(), "SELECT ?x WHERE { ?x ")
    assert str(err.value).startswith("SPARQL error:")
    assert "\n" not in str(err.value)


def test_query_bindings_prebind_variables():
    g = Graph().parse(data='<urn:a> <urn:p> "x" . <urn:b> <urn:p> "y" .', format="turtle")
    assert run_query(g, "SELECT ?s WHERE { ?s <urn:p> ?v }", v="y").rows == [("urn:b",)]


def test_format_result_table_csv_json():
    result = QueryResult(["name", "facts"], [("Vladimir Putin", 12), ("Ankara, Turkey", None)])
    table = format_result(result, "table").splitlines()
    assert table[0].split() == ["name", "facts"]
    assert table[-1] == "(2 rows)"
    assert format_result(result, "csv").splitlines()[2] == '"Ankara, Turkey",'
    assert json.loads(format_result(result, "json")) == [
        {"name": "Vladimir Putin", "facts": 12}, {"name": "Ankara, Turkey", "facts": None}]


def test_every_named_query_gives_the_same_rows_on_the_store_and_on_rdflib(seeds_out):
    """The seeds graph through Oxigraph (in process) and through rdflib: same rows, same
    order wherever the query's ORDER BY decides it, values of the same Python types."""
    import kg
    from kg.queries import named_queries

    graph = kg.load(seeds_out)
    nonempty = set()
    for item in named_queries().values():
        example = {p: hint.split("e.g.")[-1].strip() for p, hint in zip(item.params, item.hints)}
        store_rows = graph.query(item.sparql, **example).rows
        rdflib_rows = run_query(graph.rdf, item.sparql, **example).rows
        assert sorted(store_rows, key=repr) == sorted(rdflib_rows, key=repr), item.name
        assert [type(v) for r in store_rows for v in r] == [type(v) for r in rdflib_rows for v in r]
        if store_rows:
            nonempty.add(item.name)
    assert {"who-met", "timeline", "about", "between", "connected", "mentions"} <= nonempty


def test_named_query_from_the_command_line(seeds_out):
    from click.testing import CliRunner

    from kg.cli import cli

    listed = CliRunner().invoke(cli, ["query", str(seeds_out), "--list"])
    assert listed.exit_code == 0 and "who-met" in listed.output and "--param entity" in listed.output
    met = CliRunner().invoke(cli, ["query", str(seeds_out), "who-met", "--param", "entity=Putin",
                                   "--format", "json"])
    assert met.exit_code == 0, met.output
    others = {row["other"] for row in json.loads(met.stdout)}
    assert any("Erdoğan" in name for name in others)
    missing = CliRunner().invoke(cli, ["query", str(seeds_out), "who-met"])
    assert missing.exit_code == 1 and "--param entity=" in missing.output


def test_the_plain_prefix_table_is_the_vocabulary():
    from kg.prefixes import PREFIXES
    from kg.vocab import PREFIXES as TERMS

    assert PREFIXES == {prefix: str(namespace) for prefix, namespace in TERMS.items()}


def test_kg_query_on_a_store_imports_neither_rdflib_nor_networkx(tmp_path):
    """The store path is what makes ``kg query`` start fast: importing rdflib or networkx
    alone takes longer than the query."""
    import subprocess
    import sys

    from kg.export import save_files
    from tests.test_store import graph

    save_files(graph(), [], tmp_path, formats=("ttl",))
    code = ("import sys; from click.testing import CliRunner; from kg.cli import cli; "
            f"r = CliRunner().invoke(cli, ['query', {str(tmp_path)!r}, 'connected', '--format', 'csv']); "
            "print(r.output); print(sorted(m for m in ('rdflib', 'networkx', 'spacy') if m in sys.modules))")
    lines = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.splitlines()
    assert lines[0] == "name,type,facts" and lines[1].startswith("Anna,PERSON,2")
    assert lines[-1] == "[]"


def test_lateral_groups_give_rdflib_the_same_join():
    g = Graph().parse(data='<urn:a> <urn:p> <urn:b> . <urn:b> <urn:q> "x" . <urn:c> <urn:q> "y" .',
                      format="turtle")
    lateral = "SELECT ?v WHERE { ?s <urn:p> ?o LATERAL { ?o <urn:q> ?v } }"
    assert run_query(g, lateral).rows == [("x",)]


def test_stored_fact_counts_are_what_grouping_the_statements_gives(seeds_out):
    """``connected`` reads each entity's kgv:factCount; counting its distinct statements
    (what the query did before, 0.45 s at a million triples) gives the same figure for all."""
    import kg
    from kg.queries import named_query

    graph = kg.load(seeds_out)
    grouped = graph.query("""SELECT ?e (COUNT(DISTINCT ?fact) AS ?n) WHERE {
        { ?fact rdf:subject ?e } UNION { ?fact rdf:object ?e }
        ?e kgv:entityType ?type FILTER (?type != "CONCEPT") } GROUP BY ?e""").rows
    stored = graph.query("SELECT ?e ?n WHERE { ?e kgv:factCount ?n }").rows
    assert len(grouped) > 30 and sorted(stored) == sorted(grouped)
    # connected: the top 20 named entities by facts, then by name
    labelled = graph.query("SELECT ?name ?n WHERE { ?e kgv:factCount ?n ; rdfs:label ?name }").rows
    top = sorted(labelled, key=lambda row: (-row[1], row[0]))[:20]
    assert top == [(name, facts) for name, _, facts in graph.query(named_query("connected").sparql).rows]
