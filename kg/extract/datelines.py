"""Names in wire-service source lines and datelines, which NER reads badly (no verb, capitals).

Two line shapes name a news organisation and the city it files from:

* a source line: an optional document code, a city, the outlet's name, then the language,
  time and date: ``OW1102132994 Madrid EFE in Spanish 1313 GMT 11 Feb 94``, ``Tokyo ASAHI
  SHIMBUN``;
* a dateline: a city (often in capitals), an optional country or date, the agency in
  brackets: ``NAIROBI, Kenya (Reuters)``, ``Hefei, February 11 (XINHUA) --``.

For each, the city becomes a ``GPE`` mention and the outlet an ``ORG`` mention, replacing what
NER made of those words (``Madrid EFE`` as one person); the typed-relation rules then read
``EFE based_in Madrid`` (:mod:`kg.extract.place_roles`). A source line has no verb and its
city is in the gazetteer (or tagged a place by NER), so prose is never read this way.

>>> from kg.parse import load_nlp
>>> from kg.extract.mentions import find_mentions
>>> doc = load_nlp()("Madrid EFE in Spanish 1313 GMT 11 Feb 94")
>>> [(m.text, m.label) for m in find_mentions(doc, "a")][:2]
[('Madrid', 'GPE'), ('EFE', 'ORG')]
"""

from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Span

from kg.extract.sentences import doc_text
from kg.extract.wordlists import MONTHS
from kg.resolve.places import find_city, find_country
from kg.types import Mention

_CODE = re.compile(r"^(?=.*\d)[A-Z0-9]{6,}$")  # "OW1102132994", "944E0738B"
_CODE_IN = re.compile(r"\b(?=[A-Z]*\d)[A-Z0-9]{6,}\b")
_MAX_LINE = 25
_MAX_PLACE = 3
_DATELINE_WINDOW = 16  # a dateline's bracket comes within its first words
_STOP = frozenset({"in", "--", "(", ")", ";", ":", ",", "_"})

MentionMaker = Callable[[int, int, str, object], Mention]


def source_line_mentions(doc: Doc, mentions: list[Mention], make: MentionMaker) -> list[Mention]:
    """``mentions`` with the city and outlet of every source line or dateline of ``doc``.

    ``make(start, end, label, token)`` builds a mention from character offsets.
    """
    if not doc.has_annotation("SENT_START") or not doc.has_annotation("TAG"):
        return mentions
    found: list[tuple[Span, str]] = []
    text = doc_text(doc)
    for sent in doc.sents:
        found += _dateline(sent) or _source_line(sent, text[sent.start_char:sent.end_char])
    if not found:
        return mentions
    taken = [(span.start_char, span.end_char) for span, _ in found]
    kept = [m for m in mentions if not any(m.start < e and s < m.end for s, e in taken)]
    kept += [make(span.start_char, span.end_char, label, span.root) for span, label in found]
    return sorted(kept, key=lambda m: (m.start, m.end))


def _is_place(span: Span) -> bool:
    return bool(find_city(span.text) or find_country(span.text)) or \
        all(t.ent_type_ in ("GPE", "LOC") for t in span)


def _source_line(sent: Span, text: str) -> list[tuple[Span, str]]:
    """``Madrid EFE in Spanish 1313 GMT 11 Feb 94`` -> [(Madrid, GPE), (EFE, ORG)].
    ``text`` is the sentence's text."""
    if len(sent) > 2 * _MAX_LINE:
        return []
    if not _CODE_IN.search(text) and (len(sent) > _MAX_LINE or sent.root.pos_ in ("VERB", "AUX")):
        return []  # prose: the cheap test first
    tokens = [t for t in sent if not t.is_space]
    codes = [k for k, t in enumerate(tokens) if _CODE.match(t.text)]
    tokens = tokens[codes[-1] + 1:] if codes else tokens  # a headline fragment, then the code
    if not tokens or len(tokens) > _MAX_LINE or any(t.pos_ in ("VERB", "AUX") for t in tokens):
        return []
    i = 0
    for n in range(_MAX_PLACE, 0, -1):
        if i + n >= len(tokens):
            continue
        place = sent.doc[tokens[i].i:tokens[i + n - 1].i + 1]
        if not all(t.text[:1].isupper() for t in place) or not _is_place(place):
            continue
        end = i + n
        while end < len(tokens) and tokens[end].lower_ not in _STOP and \
                (tokens[end].text[:1].isupper() or tokens[end].text in ("-", "&")) and \
                not tokens[end].like_num and tokens[end].lower_ not in MONTHS:
            end += 1
        if end == i + n:
            return []
        rest = tokens[end:]
        if rest and not (rest[0].lower_ == "in" or rest[0].like_num or rest[0].text in _STOP):
            return []  # a headline, not a source line: "Moscow Police Find Bomb"
        outlet = sent.doc[tokens[i + n].i:tokens[end - 1].i + 1]
        return [(place, "GPE"), (outlet, "ORG")]
    return []


def _dateline(sent: Span) -> list[tuple[Span, str]]:
    """``NAIROBI, Kenya (Reuters)``, ``Hefei, February 11 (XINHUA) --`` -> the city (and
    country) as places, the agency in brackets as an organisation."""
    tokens = [t for t in sent[:_DATELINE_WINDOW] if not t.is_space]
    if tokens and tokens[0].text == "(" and len(tokens) > 3 and tokens[2].text == ")":
        tokens = tokens[3:]  # "(Text) Hefei, ..."
    open_at = next((k for k, t in enumerate(tokens[:12]) if t.text == "("), None)
    if open_at is None or open_at == 0 or open_at + 2 >= len(tokens) or tokens[open_at + 2].text != ")":
        return []
    agency = tokens[open_at + 1]
    if not agency.text[:1].isupper() or agency.like_num:
        return []
    head = tokens[:open_at]
    while head and (head[-1].text == "," or head[-1].like_num or head[-1].lower_.rstrip(".") in MONTHS):
        head = head[:-1]  # the date: "February 11", "12 Feb"
    parts, current = [], []
    for t in head:
        if t.text == ",":
            parts.append(current)
            current = []
        elif t.text[:1].isupper() or t.text == "-":
            current.append(t)
        else:
            return []
    parts.append(current)
    parts = [p for p in parts if p]
    if not parts or len(parts) > 2 or any(len(p) > _MAX_PLACE for p in parts):
        return []
    doc = sent.doc
    spans = [doc[p[0].i:p[-1].i + 1] for p in parts]
    if not _is_place(spans[0]) and not (spans[0].text.isupper() and len(spans) == 2 and
                                        _is_place(spans[1])):
        return []
    return [(s, "GPE") for s in spans] + [(doc[agency.i:agency.i + 1], "ORG")]
