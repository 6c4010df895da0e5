"""A flat, per-Doc view of the parse: plain Python lists indexed by token position.

The clause rules touch each token's label, head and children many times; reading them from
spaCy ``Token`` objects would rebuild a Python object and decode a string on every access.
:class:`Parse` reads the whole Doc once with ``Doc.to_array`` and decodes each distinct
label once per process, so the rules run on lists of ``str`` and ``int`` only.

>>> from spacy.lang.en import English
>>> from spacy.tokens import Doc
>>> doc = Doc(English().vocab, words=["Putin", "met", "Erdoğan"], heads=[1, 1, 1],
...           deps=["nsubj", "ROOT", "dobj"], pos=["PROPN", "VERB", "PROPN"])
>>> p = Parse(doc)
>>> p.dep, p.children[1], p.text_of(0, 3)
(['nsubj', 'ROOT', 'dobj'], [0, 2], 'Putin met Erdoğan')
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LENGTH, LOWER, POS, SENT_START, TAG
from spacy.strings import StringStore
from spacy.tokens import Doc

_WRAP = 2**64
_ATTRS = [HEAD, DEP, POS, TAG, LEMMA, LOWER, IDX, LENGTH, ENT_TYPE, SENT_START]

# Hash -> string, filled lazily; label and lemma hashes are stable across Docs and models.
# Keys are the hashes read as signed 64-bit numbers (the array is viewed as int64).
_DECODED: dict[int, str] = {0: ""}
_lookup = _DECODED.__getitem__


def _decode(values: list[int], strings: StringStore) -> list[str]:
    try:
        return list(map(_lookup, values))  # the common case: every string seen before
    except KeyError:
        for v in values:
            if v not in _DECODED:
                key = v % _WRAP  # back to the unsigned hash
                _DECODED[v] = strings[key] if key in strings else ""
        return list(map(_lookup, values))


class Parse:
    """Token attributes of one Doc as lists; ``children`` and subtree edges precomputed.

    ``text`` must be ``doc.text`` when given (``nlp(text).text == text`` always holds).
    ``ent`` is None when no token has an entity type (no NER ran, or it found nothing).

    ``head[i] == i`` for a root. ``left[i]``/``right[i]`` are the first and last token of
    ``i``'s subtree (spaCy's ``left_edge``/``right_edge``). ``sents`` are ``(start, end)``
    token ranges.
    """

    __slots__ = ("text", "n", "head", "dep", "pos", "tag", "lemma", "lower", "start",
                 "end", "ent", "children", "left", "right", "sents", "_words")

    def __init__(self, doc: Doc, text: str | None = None):
        # No reference to ``doc`` is kept: the table may be cached by the Doc (weakly), and
        # must not keep it alive. Doc.text joins every token's text in Python; a caller
        # holding the string passes it.
        self.text = doc.text if text is None else text
        self.n = n = len(doc)
        if n:
            # Signed view: HEAD and SENT_START are signed offsets stored as uint64 (-1 reads
            # as 2**64 - 1). Absolute heads and end offsets are computed in numpy, once.
            a = doc.to_array(_ATTRS).view(np.int64)
            a[:, 0] += np.arange(n)
            a[:, 7] += a[:, 6]
            cols = a.T.tolist()
        else:
            cols = [[] for _ in _ATTRS]
        head, dep, pos, tag, lemma, lower, self.start, self.end, ent, sent_start = cols
        strings = doc.vocab.strings
        self.head = head
        self.dep = _decode(dep, strings)
        self.pos = _decode(pos, strings)
        self.tag = _decode(tag, strings)
        self.lemma = _decode(lemma, strings)
        self.lower = _decode(lower, strings)
        self.ent = _decode(ent, strings) if any(ent) else None  # None: no entity annotation
        self.children = children = [[] for _ in range(n)]
        roots = []
        for i, h in enumerate(head):
            if h != i:
                children[h].append(i)
            else:
                roots.append(i)
        self.left = list(range(n))
        self.right = list(range(n))
        self._edges(roots)
        self.sents = self._sentences(sent_start)
        self._words: tuple[list[str], list[bool]] | None = None

    def _edges(self, order: list[int]) -> None:
        # Breadth-first from the roots lists parents before children; walking that list
        # backwards widens each head's edges with its children's, already final: O(n).
        head, left, right, children = self.head, self.left, self.right, self.children
        for i in order:  # the list grows as we go
            order.extend(children[i])
        for c in reversed(order):
            h = head[c]
            if h != c:
                if left[c] < left[h]:
                    left[h] = left[c]
                if right[c] > right[h]:
                    right[h] = right[c]

    def _sentences(self, sent_start: list[int]) -> list[tuple[int, int]]:
        # 1 starts a sentence, -1 doesn't, 0 is unknown.
        bounds = [i for i, s in enumerate(sent_start) if s == 1 or i == 0]
        return [(b, e) for b, e in zip(bounds, bounds[1:] + [self.n]) if e > b]

    @property
    def parsed(self) -> bool:
        """True if the Doc has a dependency parse (some token has a label)."""
        return any(self.dep)

    def words(self) -> tuple[list[str], list[bool]]:
        """Token texts (tabs and newlines as spaces), and whether each is glued to the next."""
        if self._words is None:
            text, start, end = self.text, self.start, self.end
            words = [text[s:e] for s, e in zip(start, end)]
            # Whitespace tokens (pos SPACE) are marked glued so the slow path drops them.
            space = [p == "SPACE" for p in self.pos] + [False]
            glued = [end[i] == start[i + 1] or space[i] or space[i + 1]
                     for i in range(self.n - 1)] + [space[self.n - 1] if self.n else False]
            self._words = words, glued
        return self._words

    def text_of(self, lo: int, hi: int) -> str:
        """Text of tokens ``lo .. hi-1`` as written (inner whitespace kept)."""
        return self.text[self.start[lo]:self.end[hi - 1]] if hi > lo else ""

    def kids(self, i: int, *deps: str) -> list[int]:
        """Children of ``i`` whose label is one of ``deps``, in text order."""
        return [c for c in self.children[i] if self.dep[c] in deps]

    def kid(self, i: int, *deps: str) -> int | None:
        """The first child of ``i`` labelled one of ``deps``, else None."""
        for c in self.children[i]:
            if self.dep[c] in deps:
                return c
        return None
