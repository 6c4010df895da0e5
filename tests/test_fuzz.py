"""Property-based fuzzing: reading, extraction, resolution and export over arbitrary Unicode
and arbitrary JSONL records. No exception escapes, and every output is valid: graph.json
loads, graph.ttl parses in rdflib and in pyoxigraph, mentions' offsets point at their text.

Derandomized with a fixed number of examples, so it runs the same cases in well under a
minute everywhere.
"""

import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import kg
from kg.export.json import graph_from_json, write_json
from kg.export.rdf import write_turtle
from kg.read import decode, read_articles

FUZZ = settings(max_examples=20, derandomize=True, deadline=None, database=None,
                suppress_health_check=list(HealthCheck))

# words that make entities and facts, mixed with anything Unicode has
WORDS = st.sampled_from(["Angela Merkel", "met", "Emmanuel Macron", "in", "Paris", ".", "\n",
                         "Erdoğan", "said", "Moscow", "Mos\u200bcow", "\u202e", "\ud800", "\u2028",
                         "\t", "\"", "<script>", "date 2020-03-02", "Accessibility links"])
TEXT = st.lists(st.one_of(WORDS, st.text(max_size=12)), min_size=1, max_size=30).map(" ".join)
JSON_VALUE = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
                          lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
                          max_leaves=6)
RECORD = st.fixed_dictionaries({"text": st.one_of(TEXT, JSON_VALUE)},
                               optional={"id": st.one_of(st.text(max_size=15), JSON_VALUE),
                                         "url": st.one_of(st.text(max_size=30), JSON_VALUE),
                                         "title": JSON_VALUE, "date": JSON_VALUE})


@FUZZ
@given(data=st.binary(max_size=300))
def test_any_bytes_decode_or_give_a_one_line_reason(data):
    try:
        decode(Path("x.txt"), data)
    except kg.KgError as err:
        assert "\n" not in str(err)


@FUZZ
@given(lines=st.lists(st.one_of(RECORD.map(lambda r: json.dumps(r, ensure_ascii=False)), st.text(max_size=40)),
                      min_size=1, max_size=6))
def test_any_jsonl_reads_without_an_exception(lines):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "feed.jsonl"
        path.write_bytes("\n".join(lines).encode("utf-8", "surrogatepass"))
        problems = []
        for article in read_articles([path], on_error=problems.append):
            article.text.encode("utf-8")  # exportable
            assert article.id and "\t" not in article.id and "\n" not in article.id
        assert all("\n" not in str(p) for p in problems)


@pytest.fixture(scope="module")
def nlp():
    from kg.parse import load_nlp

    return load_nlp()


@FUZZ
@given(texts=st.lists(TEXT, min_size=1, max_size=3))
def test_any_text_builds_a_valid_graph(nlp, texts):
    import pyoxigraph
    import rdflib

    g = kg.build([kg.read.text_article(text) for text in texts], jobs=1)  # a bare word would be a path
    G = g.to_networkx()
    buffer = io.StringIO()
    write_json(G, buffer)
    assert graph_from_json(buffer.getvalue()).number_of_nodes() == G.number_of_nodes()
    turtle = io.StringIO()
    write_turtle(G, turtle)
    rdflib.Graph().parse(data=turtle.getvalue(), format="turtle")
    pyoxigraph.Store().load(turtle.getvalue().encode(), format=pyoxigraph.RdfFormat.TURTLE)
    articles = {a.article.id: a.article.text for a in g._articles.values()}
    for article, start, end, surface, node in g.mention_rows():
        assert articles[article][start:end] == surface and node in G
