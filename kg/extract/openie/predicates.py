"""Predicates: which tokens head a clause, who their subject is, and what their relation says.

A clause is headed by a verb (or a copula). Its subject is its own ``nsubj``, else the one it
inherits: a conjoined verb takes its first conjunct's (``Putin arrived and met Erdoğan``), a
controlled verb its controller's (``asked him to leave`` -> ``him``), a relative clause the
noun it modifies (``the man who won``). Control and raising verbs merge with the verb they
control into one relation (``is set to meet``), which also gives the clause its modality
(read with the rest of the verb group in :mod:`.verbgroup`).
"""

from __future__ import annotations

from kg.extract.openie.tokens import Parse

_SUBJ = ("nsubj", "nsubjpass", "csubj", "csubjpass")
_RELPRON = frozenset({"who", "which", "that", "whom"})
_PAST = frozenset({"VBN", "VBD"})  # the small model often tags a participle as a past tense
# Participles and gerunds used as modifiers or prepositional complements are not clauses:
# "the killed soldiers", "by adding a potato".
_NOT_CLAUSE = frozenset({"aux", "auxpass", "amod", "compound", "pcomp", "csubj", "csubjpass",
                         "nmod", "case", "det", "prep", "intj"})


def is_predicate(p: Parse, i: int) -> bool:
    """True for a verb or copula heading its own clause (not an auxiliary or modifier).

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> doc = Doc(English().vocab, words=["He", "has", "left"], heads=[2, 2, 2],
    ...           deps=["nsubj", "aux", "ROOT"], pos=["PRON", "AUX", "VERB"])
    >>> [is_predicate(Parse(doc), i) for i in range(3)]
    [False, False, True]
    """
    pos, dep = p.pos[i], p.dep[i]
    if dep in _NOT_CLAUSE:
        return False
    if pos == "VERB":
        return True
    # A copula heads its clause in spaCy's scheme ("X is Y": is = ROOT, Y = attr).
    return pos == "AUX" and any(p.dep[c] in ("attr", "acomp", "nsubj", "prep", "expl")
                                for c in p.children[i])


def merges_into_head(p: Parse, x: int) -> bool:
    """True when ``x`` is an xcomp its head verb absorbs (``wants to buy``: buy -> wants)."""
    if p.dep[x] != "xcomp" or p.pos[x] not in ("VERB", "AUX"):
        return False
    h = p.head[x]
    if p.pos[h] not in ("VERB", "AUX") or p.kid(x, *_SUBJ) is not None:
        return False
    # With an object the controller is that object ("asked him to leave"): no merge.
    return p.kid(h, "dobj", "dative") is None and p.kid(h, "attr", "acomp") is None


def control_chain(p: Parse, v: int) -> list[int]:
    """``v`` and the xcomp verbs it absorbs: ``is expected to try to buy`` -> 3 verbs."""
    chain = [v]
    while True:
        for c in p.children[chain[-1]]:
            if p.dep[c] == "xcomp" and merges_into_head(p, c):  # the label test first: cheap
                break
        else:
            return chain
        if len(chain) > 4:
            return chain
        chain.append(c)


def subject_of(p: Parse, v: int) -> tuple[int | None, str]:
    """Head token of ``v``'s subject and how it was found (``own``, ``conj``, ``relcl`` ...).

    The second value feeds the confidence model: inherited subjects are less reliable.
    """
    how = "own"
    for _ in range(8):  # inheritance chains are short; the bound guards odd parses
        s = p.kid(v, *_SUBJ)
        dep = p.dep[v]
        if s is not None:
            s = _past_label(p, v, s)
            if dep == "relcl" and p.lower[s] in _RELPRON:
                return p.head[v], "relcl"
            return s, how
        h = p.head[v]
        if h == v:
            return None, "none"
        if dep == "advcl" and how == "own" and p.tag[v] in ("VB", "VBP") and \
                any(p.dep[c] == "mark" and p.lower[c] == "as" for c in p.children[v]):
            return None, "none"  # "using the EU as cover for": a noun the parser took for a verb
        if dep == "advcl" and how == "own":
            n = participle_noun(p, v)
            if n is not None:
                return n, "acl"
        if dep in ("relcl", "acl"):
            if p.pos[h] not in ("NOUN", "PROPN", "PRON", "NUM"):
                return None, "none"
            return h, dep
        if dep == "conj":
            how = "conj"
        elif dep == "xcomp":
            obj = p.kid(h, "dobj")
            if obj is not None:
                return obj, "xcomp"
            how = "xcomp"
            if p.pos[h] == "ADJ" and p.dep[h] in ("acomp", "amod") and p.head[h] != h:
                h = p.head[h]  # "He was able to leave": able -> was, whose subject is He
        elif dep == "advcl":
            how = "advcl"
        elif dep == "pcomp" and p.head[h] != h:
            # "X is charged with reviewing Y", "By acquiring Y, X ...": the verb the
            # preposition attaches to has the subject.
            how, h = "advcl", p.head[h]
        else:
            return None, "none"
        v = h
    return None, "none"


def _past_label(p: Parse, v: int, s: int) -> int:
    """The subject after a label that the parser also hung on the verb as a subject.

    ``Today's highlight: On May 2, singer Ann Lee was born in Leeds`` gives ``born`` two
    subjects, ``highlight`` and ``Lee``; a colon between them ends the label, so the subject
    is the one after it, nearest the verb.
    """
    later = [c for c in p.kids(v, *_SUBJ) if s < c < v]
    if later and ":" in p.lower[s:later[-1]]:
        return later[-1]
    return s


def is_passive(p: Parse, v: int) -> bool:
    """Passive voice: a passive auxiliary or subject, a past participle modifying a noun, or
    one heading an adverbial clause of its own (``Asked about it, he said``).

    The small model often tags such a participle as a past tense (``the pact struck with
    Iran``: VBD), but a past tense modifying a noun without a subject or auxiliary can only be a
    participle, and without an object a passive one.
    """
    dep = p.dep
    for c in p.children[v]:
        if dep[c] == "auxpass" or dep[c] == "nsubjpass":
            return True
    tag = p.tag[v]
    if p.dep[v] == "acl":
        # "claims that he had fiddled the figures": a clause of its own, in the perfect
        if p.kid(v, *_SUBJ) is not None and p.kid(v, "aux") is not None:
            return False
        return tag == "VBN" or tag == "VBD" and p.kid(v, "dobj", *_SUBJ, "aux") is None
    if dep[v] == "advcl" and tag == "VBN" and p.kid(v, "dobj", *_SUBJ, "aux") is None and \
            participle_noun(p, v) is None:
        return True  # "promoted from the Home Office, he ...": a reduced passive clause
    return tag in _PAST and participle_noun(p, v) is not None


def participle_noun(p: Parse, v: int) -> int | None:
    """The noun a past participle parsed as an adverbial clause really modifies, else None.

    In ``Under the agreement struck with Russia, Turkey set up posts`` the small model makes
    ``struck`` an ``advcl`` of ``set``, whose subject it would then inherit (``Turkey struck``).
    A past form right after the object of a preposition, with no subject, auxiliary, marker
    or object of its own, can only be a reduced relative clause on that object: the agreement
    (was) struck with Russia.

    >>> from spacy.lang.en import English
    >>> from spacy.tokens import Doc
    >>> doc = Doc(English().vocab, words=["Under", "the", "pact", "signed", ",", "Al", "left"],
    ...           heads=[3, 2, 0, 6, 6, 6, 6], deps=["prep", "det", "pobj", "advcl", "punct",
    ...           "nsubj", "ROOT"], pos=["ADP", "DET", "NOUN", "VERB", "PUNCT", "PROPN", "VERB"],
    ...           tags=["IN", "DT", "NN", "VBD", ",", "NNP", "VBD"])
    >>> participle_noun(Parse(doc), 3), subject_of(Parse(doc), 3)
    (2, (2, 'acl'))
    """
    n = v - 1
    if p.dep[v] != "advcl" or p.tag[v] not in _PAST or n < 0 or p.dep[n] != "pobj" \
            or p.pos[n] not in ("NOUN", "PROPN"):
        return None
    return n if p.kid(v, *_SUBJ, "aux", "auxpass", "mark", "dobj") is None else None


def is_negated(p: Parse, chain: list[int]) -> bool:
    """True if any verb of the chain has a negation (``did not meet``, ``never met``)."""
    dep = p.dep
    for v in chain:
        for c in p.children[v]:
            if dep[c] == "neg":
                return True
    return False
