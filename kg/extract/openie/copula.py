"""Implicit copulas: appositions state that one noun phrase *is* another.

``Kalın, the presidential spokesperson, said ...`` -> ``Kalın | is | the presidential
spokesperson`` (pattern ``appos``, lemma ``be``). The relation word ``is`` is not in the text,
so the tuple's relation tokens are empty and :data:`IMPLICIT_BE` stands in for them.
"""

from __future__ import annotations

from kg.extract.openie.arguments import conjuncts, noun_span
from kg.extract.openie.clauses import Clause
from kg.extract.openie.tokens import Parse

IMPLICIT_BE = "is"
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


def appositions(p: Parse, lo: int, hi: int) -> list[Clause]:
    """``X, Y, ...`` with Y an apposition of X -> ``X | is | Y`` for each conjunct of Y.

    >>> from spacy.vocab import Vocab
    >>> from spacy.tokens import Doc
    >>> doc = Doc(Vocab(), words=["Ali", ",", "the", "envoy", ",", "left"],
    ...           heads=[5, 0, 3, 0, 0, 5], deps=["nsubj", "punct", "det", "appos", "punct", "ROOT"],
    ...           pos=["PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB"])
    >>> p = Parse(doc); c = appositions(p, 0, 6)[0]
    >>> p.text_of(*c.arg1[:2]), p.text_of(*c.arg2[:2])
    ('Ali', 'the envoy')
    """
    out = []
    for a in range(lo, hi):
        if p.dep[a] != "appos" or p.pos[a] not in _NOMINAL:
            continue
        x = p.head[a]
        if p.pos[x] not in _NOMINAL:
            continue
        subj = noun_span(p, x)
        objs = conjuncts(p, a)
        for o in objs:
            out.append(Clause("appos", [], a, subj, noun_span(p, o), lemma="be",
                              subj_how="own", split=len(objs) > 1))
    return out
