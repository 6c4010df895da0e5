"""Party names written before a title or a name, which NER rarely tags: ``Labour MP Oona
King``, ``Lib Dem spokesman Vince Cable``, ``Tory Neil Hamilton``.

A capitalized party name from :data:`kg.extract.wordlists.PARTY_NAMES` right before a title
word or a person's name becomes an ``ORG`` mention (replacing what NER made of those words,
``Lib Dem`` as a person), so the typed-relation rules read ``Oona King member_of Labour``.
Elsewhere the words are left alone: ``a labour shortage``, ``a conservative estimate``.

>>> from kg.parse import load_nlp
>>> from kg.extract.mentions import find_mentions
>>> doc = load_nlp()("Lib Dem spokesman Vince Cable spoke.")
>>> [(m.text, m.label) for m in find_mentions(doc, "a")]
[('Lib Dem', 'ORG'), ('Vince Cable', 'PERSON')]
"""

from __future__ import annotations

from spacy.tokens import Doc

from kg.extract.sentences import doc_text, token_offsets, token_range
from kg.extract.wordlists import PARTY_NAMES, TITLE_WORDS
from kg.types import Mention

_LONGEST = max(len(name.split()) for name in PARTY_NAMES)
_FIRST_WORDS = frozenset(name.split()[0] for name in PARTY_NAMES)


def party_mentions(doc: Doc, mentions: list[Mention], make) -> list[Mention]:
    """``mentions`` with party names before titles and names (``make(start, end, label,
    token)`` builds a mention)."""
    text = doc_text(doc)
    starts = [i for i, (s, e) in enumerate(zip(*token_offsets(doc))) if text[s:e] in _FIRST_WORDS]
    if not starts:
        return mentions
    people = {i for m in mentions if m.label == "PERSON" and m.text not in PARTY_NAMES
              for i in token_range(doc, m.start, m.end)}
    found = []
    for i in starts:
        if found and i < found[-1].end:
            continue
        for n in range(_LONGEST, 0, -1):
            span = doc[i:i + n]
            if span.end >= len(doc) or span.text not in PARTY_NAMES or span[0].i in people:
                continue
            after = doc[span.end]
            # a title word (possibly after job words: "Lib Dem foreign affairs spokesman") or a name
            j = span.end
            while j < len(doc) and j < span.end + 3 and doc[j].pos_ in ("NOUN", "PROPN", "ADJ") and \
                    doc[j].lower_.rstrip(".") not in TITLE_WORDS and j not in people:
                j += 1
            if after.i in people or (j < len(doc) and doc[j].lower_.rstrip(".") in TITLE_WORDS):
                found.append(span)
                break
    if not found:
        return mentions
    spans = [(s.start_char, s.end_char) for s in found]
    kept = [m for m in mentions if not any(m.start < e and s < m.end for s, e in spans)]
    kept += [make(s.start_char, s.end_char, "ORG", s.root) for s in found]
    return sorted(kept, key=lambda m: (m.start, m.end))
