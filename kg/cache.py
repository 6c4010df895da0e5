"""What each article gave the last save, kept for the next one: an update redoes the work of
the articles it adds, not of the graph's.

Resolution and events run over every article, but most of their work is per article: its
local clusters (:func:`kg.resolve.coref.cluster_article`) and its event mentions
(:mod:`kg.events.mentions`, given the nodes and types of the article's mentions). A save
stores those per-article products (``OUT/.kg-articles.pickle``), each under a key of
everything it was made from: the article's facts.jsonl line (text, metadata, mentions,
facts), plus what the stage reads besides (the alias table; the article's resolved
mentions). A product is reused only when its key is the same, so it is what the stage
would compute again; the joins across articles (:func:`kg.resolve.resolve`'s groups)
run on the whole graph, and event clusters on every group of mentions an update changed
(:mod:`kg.events.groups`). The record is ignored unless this kg's code wrote it
(:func:`code_stamp`).

>>> cache = ArticleCache()
>>> cache.product("double", "a1", b"2", lambda: [2, 2])
[2, 2]
>>> ArticleCache(cache.record()).product("double", "a1", b"2", lambda: "made again")
[2, 2]
"""

from __future__ import annotations

import hashlib
import pickle
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import TypeVar

RECORD = ".kg-articles.pickle"  # in a build's folder (a dot name: no OUT/ link to it)
_LIBRARIES = ("anyascii", "rapidfuzz", "pycountry", "lemminflect", "networkx", "rdflib", "pyoxigraph")

T = TypeVar("T")


@cache
def code_stamp() -> str:
    """A digest of kg's own files (code and data) and the versions of the libraries whose
    data the stages read: a record written by any other kg is not reused."""
    from importlib.metadata import PackageNotFoundError, version

    import kg

    root = Path(kg.__file__).parent
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(root.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes())
    for name in _LIBRARIES:
        try:
            digest.update(f"{name}={version(name)}".encode())
        except PackageNotFoundError:
            digest.update(name.encode())
    return digest.hexdigest()


def digest(*parts: bytes | str) -> bytes:
    """A short digest of ``parts`` (each length-prefixed, so no two lists collide).

    >>> digest("ab", "c") == digest("a", "bc"), len(digest("ab"))
    (False, 16)
    """
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little") + data)
    return h.digest()


class ArticleCache:
    """Per-article products: those of the previous save (``record``), and those this run
    made or reused, which :meth:`record` returns for the next save."""

    def __init__(self, record: dict | None = None):
        valid = isinstance(record, dict) and record.get("stamp") == code_stamp()
        self._old: dict = record["products"] if valid else {}
        self._new: dict = {}

    def product(self, kind: str, article: str, key: bytes, make: Callable[[], T],
                valid: Callable[[T], bool] | None = None) -> T:
        """``make()``, or the product the previous save made under the same ``key`` (and that
        ``valid``, if given, accepts). A product is pickled as soon as it is made, so what
        callers later do to it is not recorded."""
        held = self._old.get((kind, article))
        if held is not None and held[0] == key:
            value = pickle.loads(held[1])
            if valid is None or valid(value):
                self._new[(kind, article)] = held
                return value
        value = make()
        self._new[(kind, article)] = (key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        return value

    def record(self) -> dict:
        """What to save: the products used in this run (a removed article's are dropped)."""
        return {"stamp": code_stamp(), "products": dict(self._new)}


def read_cache(folder: str | Path | None) -> ArticleCache:
    """The cache a build in ``folder`` saved (empty when there is none or it can't be read)."""
    if folder is None:
        return ArticleCache()
    try:
        with (Path(folder) / RECORD).open("rb") as stream:
            return ArticleCache(pickle.load(stream))
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError, ValueError):
        return ArticleCache()


def cache_bytes(cache: ArticleCache) -> bytes:
    """The file :func:`read_cache` reads."""
    return pickle.dumps(cache.record(), protocol=pickle.HIGHEST_PROTOCOL)
