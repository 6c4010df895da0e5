"""What ``kg.build`` and ``KnowledgeGraph.add`` read: paths, article text or Article objects.

>>> [(a.id, a.date) for a in read_inputs("date 2020-03-05 Erdoğan met Putin.")]
[('text-18048c3538', '2020-03-05')]
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.read import SUFFIXES, read_articles, text_article
from kg.types import Article

Input = str | Path | Article

__all__ = ["Input", "read_inputs"]


def read_inputs(inputs: Input | Iterable[Input], *,
                on_error: Callable[[InputError], None] | None = None) -> Iterator[Article]:
    """The articles ``kg.build`` reads from ``inputs``: paths (files or folders), article
    text, or :class:`~kg.types.Article` objects, so you can check ids and dates first.

    A string with a line break, or with spaces and no look of a path, is an article's text;
    its id is a digest of the text, so adding it twice adds nothing. Files, JSONL lines and
    strings share one length limit (:func:`kg.hygiene.max_chars`): a longer one is cut and
    reported to ``on_error``, or raises :class:`InputError` when there is none.

    >>> [a.id for a in read_inputs(["Putin arrived in Pyongyang.", Article("x", "Hi.")])]
    ['text-9bc7626493', 'x']
    """
    if isinstance(inputs, (str, Path, Article)):
        inputs = [inputs]
    for item in inputs:
        if isinstance(item, Article):
            yield item
        elif isinstance(item, str) and _is_text(item):
            yield text_article(item, on_error)
        else:
            yield from read_articles([item], on_error=on_error)


def _is_text(item: str) -> bool:
    # a typo'd folder name must fail as a missing path, not become an article
    looks_like_path = item.endswith(("/", "\\")) or Path(item).suffix.lower() in SUFFIXES
    return "\n" in item or " " in item.strip() and not looks_like_path and not _exists(item)


def _exists(item: str) -> bool:
    try:
        return Path(item).exists()
    except (OSError, ValueError):  # too long or NUL: not a path
        return False
