"""Argument phrases: which tokens of a subtree make an argument, and what role an extra plays.

An argument is a contiguous token range around a head token: its subtree, cut before any
child whose construction makes its own tuple (a relative clause, an apposition, a second
conjunct), and trimmed of edge punctuation. Ranges are ``(lo, hi, head)`` token indices,
turned into :class:`kg.types.Phrase` objects only at the end.

Example (hand-built parse): in ``the villagers , who fled`` the relative clause is cut, so the
argument is ``the villagers`` with head ``villagers``.
"""

from __future__ import annotations

from kg.extract.openie.tokens import Parse

Span3 = tuple[int, int, int]  # (lo, hi, head): tokens lo..hi-1, syntactic head

# Children that start their own tuple, so they don't belong in the argument around them.
# "an Australian footballer who plays ..." -> the relcl has its own clause. Punctuation is
# not a cut: a comma inside a name stays ("Pine Plains , New York"), and the comma before
# a relative clause or an apposition is trimmed off the edge anyway.
CUT_NOUN = frozenset({"relcl", "appos", "parataxis"})
# Coordination is split into one tuple per conjunct: "Putin and Erdoğan met" -> 2 tuples.
CUT_CONJ = frozenset({"conj", "cc", "preconj"})
_CUT_ALL = CUT_NOUN | CUT_CONJ  # the usual cut, built once (noun_span runs per argument)
_EDGE_JUNK = frozenset({"punct", "cc", "mark", "prep", "case", "preconj"})

_TIME_PREPS = frozenset({"during", "until", "till", "since", "before", "after", "throughout",
                         "by", "from", "to"})
_PLACE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "across", "around", "into",
                          "from", "to", "throughout", "within", "off", "along", "toward",
                          "towards", "beyond", "outside"})
# Nouns naming a time; a closed class, not learned from any data.
TIME_NOUNS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday weekend today tomorrow yesterday "
    "tonight morning afternoon evening night day week month year decade century era season "
    "spring summer autumn fall winter january february march april may june july august "
    "september october november december jan feb mar apr jun jul aug sep sept oct nov dec "
    "hour minute time period moment term quarter semester midnight noon dawn dusk".split())
_TIME_ENTS = frozenset({"DATE", "TIME"})
_NO_ENTS: frozenset[str] = frozenset()
_PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})


def noun_span(p: Parse, head: int, *, split_conj: bool = True, cut: frozenset[str] = CUT_NOUN,
              without: int = -1) -> Span3:
    """Contiguous range of ``head``'s subtree, stopping at the nearest cut child on each side.

    ``without`` is one more child to cut: the clause whose subject this noun is
    (``people living in Oslo``: the subject of ``living`` is ``people``, not the whole phrase).

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> doc = Doc(English().vocab, words=["the", "villagers", ",", "who", "fled"], heads=[1, 1, 1, 4, 1],
    ...           deps=["det", "ROOT", "punct", "nsubj", "relcl"])
    >>> p = Parse(doc); lo, hi, h = noun_span(p, 1); p.text_of(lo, hi)
    'the villagers'
    """
    if split_conj:
        cut = _CUT_ALL if cut is CUT_NOUN else cut | CUT_CONJ
    lo, hi = p.left[head], p.right[head] + 1
    dep = p.dep
    for c in p.children[head]:
        if dep[c] in cut or c == without:
            if c > head:
                hi = min(hi, p.left[c])
            else:
                lo = max(lo, p.right[c] + 1)
    return trim(p, lo, hi, head)


def trim(p: Parse, lo: int, hi: int, head: int) -> Span3:
    """Drop punctuation, dangling conjunctions and markers at both ends (never the head)."""
    dep = p.dep
    while lo < head and (dep[lo] in _EDGE_JUNK and p.children[lo] == [] or p.pos[lo] == "PUNCT"):
        lo += 1
    while hi - 1 > head and (dep[hi - 1] in _EDGE_JUNK and not p.children[hi - 1]
                             or p.pos[hi - 1] == "PUNCT"):
        hi -= 1
    return lo, hi, head


def subtree_span(p: Parse, head: int) -> Span3:
    """The whole subtree of ``head`` (a clause or a prepositional phrase), edges trimmed."""
    return trim(p, p.left[head], p.right[head] + 1, head)


def clause_span(p: Parse, verb: int) -> Span3:
    """A clausal argument (``that Y ...``) without its complementizer, edges trimmed.

    The ``that`` goes into the relation instead (``said that``), as Open IE gold writes it.
    """
    lo, hi = p.left[verb], p.right[verb] + 1
    while lo < verb and (p.dep[lo] == "mark" or p.pos[lo] == "PUNCT"):
        lo += 1
    return trim(p, lo, hi, verb)


def conjuncts(p: Parse, head: int) -> list[int]:
    """``head`` and the nouns coordinated with it: ``Putin , Erdoğan and Rouhani`` -> 3 heads."""
    out = [head]
    i = 0
    while i < len(out):
        for c in p.children[out[i]]:
            # Numbers are left whole: "in 1998, 2001 and 2004" is one list, not three facts.
            if p.dep[c] == "conj" and p.pos[c] in ("NOUN", "PROPN", "PRON"):
                out.append(c)
        i += 1
    return sorted(out)


def pobj_of(p: Parse, prep: int) -> int | None:
    """Object of a preposition (``pobj``, or ``pcomp`` for ``by adding ...``)."""
    return p.kid(prep, "pobj", "pcomp")


def extra_role(p: Parse, lo: int, hi: int, head: int) -> str:
    """``time``, ``place`` or ``other`` for an extra complement such as ``on March 5``.

    Time: a DATE/TIME entity, a temporal noun (``last week``), a year-like number, or a
    temporal preposition (``until``, ``since``). Place: a GPE/LOC/FAC entity, or a proper
    noun under a locative preposition (``in Moscow``) when there is no NER.
    """
    prep = p.lower[lo] if p.dep[lo] == "prep" or p.pos[lo] == "ADP" else ""
    obj = head
    if p.dep[head] == "prep":
        prep = p.lower[head]
        obj = pobj_of(p, head)
        if obj is None:
            return "other"
    ents = {p.ent[i] for i in range(lo, hi)} if p.ent is not None else _NO_ENTS
    if ents & _TIME_ENTS or p.lower[obj] in TIME_NOUNS or _is_year(p, obj):
        return "time"
    if ents & _PLACE_ENTS:
        return "place"
    if prep in _TIME_PREPS and p.tag[obj] == "CD":
        return "time"
    if prep in _PLACE_PREPS and p.pos[obj] == "PROPN" and not any(ents):
        return "place"
    return "other"


def _is_year(p: Parse, i: int) -> bool:
    word = p.lower[i].rstrip("s")
    return p.tag[i] == "CD" and len(word) == 4 and word.isdigit() and 1000 <= int(word) <= 2199
