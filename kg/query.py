"""SPARQL over a graph's RDF, with kg's prefixes pre-declared.

>>> import networkx as nx
>>> from kg.export.rdf import to_rdf
>>> G = nx.MultiDiGraph(); G.add_node("putin", label="Putin", type="PERSON", aliases=["Putin"])
>>> run_query(to_rdf(G), "SELECT ?name WHERE { ?e rdfs:label ?name }").rows
[('Putin',)]
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.query import Result

from kg.errors import BAD_QUERY, QueryError
from kg.vocab import PREFIXES

FORMATS = ("table", "csv", "json")


@dataclass(slots=True)
class QueryResult:
    """Column names and rows of plain Python values (str, int, float, bool, None)."""

    columns: list[str]
    rows: list[tuple]

    def to_dataframe(self):
        """The rows as a pandas DataFrame (needs pandas)."""
        import pandas as pd

        return pd.DataFrame(self.rows, columns=self.columns)

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


def run_query(graph: Graph, sparql: str, **bindings) -> QueryResult:
    """Run a SELECT/ASK query; ``bindings`` pre-bind variables (``name="Putin"``).

    Raises:
        QueryError: the query doesn't parse or can't be evaluated.
    """
    init = {key: value if isinstance(value, (URIRef, Literal)) else Literal(value)
            for key, value in bindings.items()}
    try:
        result: Result = graph.query(sparql, initNs=PREFIXES, initBindings=init or None)
        if result.type == "ASK":
            return QueryResult(["ask"], [(bool(result.askAnswer),)])
        if result.type != "SELECT":
            raise QueryError(BAD_QUERY.format(reason="only SELECT and ASK queries print rows"))
        columns = [str(var) for var in result.vars]
        rows = [tuple(_plain(value) for value in row) for row in result]
    except QueryError:
        raise
    except Exception as err:  # rdflib raises pyparsing and many other errors
        reason = " ".join(str(err).split()) or type(err).__name__
        raise QueryError(BAD_QUERY.format(reason=reason)) from None
    return QueryResult(columns, rows)


def _plain(value):
    if value is None:
        return None
    if isinstance(value, Literal):
        python = value.toPython()
        # a Literal is a str too: gYearMonth/gYear have no Python type and stay Literals
        return python if isinstance(python, (int, float, bool, str)) and not isinstance(python, Literal) \
            else str(value)
    return str(value)


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """Render rows as an aligned text table, CSV or JSON (a list of objects).

    >>> print(format_result(QueryResult(["name", "n"], [("Putin", 3)]), "csv").strip())
    name,n
    Putin,3
    """
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(result.columns)
        writer.writerows(["" if v is None else v for v in row] for row in result.rows)
        return buffer.getvalue()
    if fmt == "json":
        return json.dumps([dict(zip(result.columns, row)) for row in result.rows],
                          ensure_ascii=False, indent=1) + "\n"
    cells = [result.columns] + [["" if v is None else str(v) for v in row] for row in result.rows]
    widths = [max(len(" ".join(row[i].split())) for row in cells) for i in range(len(result.columns))]
    lines = []
    for n, row in enumerate(cells):
        lines.append("  ".join(" ".join(c.split()).ljust(w) for c, w in zip(row, widths)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines) + "\n"
