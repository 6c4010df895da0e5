"""Sentence lookups computed once per Doc.

spaCy's ``Token.sent`` walks the document's sentence starts on every call, so asking it
for each mention makes an article's cost grow with mentions x length. Here the sentence
boundaries are collected once per Doc (kept in ``doc.user_data``) and a token's sentence
is found by bisection.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from spacy.attrs import IDX, LENGTH
from spacy.tokens import Doc, Token

_KEY = "kg.sentence_bounds"
_TEXT_KEY = "kg.text"
_OFFSETS_KEY = "kg.token_offsets"


def doc_text(doc: Doc) -> str:
    """``doc.text``, joined once per Doc (spaCy joins every token's text on each access).

    >>> from spacy.vocab import Vocab
    >>> doc_text(Doc(Vocab(), words=["Putin", "left"], spaces=[True, False]))
    'Putin left'
    """
    cached = doc.user_data.get(_TEXT_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached[1]
    text = doc.text
    doc.user_data[_TEXT_KEY] = (len(doc), text)
    return text


def sentence_bounds(doc: Doc) -> tuple[list[int], list[tuple[int, int]]]:
    """Token index of each sentence start and each sentence's character span (cached).

    A Doc without sentence boundaries is one sentence.

    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["Putin", "left", ".", "Erdoğan", "stayed", "."],
    ...           sent_starts=[True, False, False, True, False, False])
    >>> sentence_bounds(doc)
    ([0, 3], [(0, 12), (13, 29)])
    """
    cached = doc.user_data.get(_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached[1], cached[2]
    if len(doc) and (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")):
        starts, spans = [], []
        for sent in doc.sents:
            starts.append(sent.start)
            spans.append((sent.start_char, sent.end_char))
    else:
        starts, spans = [0], [(0, len(doc_text(doc)))]
    doc.user_data[_KEY] = (len(doc), starts, spans)
    return starts, spans


def sentence_span(token: Token) -> tuple[int, int]:
    """Character span of the sentence ``token`` is in, without walking the Doc.

    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["Putin", "left", ".", "Erdoğan", "stayed", "."],
    ...           sent_starts=[True, False, False, True, False, False])
    >>> sentence_span(doc[4])
    (13, 29)
    """
    starts, spans = sentence_bounds(token.doc)
    return spans[max(0, bisect_right(starts, token.i) - 1)]


def token_offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Each token's start and end character offset, read once per Doc (cached).

    >>> from spacy.vocab import Vocab
    >>> token_offsets(Doc(Vocab(), words=["Putin", "left"]))
    ([0, 6], [5, 10])
    """
    cached = doc.user_data.get(_OFFSETS_KEY)
    if cached is not None and cached[0] == len(doc):
        return cached[1], cached[2]
    starts, lengths = doc.to_array([IDX, LENGTH]).T.tolist() if len(doc) else ([], [])
    ends = [s + n for s, n in zip(starts, lengths)]
    doc.user_data[_OFFSETS_KEY] = (len(doc), starts, ends)
    return starts, ends


def token_range(doc: Doc, start: int, end: int) -> range:
    """Indices of the tokens that overlap characters ``start:end``: the tokens of
    ``doc.char_span(start, end, alignment_mode="expand")``, found by bisection instead of
    building a Span and its Token objects (a mention's tokens are asked for many times).

    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["President", "Putin", "left"])
    >>> list(token_range(doc, 10, 15)), list(token_range(doc, 12, 18)), list(token_range(doc, 3, 3))
    ([1], [1, 2], [])
    """
    starts, ends = token_offsets(doc)
    if end <= start:
        return range(0)
    return range(bisect_right(ends, start), bisect_left(starts, end))


def span_root(doc: Doc, start: int, end: int) -> Token | None:
    """The root token of characters ``start:end`` (expanded to whole tokens), or None when
    they hold no token. Most such spans are one token, which needs no Span.

    >>> from spacy.vocab import Vocab
    >>> doc = Doc(Vocab(), words=["Putin", "left"], heads=[1, 1], deps=["nsubj", "ROOT"])
    >>> span_root(doc, 0, 5).text, span_root(doc, 0, 10).text, span_root(doc, 5, 5)
    ('Putin', 'left', None)
    """
    tokens = token_range(doc, start, end)
    if len(tokens) == 1:
        return doc[tokens[0]]
    return doc[tokens.start:tokens.stop].root if tokens else None
