"""Relations a noun phrase states without a verb: titles and possessives.

* ``title``: a name after its title or description says the person *is* that:
  ``Soviet leader Mikhail Gorbachev`` -> ``Mikhail Gorbachev | be | Soviet leader``;
* ``poss``: a possessor *has* what it possesses:
  ``the museum's west wing`` -> ``the museum | has | west wing`` (lemma ``have``).

Both relations are implicit (relation token ``-1`` is ``be``; ``-2`` is ``has``, ``-3`` is
``have`` after a plural possessor), like the apposition's copula in :mod:`.copula`. They are facts of a lower order than a clause's, which
their patterns let the confidence model weigh.
"""

from __future__ import annotations

from kg.extract.openie.arguments import noun_span
from kg.extract.openie.clauses import Clause
from kg.extract.openie.tokens import Parse

IMPLICIT_HAS = {-2: "has", -3: "have"}  # Open IE gold writes the present tense
# Capitalized words that are titles, not names (a closed class of offices and ranks).
_TITLES = frozenset(
    "president minister premier chancellor king queen prince princess pope governor mayor "
    "senator general admiral colonel captain commander chairman chairwoman chief director "
    "secretary ambassador judge justice sheriff bishop archbishop cardinal rabbi imam sheikh "
    "emir sultan dr mr mrs ms sir lord lady professor coach leader spokesman spokeswoman "
    "spokesperson envoy representative rep sen gov gen col capt lt sgt".split())
_PRONOUN_POSS = frozenset({"his", "her", "its", "their", "our", "my", "your", "whose"})


def implicit_clauses(p: Parse, lo: int, hi: int) -> list[Clause]:
    """``title`` and ``poss`` tuples of the sentence ``lo..hi``.

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> doc = Doc(English().vocab, words=["Senator", "Ann", "Lee", "left"], heads=[2, 2, 3, 3],
    ...           deps=["compound", "compound", "nsubj", "ROOT"],
    ...           pos=["PROPN", "PROPN", "PROPN", "VERB"])
    >>> p = Parse(doc); c = implicit_clauses(p, 0, 4)[0]
    >>> p.text_of(*c.arg1[:2]), c.pattern, p.text_of(*c.arg2[:2])
    ('Ann Lee', 'title', 'Senator')
    """
    out: list[Clause] = []
    pos, dep, head = p.pos, p.dep, p.head
    done = -1
    for i in range(lo, hi):  # only compounds and possessors lead to a tuple: start from them
        d = dep[i]
        if d == "compound":
            h = head[i]
            if h != done and h > i and pos[h] == "PROPN" and dep[h] != "compound":
                done = h  # a name has one title
                c = _title(p, h)
                if c is not None:
                    out.append(c)
        elif d == "poss" and pos[head[i]] in ("NOUN", "PROPN") and dep[head[i]] != "compound":
            c = _possessive(p, head[i])
            if c is not None:
                out.append(c)
    return out


def _title(p: Parse, h: int) -> Clause | None:
    """``[det] [amod] title-words name-words`` -> name | be | title."""
    mods = [c for c in p.children[h] if c < h]
    comps = [c for c in mods if p.dep[c] == "compound"]
    if not comps:
        return None
    first = min(comps)
    # The title ends at its last common noun or title word; the name is the proper nouns after.
    k = max((i for i in range(first, h) if p.pos[i] == "NOUN" or p.lower[i].rstrip(".") in _TITLES),
            default=None)
    if k is None or any(p.pos[i] != "PROPN" for i in range(k + 1, h + 1)):
        return None
    lo = min([first] + [c for c in mods if p.dep[c] in ("amod", "det") and p.right[c] < first])
    lo = max(lo, p.left[h])
    if any(p.pos[i] in ("PUNCT", "CCONJ", "ADP", "VERB", "AUX", "PART") for i in range(lo, k + 1)):
        return None
    return Clause("title", [-1], h, (k + 1, h + 1, h), (lo, k + 1, k), lemma="be",
                  subj_how="own")


def _possessive(p: Parse, n: int) -> Clause | None:
    """``X 's N`` -> X | have | N (without the possessor)."""
    poss = p.kid(n, "poss")
    if poss is None or p.lower[poss] in _PRONOUN_POSS or p.pos[poss] == "PRON":
        return None
    case = p.kid(poss, "case")
    if case is None:
        return None
    owner = noun_span(p, poss, cut=frozenset({"case", "relcl", "appos", "punct"}))
    lo, hi, _ = noun_span(p, n)
    start = p.right[poss] + 1
    if start > n or start < lo:
        return None
    plural = p.tag[poss] in ("NNS", "NNPS")
    return Clause("poss", [-3 if plural else -2], n, owner, (start, hi, n), lemma="have",
                  subj_how="own")
