"""Extract stage: a parsed Doc -> Open IE tuples -> facts between entity mentions.

Extractors are registered by name in :mod:`kg.extract.registry` (``EXTRACTORS``) and share
one signature, ``f(doclike: Doc | Span) -> Iterator[Extraction]``; adding one is one module
with a ``@register_extractor("name")`` function. :func:`extract_article` (in
:mod:`kg.extract.link`) runs the chosen extractors over an article's Doc and links their
arguments to entity mentions.

The names below stay importable from here, loaded on first use: importing a submodule such
as :mod:`kg.extract.relations` must not load spaCy and every extractor.

>>> from kg.extract import EXTRACTORS
>>> sorted(EXTRACTORS.get_all())
['nominal', 'openie']
"""

from __future__ import annotations

import importlib

_REGISTRY_NAMES = ("EXTRACTORS", "Extractor", "register_extractor", "get_extractor",
                   "check_extractors", "extract_tuples", "DEFAULT_EXTRACTORS")

__all__ = [*_REGISTRY_NAMES, "extract_article"]


def __getattr__(name: str):
    if name in _REGISTRY_NAMES:
        registry = importlib.import_module("kg.extract.registry")
        registry._load_builtins()  # asking the package for its extractors means all of them
        value = getattr(registry, name)
    elif name == "extract_article":
        value = importlib.import_module("kg.extract.link").extract_article
    else:
        raise AttributeError(f"module 'kg.extract' has no attribute {name!r}")
    globals()[name] = value
    return value
