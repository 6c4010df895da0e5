"""Relations a noun phrase states without a verb: titles, possessives, qualities, places.

* ``title``: a name after its title or description says the person *is* that:
  ``Soviet leader Mikhail Gorbachev`` -> ``Mikhail Gorbachev | be | Soviet leader``
  (a bare form of address is no title: ``Mr. Baker`` gives nothing); also a description
  set before a name without a comma (spaCy's ``appos``): ``the ferry's captain Ola Dahl``;
* ``poss``: a possessor *has* what it possesses:
  ``the museum's west wing`` -> ``the museum | has | west wing`` (lemma ``have``);
* ``amod``: a describing adjective says the noun *is* so:
  ``a noisy harbour crane`` -> ``harbour crane | be | noisy``;
* ``located``: a name after ``in``/``at`` places the noun there:
  ``the bakery in Bergen`` -> ``the bakery | be in | Bergen`` (lemma ``be_in``).

The relations are implicit (relation token ``-1`` is ``be``; ``-2`` is ``has``, ``-3`` is
``have`` after a plural possessor), like the apposition's copula in :mod:`.copula`. They are
facts of a lower order than a clause's, which their patterns let the confidence model weigh.
"""

from __future__ import annotations

from kg.extract.openie.arguments import noun_span
from kg.extract.openie.clauses import Clause
from kg.extract.openie.tokens import Parse
from kg.extract.relations import clean_lemma

IMPLICIT_HAS = {-2: "has", -3: "have"}  # Open IE gold writes the present tense
# Capitalized words that are titles, not names (a closed class of offices and ranks).
_TITLES = frozenset(
    "president minister premier chancellor king queen prince princess pope governor mayor "
    "senator general admiral colonel captain commander chairman chairwoman chief director "
    "secretary ambassador judge justice sheriff bishop archbishop cardinal rabbi imam sheikh "
    "emir sultan dr mr mrs ms sir lord lady professor coach leader spokesman spokeswoman "
    "spokesperson envoy representative rep sen gov gen col capt lt sgt".split())
# Forms of address: "Mr. Baker" names Baker politely, it states nothing about him.
_HONORIFICS = frozenset("mr mrs ms miss dr sir lady lord madam".split())
_PRONOUN_POSS = frozenset({"his", "her", "its", "their", "our", "my", "your", "whose"})


def implicit_clauses(p: Parse, lo: int, hi: int) -> list[Clause]:
    """``title``, ``poss``, ``amod`` and ``located`` tuples of the sentence ``lo..hi``.

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
    for i, d in enumerate(dep[lo:hi], lo):  # only modifiers of nouns lead to a tuple
        if d not in _LEADS:
            continue  # most tokens: one set lookup
        if d == "compound":
            h = head[i]
            if h != done and h > i and pos[h] == "PROPN" and dep[h] != "compound":
                done = h  # a name has one title
                c = _title(p, h)
                if c is not None:
                    out.append(c)
        elif d == "appos" and i == head[i] + 1 + (i - p.left[i]) and pos[i] == "PROPN":
            c = _named(p, head[i], i)
            if c is not None:
                out.append(c)
        elif d == "prep" and p.lower[i] in _LOCATIVE and pos[head[i]] in ("NOUN", "PROPN"):
            c = _located(p, head[i], i)
            if c is not None:
                out.append(c)
        elif d == "amod":
            c = _quality(p, i)
            if c is not None:
                out.append(c)
        elif d == "poss" and pos[head[i]] in ("NOUN", "PROPN") and dep[head[i]] != "compound":
            c = _possessive(p, head[i])
            if c is not None:
                out.append(c)
    return _distinct(p, out) if len(out) > 1 else out


def _distinct(p: Parse, found: list[Clause]) -> list[Clause]:
    """Each fact once: ``President Bush`` twice in a sentence says once that Bush is president."""
    seen, out = set(), []
    for c in found:
        key = (c.pattern, p.text_of(*c.arg1[:2]).lower(), p.text_of(*c.arg2[:2]).lower())
        if key not in seen:
            seen.add(key)
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
    if all(p.lower[i].rstrip(".") in _HONORIFICS or len(p.lower[i].rstrip(".")) == 1
           for i in range(first, k + 1)):
        return None  # "Mr. Baker", "A. Rama Krishna": an address or an initial, not a title
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


# Adjectives that point, count, order or date rather than describe (a closed class):
# "the other talks", "the former mayor" say nothing the noun *is*.
_NOT_QUALITIES = frozenset(
    "other such many much few several same own various certain former late next last first "
    "second third only main previous further more most less least additional entire whole "
    "new total particular different similar recent current early final possible".split())
_LOCATIVE = frozenset({"in", "at"})
_LEADS = frozenset({"compound", "appos", "prep", "amod", "poss"})  # the labels rules start from


def _quality(p: Parse, a: int) -> Clause | None:
    """``ADJ N`` -> N | be | ADJ: ``a noisy harbour crane`` -> ``harbour crane | be | noisy``.

    Only a plain adjective (tag ``JJ``: not ``larger``, ``largest``) right before the words
    of its noun (nothing but nouns between, so ``noisy old crane`` gives ``old crane`` only
    through ``old``); a noun that is itself a compound modifier (``noisy crane operators``)
    is skipped: the adjective may describe either noun. Coordinated adjectives stay together:
    ``a rare and costly stamp`` -> ``stamp | be | rare and costly``.
    """
    n = p.head[a]
    if p.pos[a] != "ADJ" or p.tag[a] != "JJ" or a > n or p.pos[n] not in ("NOUN", "PROPN"):
        return None
    if p.lower[a] in _NOT_QUALITIES or p.dep[n] == "compound":
        return None
    lo, hi = p.right[a] + 1, n + 1
    if any(p.pos[i] in ("PUNCT", "ADJ", "VERB", "NUM") for i in range(lo, hi)):
        return None
    return Clause("amod", [-1], n, (lo, hi, n), (p.left[a], p.right[a] + 1, a), lemma="be",
                  subj_how="own")


def _located(p: Parse, n: int, prep: int) -> Clause | None:
    """``N in/at NAME`` -> N | be in | NAME: ``the bakery in Bergen`` -> ``the bakery | be in |
    Bergen``.

    Only a proper noun after the preposition (``a rise in prices`` places nothing), and only
    a noun phrase with no comma, verb or preposition before its head (in ``the price of
    bread in Bergen`` the place may belong to either noun).
    """
    obj = p.kid(prep, "pobj")
    if obj is None or p.pos[obj] != "PROPN" or prep < n:
        return None
    lo, _, _ = noun_span(p, n)
    if any(p.pos[i] in ("PUNCT", "VERB", "ADP") for i in range(lo, n)):
        return None
    return Clause("located", [-1, prep], n, (lo, prep, n), noun_span(p, obj),
                  lemma=clean_lemma("be " + p.lower[prep]), subj_how="own")


def _named(p: Parse, n: int, name: int) -> Clause | None:
    """``NOUN NAME`` with no comma between -> NAME | be | NOUN phrase:
    ``the ferry's captain Ola Dahl`` -> ``Ola Dahl | be | the ferry 's captain``."""
    if p.pos[n] != "NOUN" or p.kid(name, "cc", "conj", "punct") is not None:
        return None
    lo, hi, _ = noun_span(p, n)
    hi = min(hi, p.left[name])
    if hi != n + 1 or any(p.pos[i] in ("PUNCT", "VERB", "ADP") for i in range(lo, hi)):
        return None
    return Clause("title", [-1], name, noun_span(p, name), (lo, hi, n), lemma="be",
                  subj_how="own")
