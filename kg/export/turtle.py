"""graph.ttl's Turtle, written in one pass over sorted N-Triples triples.

graph.ttl is the graph's triples in sorted N-Triples order, so the same graph gives the
same bytes however it was built. Sorted triples come grouped by subject (a subject term
ends at its first space, which no IRI holds), so each subject's triples become one block:
the subject, its predicates separated by ``;``, a predicate's objects by ``,``. A block
depends on nothing but its subject's triples, which is what lets an update rewrite only
the subjects it touched (:func:`kg.export.quadcache.render_turtle`).

Every N-Triples term is a Turtle term already; this only shortens IRIs to prefixed names
where the local part is plainly a valid one, and writes ``rdf:type`` as ``a``. Oxigraph's
serializer needed its parser's Python terms in between: 447,000 triples (1,000 BBC
articles) took 0.93 s through them and peaked 294 MiB above the graph, where this takes 0.45 s
and 89 MiB.

>>> print(turtle_text(['<https://schema.org/x> <https://schema.org/name> "X"',
...                    '<https://schema.org/x> <https://schema.org/name> "Ex"@en'])[len(header()):])
schema:x schema:name "X" , "Ex"@en .
<BLANKLINE>
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from kg.prefixes import PREFIXES

RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
# A conservative subset of Turtle's PN_LOCAL: ASCII letters, digits, "_", "-", inner dots
# and "/" (written escaped, "\/"). Anything else (a non-ASCII letter, "%", a final ".")
# keeps its full <IRI>.
_LOCAL = re.compile(r"[A-Za-z0-9_](?:[A-Za-z0-9_./\-]*[A-Za-z0-9_/\-])?\Z")
ESCAPED_SLASH = "\\/"
XSD = PREFIXES["xsd"]
# Literals Turtle writes bare, by datatype: the lexical forms its grammar reads back as such.
_BARE = {f"<{XSD}integer>": re.compile(r"[+-]?[0-9]+\Z"),
         f"<{XSD}decimal>": re.compile(r"[+-]?[0-9]*\.[0-9]+\Z"),
         f"<{XSD}boolean>": re.compile(r"true\Z|false\Z")}


@cache
def header() -> str:
    """graph.ttl's ``@prefix`` lines: every prefix of :data:`kg.prefixes.PREFIXES`."""
    return "".join(f"@prefix {prefix}: <{namespace}> .\n" for prefix, namespace in PREFIXES.items())


@cache
def _namespaces() -> tuple[tuple[str, str], ...]:
    # longest first, so an IRI takes the most specific namespace that holds it
    pairs = [(namespace, prefix) for prefix, namespace in PREFIXES.items()]
    return tuple(sorted(pairs, key=lambda pair: -len(pair[0])))


def short_iri(term: str) -> str:
    """``<iri>`` as a prefixed name when one of kg's namespaces holds it and the rest is a
    plain local name, else unchanged.

    >>> short_iri("<https://schema.org/Person>"), short_iri("<https://schema.org/a/b>")
    ('schema:Person', 'schema:a\\\\/b')
    >>> short_iri("<https://schema.org/a b>")
    '<https://schema.org/a b>'
    """
    iri = term[1:-1]
    for namespace, prefix in _namespaces():
        if iri.startswith(namespace):
            local = iri[len(namespace):]
            return f"{prefix}:{local.replace('/', ESCAPED_SLASH)}" if _LOCAL.match(local) else term
    return term


def _term(term: str, shortened: dict[str, str]) -> str:
    """A subject, predicate or object term in Turtle (IRIs cached: they repeat)."""
    if term[0] == "<":
        found = shortened.get(term)
        if found is None:
            found = shortened[term] = short_iri(term)
        return found
    if term[0] == '"' and term[-1] == ">":  # typed literal: "lexical"^^<datatype>
        cut = term.rindex('"^^<')  # the datatype IRI can hold no '"', so this is its start
        bare = _BARE.get(term[cut + 3:])
        if bare is not None and bare.match(term, 1, cut):
            return term[1:cut]  # 3, not "3"^^xsd:integer
        return term[:cut + 3] + _term(term[cut + 3:], shortened)
    return term  # a plain or language-tagged literal, or a blank node: the same in Turtle


def subject_blocks(triples: Iterable[str]) -> dict[str, str]:
    """Sorted N-Triples triples (no final `` .``) as Turtle, one block per subject: the
    subject's N-Triples term -> its block, in the triples' order.

    >>> subject_blocks(["<https://schema.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
    ...                 "<https://schema.org/Thing>"])
    {'<https://schema.org/a>': 'schema:a a schema:Thing .\\n'}
    """
    shortened: dict[str, str] = {}
    predicates = {RDF_TYPE: "a"}  # "a" only as a predicate: rdf:type as subject or object stays rdf:type
    blocks: dict[str, str] = {}
    parts: list[str] = []
    subject = predicate = None
    for triple in triples:
        s, p, o = triple.split(" ", 2)
        if s != subject:
            if parts:
                parts.append(" .\n")
                blocks[subject] = "".join(parts)
                parts = []
            subject, predicate = s, p
            parts += (_term(s, shortened), " ", _term(p, predicates), " ", _term(o, shortened))
        elif p != predicate:
            predicate = p
            parts += (" ;\n\t", _term(p, predicates), " ", _term(o, shortened))
        else:
            parts += (" , ", _term(o, shortened))
    if parts:
        parts.append(" .\n")
        blocks[subject] = "".join(parts)
    return blocks


def turtle_text(triples: Iterable[str]) -> str:
    """The Turtle document of sorted N-Triples ``triples``: :func:`header`, then the blocks."""
    return header() + "".join(subject_blocks(triples).values())
