"""Verbs of saying and reporting: kept in :mod:`kg.extract.wordlists`, re-exported here."""

from kg.extract.wordlists import SPEECH_VERBS  # noqa: F401
