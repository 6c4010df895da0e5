"""JSON lines of what the extractors find in articles, for ``kg extract ARTICLE…``."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import asdict
from pathlib import Path

from kg.extract import extract_tuples
from kg.parse import parse_articles
from kg.read import read_articles


def fact_json_lines(paths: Iterable[str | Path]) -> Iterator[str]:
    """One JSON object per Open IE tuple: article, sentence, relation, lemma, args, flags.

    >>> next(fact_json_lines(["seeds"]))  # doctest: +SKIP
    '{"article": "000_6d041615ef92627e", "sentence": "...", "relation": "is set to meet with", ...}'
    """
    for article, doc in parse_articles(read_articles(paths)):
        for extraction in extract_tuples(doc):
            start, end = extraction.sentence
            record = {"article": article.id, "sentence": article.text[start:end].strip()}
            record.update(asdict(extraction))
            record["arg1"] = extraction.arg1.text if extraction.arg1 else None
            record["arg2"] = extraction.arg2.text if extraction.arg2 else None
            record["extras"] = [[role, phrase.text] for role, phrase in extraction.extras]
            record["attribution"] = extraction.attribution.text if extraction.attribution else None
            yield json.dumps(record, ensure_ascii=False)
