"""SPARQL over a graph's RDF, with kg's prefixes pre-declared: on an Oxigraph store (the
default, in process) or on an rdflib graph (the fallback); both give the same rows.

Bindings are passed as RDF values, never pasted into the query: ``name="Putin"`` binds
``?name`` to the literal "Putin" whatever quotes or braces it holds. A query that calls out
to another endpoint (``SERVICE``) is refused unless ``allow_service=True``: a query read from
a file or a web form must not make kg fetch from the network.

>>> import networkx as nx
>>> from kg.export.rdf import to_rdf
>>> G = nx.MultiDiGraph(); G.add_node("putin", label="Putin", type="PERSON", aliases=["Putin"])
>>> run_query(to_rdf(G), "SELECT ?name WHERE { ?e rdfs:label ?name }").rows
[('Putin',)]
>>> run_query(to_rdf(G), "SELECT * WHERE { SERVICE <http://x.org/sparql> { ?s ?p ?o } }")
Traceback (most recent call last):
kg.errors.QueryError: SPARQL error: SERVICE calls another endpoint; pass allow_service=True (--allow-service) to let it
"""

from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass

from kg.errors import BAD_QUERY, QueryError

FORMATS = ("table", "csv", "json")
XSD = "http://www.w3.org/2001/XMLSchema#"
_INTEGERS = {"integer", "int", "long", "short", "byte", "nonNegativeInteger", "positiveInteger",
             "nonPositiveInteger", "negativeInteger", "unsignedLong", "unsignedInt",
             "unsignedShort", "unsignedByte"}
# Strings, IRIs and comments are skipped; SERVICE as a keyword (not ?service, ex:service).
_SERVICE = re.compile(r'("""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'
                      r"'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|#[^\n]*)|(?<![\w?$:])SERVICE\b",
                      re.IGNORECASE)
# Braces and the LATERAL keyword (SPARQL 1.2: Oxigraph has it, rdflib not), outside strings etc.
_BRACES = re.compile(_SERVICE.pattern.replace(r"SERVICE\b", r"LATERAL\b|[{}]"), re.IGNORECASE)
NO_SERVICE = "SERVICE calls another endpoint; pass allow_service=True (--allow-service) to let it"


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


def calls_service(sparql: str) -> bool:
    """Whether ``sparql`` uses the SERVICE keyword (outside strings, IRIs and comments).

    >>> calls_service('SELECT * { ?s ?p "SERVICE" } # SERVICE'), calls_service("SELECT * { service <u> {} }")
    (False, True)
    """
    return any(m.group(1) is None for m in _SERVICE.finditer(sparql))


def run_query(graph, sparql: str, *, allow_service: bool = False, **bindings) -> QueryResult:
    """Run a SELECT/ASK query on a ``pyoxigraph.Store`` or an ``rdflib.Graph``;
    ``bindings`` pre-bind variables (``name="Putin"``).

    Raises:
        QueryError: the query doesn't parse, can't be evaluated, or calls SERVICE.
    """
    if not allow_service and calls_service(sparql):
        raise QueryError(BAD_QUERY.format(reason=NO_SERVICE))
    try:
        if type(graph).__module__.startswith("pyoxigraph"):
            return _run_oxigraph(graph, sparql, bindings)
        return _run_rdflib(graph, sparql, bindings)
    except QueryError:
        raise
    except Exception as err:  # rdflib raises pyparsing and many other errors
        reason = " ".join(str(err).split()) or type(err).__name__
        raise QueryError(BAD_QUERY.format(reason=reason)) from None


def _run_rdflib(graph, sparql: str, bindings: dict) -> QueryResult:
    from rdflib import Literal, URIRef

    from kg.vocab import PREFIXES

    init = {key: value if isinstance(value, (URIRef, Literal)) else Literal(value)
            for key, value in bindings.items()}
    result = graph.query(without_lateral(sparql), initNs=PREFIXES, initBindings=init or None)
    if result.type == "ASK":
        return QueryResult(["ask"], [(bool(result.askAnswer),)])
    if result.type != "SELECT":
        raise QueryError(BAD_QUERY.format(reason="only SELECT and ASK queries print rows"))
    return QueryResult([str(var) for var in result.vars],
                       [tuple(_plain(value) for value in row) for row in result])


def without_lateral(sparql: str) -> str:
    """``sparql`` with each ``LATERAL { B }`` opened into the group around it, for rdflib,
    which can't parse LATERAL.

    ``A LATERAL { B }`` makes Oxigraph evaluate B once per solution of A (a nested-loop
    join) instead of evaluating B alone and hash-joining: the named queries use it where
    B is a few triple patterns that would otherwise be a scan of a million evidence
    triples. When B holds only triple patterns, ``A B`` is the same join, so rdflib gives
    the same rows (a LATERAL group with OPTIONAL or FILTER inside would not).

    >>> without_lateral('SELECT * { ?s ?p ?o LATERAL { ?o ?q "}" } ?o ?r ?t }')
    'SELECT * { ?s ?p ?o .  ?o ?q "}" .  ?o ?r ?t }'
    """
    tokens = list(_BRACES.finditer(sparql))
    cut: list[tuple[int, int]] = []
    for i, match in enumerate(tokens):
        if match.group(1) is not None or match.group(0).upper() != "LATERAL":
            continue
        depth = 0
        for j in range(i + 1, len(tokens)):
            text = tokens[j].group(0)
            if tokens[j].group(1) is not None or text.upper() == "LATERAL":
                continue
            depth += 1 if text == "{" else -1
            if j == i + 1 and text != "{":
                break  # LATERAL not followed by a group: leave the text to the parser
            if depth == 0:
                cut += [(match.start(), tokens[i + 1].end()), (tokens[j].start(), tokens[j].end())]
                break
    for start, end in sorted(cut, reverse=True):  # a "." keeps the triples on both sides apart
        before = sparql[:start].rstrip()
        sparql = before + (" " if before.endswith((".", "{", "}")) else " . ") + sparql[end:]
    return sparql


def _plain(value):
    from rdflib import Literal

    if value is None:
        return None
    if isinstance(value, Literal):
        python = value.toPython()  # a Literal itself (a str subclass) when rdflib can't convert
        plain = isinstance(python, (int, float, bool, str)) and not isinstance(python, Literal)
        return python if plain else str(value)
    return str(value)


def _run_oxigraph(store, sparql: str, bindings: dict) -> QueryResult:
    import pyoxigraph as ox

    from kg.prefixes import PREFIXES

    options = {"prefixes": PREFIXES}
    values = {ox.Variable(key): oxigraph_term(value) for key, value in bindings.items()}
    try:
        result = store.query(sparql, substitutions=values or None, **options)
    except RuntimeError as err:
        if "projection" not in str(err):
            raise
        # Oxigraph substitutes projected variables only: bind the others with a VALUES block
        # (terms serialized by pyoxigraph) opening the WHERE group, as rdflib binds them.
        block = "".join(f" VALUES ?{var.value} {{ {term} }}" for var, term in values.items())
        result = store.query(_open_with(sparql, block), **options)
    if isinstance(result, ox.QueryBoolean):
        return QueryResult(["ask"], [(bool(result),)])
    if not isinstance(result, ox.QuerySolutions):
        raise QueryError(BAD_QUERY.format(reason="only SELECT and ASK queries print rows"))
    columns = [var.value for var in result.variables]
    return QueryResult(columns, [tuple(map(oxigraph_value, row)) for row in result])


_TOKENS = re.compile(r'("""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'
                     r"'(?:[^'\\\n]|\\.)*'|<[^<>\"{}|^`\\\s]*>|#[^\n]*)|\{")


def _open_with(sparql: str, block: str) -> str:
    """``sparql`` with ``block`` put just inside its first group (the WHERE clause).

    >>> _open_with('SELECT ?x WHERE { ?x <urn:p> "{" }', " VALUES ?y { 1 }")
    'SELECT ?x WHERE { VALUES ?y { 1 } ?x <urn:p> "{" }'
    """
    for match in _TOKENS.finditer(sparql):
        if match.group(1) is None:
            return sparql[:match.end()] + block + sparql[match.end():]
    return sparql


def oxigraph_term(value):
    """A pyoxigraph term for a Python value, rdflib term or pyoxigraph term.

    >>> str(oxigraph_term('say "hi" }')), str(oxigraph_term(3))
    ('"say \\\\"hi\\\\" }"', '"3"^^<http://www.w3.org/2001/XMLSchema#integer>')
    """
    import pyoxigraph as ox

    if type(value).__module__.startswith("pyoxigraph"):
        return value
    if isinstance(value, str) and type(value) is str:  # the common case, without rdflib
        return ox.Literal(value)
    from rdflib import BNode, Literal, URIRef

    if isinstance(value, URIRef):
        return ox.NamedNode(str(value))
    if isinstance(value, BNode):
        return ox.BlankNode(str(value))
    if not isinstance(value, Literal):
        value = Literal(value)
    if value.language:
        return ox.Literal(str(value), language=value.language)
    if value.datatype:
        return ox.Literal(str(value), datatype=ox.NamedNode(str(value.datatype)))
    return ox.Literal(str(value))


def oxigraph_value(term):
    """The plain Python value rdflib's path gives for the same term (see :func:`_plain`)."""
    if term is None:
        return None
    datatype = getattr(term, "datatype", None)
    if datatype is not None and datatype.value.startswith(XSD):
        kind = datatype.value[len(XSD):]
        try:
            if kind in _INTEGERS:
                return int(term.value)
            if kind in ("double", "float"):
                return float(term.value)
        except ValueError:
            return term.value
        if kind == "boolean":
            return term.value in ("true", "1")
    return term.value


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
