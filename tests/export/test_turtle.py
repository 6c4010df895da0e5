"""graph.ttl's Turtle writer: whatever the triples, Oxigraph and rdflib read back exactly
the triples it was given, and each subject's triples make one block."""

import pyoxigraph as ox
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.export.rdf import _from_rdflib, _nq
from kg.export.turtle import header, subject_blocks, turtle_text

CASES = settings(max_examples=60, derandomize=True, deadline=None, database=None,
                 suppress_health_check=list(HealthCheck))
NAMESPACES = ["https://w3id.org/kg-news/entity/", "https://w3id.org/kg-news/event/",
              "https://schema.org/", "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "http://example.org/"]
# local names a prefixed name can and cannot carry: dots, slashes, digits first, non-ASCII, "%"
LOCALS = st.one_of(st.sampled_from(["type", "Person", "a.b", "end.", "x/y/1-2", "1st", "-x", "Erdoğan",
                                    "100%25", "", "a_b", "/lead"]),
                   st.text(alphabet="ab9_./-é", min_size=0, max_size=8))
IRIS = st.builds(lambda namespace, local: rdflib.URIRef(namespace + local), st.sampled_from(NAMESPACES), LOCALS)
XSD = "http://www.w3.org/2001/XMLSchema#"
LITERALS = st.one_of(
    st.builds(rdflib.Literal, st.text(max_size=10)),
    st.builds(lambda text: rdflib.Literal(text, lang="en"), st.text(max_size=6)),
    st.builds(lambda lexical, kind: rdflib.Literal(lexical, datatype=rdflib.URIRef(XSD + kind)),
              st.sampled_from(["3", "-12", "+4", "0.5", ".5", "true", "false", "1e3", "x", "2024-03-03", ""]),
              st.sampled_from(["integer", "decimal", "boolean", "date", "string"])))
TRIPLES = st.lists(st.tuples(IRIS, IRIS, st.one_of(IRIS, LITERALS)), min_size=1, max_size=25)


def _ntriples(triples) -> list[str]:
    cache: dict = {}
    return sorted({" ".join(_nq(_from_rdflib(term), cache) for term in triple) for triple in triples})


@CASES
@given(TRIPLES)
def test_turtle_reads_back_as_the_triples_it_was_given(triples):
    lines = _ntriples(triples)
    text = turtle_text(lines)
    expected = set(ox.parse("".join(f"{line} .\n" for line in lines), format=ox.RdfFormat.N_TRIPLES))
    assert set(ox.parse(text, format=ox.RdfFormat.TURTLE)) == expected
    read = rdflib.Graph().parse(data=text, format="turtle")
    assert set(read) == set(rdflib.Graph().parse(data="".join(f"{line} .\n" for line in lines), format="nt"))


@CASES
@given(TRIPLES)
def test_each_subject_is_one_block_that_stands_alone(triples):
    lines = _ntriples(triples)
    blocks = subject_blocks(lines)
    assert list(blocks) == sorted({line.split(" ", 1)[0] for line in lines})
    for subject, block in blocks.items():  # a block parses by itself into its subject's triples
        own = [line for line in lines if line.split(" ", 1)[0] == subject]
        assert set(ox.parse(header() + block, format=ox.RdfFormat.TURTLE)) == \
            set(ox.parse("".join(f"{line} .\n" for line in own), format=ox.RdfFormat.N_TRIPLES))


def test_prefixed_names_and_bare_literals_where_turtle_allows_them():
    text = turtle_text(_ntriples([
        (rdflib.URIRef("https://w3id.org/kg-news/event/e/mention/a/1-2"),
         rdflib.URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
         rdflib.URIRef("https://schema.org/Event")),
        (rdflib.URIRef("https://w3id.org/kg-news/event/e/mention/a/1-2"),
         rdflib.URIRef("https://schema.org/position"), rdflib.Literal(3)),
        (rdflib.URIRef("https://w3id.org/kg-news/event/e/mention/a/1-2"),
         rdflib.URIRef("https://schema.org/name"), rdflib.Literal("end.")),
        (rdflib.URIRef("https://w3id.org/kg-news/entity/end."),
         rdflib.URIRef("https://schema.org/name"), rdflib.Literal("x")),
    ]))
    body = text[len(header()):]
    assert "ev:e\\/mention\\/a\\/1-2 a schema:Event ;" in body
    assert "schema:position 3 ." in body
    assert "<https://w3id.org/kg-news/entity/end.>" in body  # a final dot can't end a local name
