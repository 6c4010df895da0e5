"""Extract stage: a parsed Doc -> Open IE tuples -> facts between entity mentions.

Extractors are registered by name (``EXTRACTORS``) and share one signature,
``f(doclike: Doc | Span) -> Iterator[Extraction]``; adding one is one module with a
``@register_extractor("name")`` function, imported below. :func:`extract_article` runs the
chosen extractors over an article's Doc and links their arguments to entity mentions.

>>> sorted(EXTRACTORS.get_all())
['nominal', 'openie']
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import catalogue
from spacy.tokens import Doc, Span

from kg.errors import UNKNOWN_EXTRACTOR, KgError
from kg.types import Extraction

Extractor = Callable[[Doc | Span], Iterator[Extraction]]

EXTRACTORS = catalogue.create("kg", "extractors", entry_points=True)
DEFAULT_EXTRACTORS = ("openie", "nominal")


# Lookups are cached: catalogue scans every installed package's entry points on each get,
# which cost more per article than some extractors do.
_RESOLVED: dict[str, Extractor] = {}


def register_extractor(name: str) -> Callable[[Extractor], Extractor]:
    """Decorator registering an extractor function under ``name``."""
    _RESOLVED.pop(name, None)
    return EXTRACTORS.register(name)


def get_extractor(name: str) -> Extractor:
    """The extractor registered as ``name``; a clear error lists the available ones.

    >>> get_extractor("svoo")
    Traceback (most recent call last):
    ...
    kg.errors.KgError: unknown extractor 'svoo'; available: nominal, openie
    """
    if name in _RESOLVED:
        return _RESOLVED[name]
    try:
        _RESOLVED[name] = EXTRACTORS.get(name)
        return _RESOLVED[name]
    except catalogue.RegistryError:
        available = ", ".join(sorted(EXTRACTORS.get_all()))
        raise KgError(UNKNOWN_EXTRACTOR.format(name=name, available=available)) from None


def extract_tuples(doclike: Doc | Span, *, extractors: tuple[str, ...] = DEFAULT_EXTRACTORS
                   ) -> Iterator[Extraction]:
    """All tuples the named extractors find in ``doclike``, in extractor order."""
    for name in extractors:
        yield from get_extractor(name)(doclike)


# Registration happens on import; keep these after the registry exists.
from kg.extract import openie  # noqa: E402,F401
from kg.extract.link import extract_article  # noqa: E402

__all__ = ["EXTRACTORS", "Extractor", "register_extractor", "get_extractor",
           "extract_tuples", "extract_article", "DEFAULT_EXTRACTORS"]
