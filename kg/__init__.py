"""kg: build a knowledge graph of who did what to whom, when, from news articles.

>>> import kg
>>> g = kg.build(["seeds/"])                                 # doctest: +SKIP
>>> g.facts(subject="Erdoğan", relation="meet")              # doctest: +SKIP
>>> kg.to_dataframe(g.facts(subject="Erdoğan"), evidence=True)  # doctest: +SKIP
>>> g.query("SELECT ?o WHERE { ?s rdfs:label ?n ; kg:meet ?o }", n="Erdoğan")  # doctest: +SKIP
"""

from kg import export, extract, read
from kg.errors import InputError, KgError, QueryError
from kg.graph import KnowledgeGraph, build, load
from kg.explore import extract_sentence, to_dataframe
from kg.query import QueryResult
from kg.types import Article, Entity, Extraction, Fact, Mention

__all__ = ["build", "load", "KnowledgeGraph", "to_dataframe", "extract_sentence", "Article",
           "Entity", "Extraction", "Fact", "Mention", "QueryResult", "KgError", "InputError",
           "QueryError"]
__version__ = "0.1.0"
