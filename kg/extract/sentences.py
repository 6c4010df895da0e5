"""Sentence lookups computed once per Doc.

spaCy's ``Token.sent`` walks the document's sentence starts on every call, so asking it
for each mention makes an article's cost grow with mentions x length. Here the sentence
boundaries are collected once per Doc (kept in ``doc.user_data``) and a token's sentence
is found by bisection.
"""

from __future__ import annotations

from bisect import bisect_right

from spacy.tokens import Doc, Token

_KEY = "kg.sentence_bounds"
_TEXT_KEY = "kg.text"


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
