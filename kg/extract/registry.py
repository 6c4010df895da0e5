"""The extractor registry: extractors by name, one signature, looked up once.

An extractor is ``f(doclike: Doc | Span) -> Iterator[Extraction]``. Adding one is a module
with a ``@register_extractor("name")`` function; other packages can register theirs through
the ``kg_extractors`` entry point group (catalogue). This module imports no extractor and
no spaCy, so extractors import it without a cycle; the built-in ones (``openie``,
``nominal``) are imported on the first lookup.

>>> get_extractor("nominal").__name__
'nominal_tuples'
>>> sorted(EXTRACTORS.get_all())
['nominal', 'openie']
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import catalogue

from kg.errors import UNKNOWN_EXTRACTOR, KgError
from kg.types import Extraction

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

Extractor = Callable[["Doc | Span"], Iterator[Extraction]]

__all__ = ["EXTRACTORS", "Extractor", "DEFAULT_EXTRACTORS", "BUILTIN_MODULES",
           "register_extractor", "get_extractor", "check_extractors", "extract_tuples"]

EXTRACTORS = catalogue.create("kg", "extractors", entry_points=True)
DEFAULT_EXTRACTORS = ("openie", "nominal")
BUILTIN_MODULES = ("kg.extract.openie",)  # modules whose import registers kg's own extractors

# Lookups are cached: catalogue scans every installed package's entry points on each get,
# which cost more per article than some extractors do.
_RESOLVED: dict[str, Extractor] = {}


def register_extractor(name: str) -> Callable[[Extractor], Extractor]:
    """Decorator registering an extractor function under ``name`` (README: "Adding an
    extractor" has a worked example)."""
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
    _load_builtins()
    try:
        _RESOLVED[name] = EXTRACTORS.get(name)
        return _RESOLVED[name]
    except catalogue.RegistryError:
        available = ", ".join(sorted(EXTRACTORS.get_all()))
        raise KgError(UNKNOWN_EXTRACTOR.format(name=name, available=available)) from None


def check_extractors(names) -> tuple[str, ...]:
    """``names`` as a tuple, each checked to be registered (a typo fails before parsing).

    >>> check_extractors(["openie"])
    ('openie',)
    """
    names = tuple(names)
    for name in names:
        if name not in DEFAULT_EXTRACTORS:  # kg's own are known without loading spaCy
            get_extractor(name)
    return names


def extract_tuples(doclike: Doc | Span, *, extractors: tuple[str, ...] = DEFAULT_EXTRACTORS
                   ) -> Iterator[Extraction]:
    """All tuples the named extractors find in ``doclike``, in extractor order."""
    for name in extractors:
        yield from get_extractor(name)(doclike)


def _load_builtins() -> None:
    for module in BUILTIN_MODULES:
        importlib.import_module(module)
