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
from dataclasses import asdict
from pathlib import Path
from typing import TextIO

from kg.types import Article, ArticleFacts, Fact, Mention


def write_facts(articles: Iterable[ArticleFacts], stream: TextIO) -> None:
    """One line per article: ``{"article": …, "mentions": […], "facts": […], "corefs": […]}``."""
    for item in articles:
        stream.write(json.dumps(asdict(item), ensure_ascii=False) + "\n")


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
            [_fact(f) for f in data["facts"]],
            [(_mention(a), _mention(b)) for a, b in data.get("corefs", [])]))
    return result


def _mention(data: dict) -> Mention:
    return Mention(**{**data, "sentence": tuple(data["sentence"])})


def _fact(data: dict) -> Fact:
    return Fact(**{**data, "subject": _mention(data["subject"]), "object": _mention(data["object"]),
                   "sentence": tuple(data["sentence"])})
