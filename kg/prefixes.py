"""The prefixes every query may use without declaring them, as plain IRI strings.

:mod:`kg.vocab` holds the same namespaces as rdflib terms; this table needs no rdflib, so
``kg query OUT …`` on the store never imports it (rdflib alone takes over a second to
import). ``tests/test_query.py`` checks the two agree.

>>> PREFIXES["kg"]
'https://w3id.org/kg-news/relation/'
"""

BASE = "https://w3id.org/kg-news/"
PREFIXES = {
    "kg": BASE + "relation/", "kgv": BASE + "vocab#", "ent": BASE + "entity/",
    "art": BASE + "article/", "fact": BASE + "fact/", "ev": BASE + "event/",
    "kge": BASE + "event-vocab#", "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "schema": "https://schema.org/", "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#", "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#", "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#", "wdt": "http://www.wikidata.org/prop/direct/",
}
