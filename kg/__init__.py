"""kg: build a knowledge graph of who did what to whom, when, from news articles.

The names below are imported on first use (PEP 562), so ``import kg`` and the ``kg``
command start fast; spaCy loads only when articles are parsed.

>>> import kg
>>> g = kg.build(["seeds/"], jobs=1)
>>> [f["object"] for f in g.facts(subject="Erdoğan", relation="meet")]
['Vladimir Putin']
>>> list(kg.to_dataframe(g.facts(subject="Erdoğan"), evidence=True).columns[:3])
['subject', 'relation', 'object']
>>> g.query("SELECT ?o WHERE { ?s rdfs:label ?n ; kg:meet ?o }", n="Recep Tayyip Erdoğan").rows
[('https://w3id.org/kg-news/entity/vladimir-putin',)]
>>> sorted(set(__all__) - set(dir(kg)))
[]
"""

from __future__ import annotations

import importlib

# public name -> the module that defines it
_HOMES = {
    "build": "kg.graph", "load": "kg.graph", "KnowledgeGraph": "kg.graph",
    "to_dataframe": "kg.frames", "extract_sentence": "kg.extract.show",
    "Article": "kg.types", "Entity": "kg.types", "Extraction": "kg.types", "Fact": "kg.types",
    "Mention": "kg.types", "QueryResult": "kg.query",
    "KgError": "kg.errors", "InputError": "kg.errors", "QueryError": "kg.errors",
}
_SUBMODULES = ("export", "extract", "read", "explore", "inputs", "rows", "frames", "graph",
               "query", "resolve", "merge", "parse", "store", "types", "errors")

__all__ = ["build", "load", "KnowledgeGraph", "to_dataframe", "extract_sentence", "Article",
           "Entity", "Extraction", "Fact", "Mention", "QueryResult", "KgError", "InputError",
           "QueryError"]
__version__ = "0.1.0"


def __getattr__(name: str):
    if name in _HOMES:
        value = getattr(importlib.import_module(_HOMES[name]), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"kg.{name}")
    else:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    globals()[name] = value  # next time, a plain lookup
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOMES) | set(_SUBMODULES))
