"""facts.jsonl: every article's extracted mentions and facts, one JSON object per line.

It lets a saved graph grow: ``kg.load(OUT).add(more)`` re-resolves old and new articles
together without parsing the old ones again.

>>> import io
>>> from kg.types import Article, ArticleFacts, Mention
>>> a = ArticleFacts(Article("a1", "Putin spoke."), [Mention("a1", 0, 5, "Putin", "PERSON")])
>>> buf = io.StringIO(); write_facts([a], buf)
>>> facts_from_lines(buf.getvalue().splitlines())[0] == a
True
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from pathlib import Path
from typing import TextIO

from kg.types import Article, ArticleFacts, Fact, Mention


def write_facts(articles: Iterable[ArticleFacts], stream: TextIO) -> None:
    """One line per article: ``{"article": …, "mentions": […], "facts": […]}``."""
    for item in articles:
        stream.write(json.dumps(plain(item), ensure_ascii=False) + "\n")


_FIELDS: dict[type, tuple[str, ...]] = {}


def plain(value):
    """``value`` as JSON-ready lists and dicts: what ``dataclasses.asdict`` gives for kg's
    records, without its deep copy of every leaf (a third of the save time on 50 articles).

    >>> from kg.types import Mention
    >>> plain([Mention("a1", 0, 5, "Putin", "PERSON")])[0]["sentence"]
    [0, 0]
    """
    kind = type(value)
    if kind in (str, int, float, bool) or value is None:
        return value
    if kind in (list, tuple):
        return [plain(item) for item in value]
    if kind is dict:
        return {key: plain(item) for key, item in value.items()}
    names = _FIELDS.get(kind)
    if names is None:
        if not is_dataclass(value):
            raise TypeError(f"cannot write {kind.__name__} to facts.jsonl")
        names = _FIELDS[kind] = tuple(f.name for f in fields(value))
    return {name: plain(getattr(value, name)) for name in names}


def read_facts(path: str | Path) -> list[ArticleFacts]:
    """Articles written by :func:`write_facts` (an empty list when the file is missing)."""
    path = Path(path)
    if not path.is_file():
        return []
    return facts_from_lines(path.read_text(encoding="utf-8").split("\n"))  # not splitlines: U+2028 is text


def facts_from_lines(lines: Iterable[str]) -> list[ArticleFacts]:
    result = []
    for line in lines:
        if not line.strip():
            continue
        data = json.loads(line)
        article = data["article"]
        article["masked"] = tuple(tuple(span) for span in article.get("masked", ()))
        result.append(ArticleFacts(
            Article(**article),
            [_mention(m) for m in data["mentions"]],
            [_fact(f) for f in data["facts"]]))  # an older file's "corefs" (never filled) is ignored
    return result


def _mention(data: dict) -> Mention:
    return Mention(**{**data, "sentence": tuple(data["sentence"])})


def _fact(data: dict) -> Fact:
    return Fact(**{**data, "subject": _mention(data["subject"]), "object": _mention(data["object"]),
                   "sentence": tuple(data["sentence"])})
