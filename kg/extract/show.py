"""What the extractors find, before entity linking: for ``kg extract ARTICLE…`` and
:func:`kg.extract_sentence`. Both render a tuple with :func:`tuple_record`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

from kg.extract.registry import DEFAULT_EXTRACTORS, extract_tuples
from kg.types import Extraction

__all__ = ["fact_json_lines", "extract_sentence", "sentence_lines", "tuple_record"]


def sentence_lines(path: str | Path) -> list[str]:
    """The non-blank lines of a one-sentence-per-line file (UTF-8, checked like articles).

    >>> import tempfile; f = Path(tempfile.mkdtemp()) / "s.txt"
    >>> _ = f.write_text("Ann met Bob.\\n\\n  \\nBob left.\\n")
    >>> sentence_lines(f)
    ['Ann met Bob.', 'Bob left.']
    """
    from kg.read import decode

    path = Path(path)
    return [line.rstrip("\r") for line in decode(path, path.read_bytes()).split("\n") if line.strip()]


def fact_json_lines(paths: Iterable[str | Path]) -> Iterator[str]:
    """One JSON object per Open IE tuple: article, sentence, relation, lemma, args, flags.

    >>> json.loads(next(fact_json_lines(["seeds"])))["article"]
    '000_6d041615ef92627e'
    """
    from kg.parse import parse_articles
    from kg.read import read_articles

    for article, doc in parse_articles(read_articles(paths)):
        for extraction in extract_tuples(doc):
            record = {"article": article.id, **asdict(extraction),
                      **tuple_record(article.parse_text(), extraction)}
            yield json.dumps(record, ensure_ascii=False)


def extract_sentence(text: str, *, extractors: Iterable[str] = DEFAULT_EXTRACTORS) -> list[dict]:
    """What the extractors find in a sentence (or a paragraph), before entity linking.

    One dict per Open IE tuple: ``relation`` as written, its ``lemma``, ``arg1``, ``arg2``,
    ``extras`` (``[role, text]`` pairs), ``negated``, ``modality``, ``attribution``,
    ``confidence`` and the ``pattern`` that matched. Loads the English model on first use.

    >>> [(t["arg1"], t["lemma"], t["arg2"]) for t in extract_sentence("Erdoğan met Putin.")]
    [('Erdoğan', 'meet', 'Putin')]
    """
    from kg.parse import load_nlp

    doc = load_nlp()(text)
    keys = ("relation", "lemma", "negated", "modality", "confidence", "pattern")
    return [{"sentence": record["sentence"], **{k: getattr(t, k) for k in keys},
             **{k: record[k] for k in ("arg1", "arg2", "extras", "attribution")}}
            for t in extract_tuples(doc, extractors=tuple(extractors))
            for record in [tuple_record(text, t)]]


def tuple_record(text: str, extraction: Extraction) -> dict:
    """The parts of an Open IE tuple that are spans of ``text``, as strings.

    >>> from kg.types import Phrase
    >>> t = Extraction((0, 9), "met", "meet", Phrase("      Ann", 0, 9, (6, 9)))
    >>> tuple_record("      Ann met.", t)["arg1"]
    'Ann'
    """
    # Phrases keep their whitespace (offsets stay exact); a reader wants the words only, not
    # the line breaks after a headline or the spaces that hide a date marker.
    start, end = extraction.sentence
    return {"sentence": _words(text[start:end]),
            "arg1": _words(extraction.arg1.text) if extraction.arg1 else None,
            "arg2": _words(extraction.arg2.text) if extraction.arg2 else None,
            "extras": [[role, _words(phrase.text)] for role, phrase in extraction.extras],
            "attribution": _words(extraction.attribution.text) if extraction.attribution else None}


def _words(text: str) -> str:
    return " ".join(text.split())
