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
