"""Nominal events: nouns that name an event between participants.

``Erdoğan's visit to Moscow`` -> ``Erdoğan | visit to | Moscow`` (lemma ``visit``);
``talks between Putin and Erdoğan`` -> ``Putin | talks with | Erdoğan`` (lemma ``meet``).
"""

from __future__ import annotations

from kg.extract.openie.clauses import Clause
from kg.extract.openie.tokens import Parse


def nominal_clauses(p: Parse, lo: int, hi: int) -> list[Clause]:
    """Placeholder replaced below."""
    return []
