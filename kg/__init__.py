"""kg: build a knowledge graph of who did what to whom, when, from news articles.

>>> import kg
>>> g = kg.build(["seeds/"])                     # doctest: +SKIP
>>> g.facts(subject="Erdoğan", relation="meet")  # doctest: +SKIP
"""

from kg import export, extract, read
from kg.errors import InputError, KgError, QueryError
from kg.graph import KnowledgeGraph, build, load
from kg.query import QueryResult
from kg.types import Article, Entity, Extraction, Fact, Mention

__all__ = ["build", "load", "KnowledgeGraph", "Article", "Entity", "Extraction", "Fact",
           "Mention", "QueryResult", "KgError", "InputError", "QueryError"]
__version__ = "0.1.0"
