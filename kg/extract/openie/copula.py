"""Implicit copulas: appositions state that one noun phrase *is* another.

``Kalın, the presidential spokesperson, said ...`` -> ``Kalın | is | the presidential
spokesperson`` (pattern ``appos``, lemma ``be``). The copula is not in the text, so the
relation is :data:`IMPLICIT_BE` (relation token index ``-1``).

Only appositions set off by a comma or bracket count, and never inside a list: in ``Paris,
London, Rome and Oslo`` spaCy may label ``London`` an apposition of ``Paris``.
"""

from __future__ import annotations

from kg.extract.openie.arguments import noun_span
from kg.extract.openie.clauses import Clause
from kg.extract.openie.coordination import is_title_case
from kg.extract.openie.tokens import Parse

# The tense of an implicit copula is unknown, so it is written as the lemma.
IMPLICIT_BE = "be"
_NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


def appositions(p: Parse, lo: int, hi: int) -> list[Clause]:
    """``X, Y, ...`` with Y an apposition of X -> ``X | is | Y`` for each conjunct of Y.

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> doc = Doc(English().vocab, words=["Ali", ",", "the", "envoy", ",", "left"],
    ...           heads=[5, 0, 3, 0, 0, 5], deps=["nsubj", "punct", "det", "appos", "punct", "ROOT"],
    ...           pos=["PROPN", "PUNCT", "DET", "NOUN", "PUNCT", "VERB"])
    >>> p = Parse(doc); c = appositions(p, 0, 6)[0]
    >>> p.text_of(*c.arg1[:2]), p.text_of(*c.arg2[:2])
    ('Ali', 'the envoy')
    """
    out: list[Clause] = []
    if is_title_case(p, lo, hi):
        return out  # "Erdogan, Putin Discuss Syria": a headline's commas list, they don't restate
    for a in range(lo, hi):
        if p.dep[a] != "appos" or p.pos[a] not in _NOMINAL:
            continue
        x = p.head[a]
        if not _true_apposition(p, x, a, hi):
            continue
        out.append(Clause("appos", [-1], a, noun_span(p, x), noun_span(p, a, split_conj=False),
                          lemma="be", subj_how="own"))
    return out


def _true_apposition(p: Parse, x: int, a: int, hi: int) -> bool:
    """``x , a`` with both nominal, a comma/bracket between, no list around them, and no verb
    right after ``a``: in ``Erdogan, Putin to meet ...`` the second name is the subject of the
    verb after it, not a restatement of the first."""
    if p.pos[x] not in ("NOUN", "PROPN") or a < x or p.tag[a] == "CD" or p.tag[x] == "CD":
        return False
    before, after = p.left[a] - 1, p.right[a] + 1
    if before <= x or p.lower[before] not in (",", "(", "-", "--", ":"):
        return False
    if after < hi and p.pos[after] in ("VERB", "AUX", "PART"):
        return False  # a verb group right after the phrase: it was that verb's subject
    # A list ("Paris, London and Rome"): conjuncts on the head, or "and" after the apposition.
    if any(p.dep[c] in ("conj", "cc") for c in p.children[x]):
        return False
    if after < p.n and p.dep[after] in ("cc", "conj"):
        return False
    # The head's phrase must be a noun phrase, not a stretch with a verb in it.
    lo, hi, _ = noun_span(p, x)
    return not any(p.pos[i] in ("VERB", "AUX") for i in range(lo, hi))
