"""Noun-phrase nodes: an argument no entity fills keeps its phrase, and the entities inside it.

``Turkey bought Russian S-400 air defense systems`` gives the object node ``russian s-400 air
defense system`` (not ``system``); ``Russia has aided Assad's survival`` gives ``assad's
survival`` plus ``assad's survival -about-> Bashar al-Assad``, so the fact is found from Assad.

Node identity: a phrase node is named by its key, the phrase's words lower-cased with the head
lemmatised and determiners dropped. A *specific* phrase (one with a modifier or complement that
says which: ``S-400 air defense system``, ``war in Iraq``) is the same node in every article
that writes it; a *generic* one (a bare head, or one with only vague modifiers: ``plan``,
``the deal``, ``new talks``) stands for something different in each article, so its key carries
the article (``plan@a1``) and never joins two articles.

>>> from kg.parse import load_nlp
>>> doc = load_nlp()("Russia aided Assad's survival.")
>>> phrase_mention(doc[4], "a1").key
"assad 's survival"
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from kg.extract.sentences import doc_text, sentence_span
from kg.extract.wordlists import PRONOUN_POSSESSIVES
from kg.types import Article, Fact, Mention

# Dependents that stay in the phrase, left of the head.
_LEFT = frozenset({"compound", "amod", "nmod", "poss", "case", "nummod", "quantmod", "npadvmod",
                   "advmod", "hmod", "hyph", "punct", "prep", "pobj"})
# Prepositions whose object says which thing the head is ("war in Iraq", "demand for aid").
_COMPLEMENT_PREPS = frozenset({"of", "for", "to", "in", "on", "against", "with", "between",
                               "over", "from", "about", "by"})
# Modifiers that don't make a phrase specific.
_VAGUE = frozenset("new other same own further more many some few several such whole entire "
                   "recent current latest last next first second final possible previous "
                   "former main key major big great good bad real full long short little "
                   "huge serious strong".split())
_MAX_WORDS = 8
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC", "EVENT", "PRODUCT",
                           "LAW", "WORK_OF_ART"})


def phrase_tokens(head: Token) -> list[Token]:
    """The phrase of ``head``: its left modifiers and one complement, without determiners.

    ``the two Russian S-400 air defense systems that Turkey bought`` -> ``two Russian S-400 air
    defense systems`` (a relative clause, apposition or second complement is cut).
    """
    left = [t for t in head.subtree if t.i < head.i and _keeps(t, head)]
    right: list[Token] = []
    prep = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ in _COMPLEMENT_PREPS), None)
    if prep is not None:
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            tail = [t for t in pobj.subtree if t.i <= pobj.i and _keeps(t, pobj)] + [pobj]
            # "a meeting in Russia's resort of Sochi": the complement's own "of" belongs too
            of = next((c for c in pobj.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
            inner = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
            if inner is not None:
                tail += [of, inner] + [t for t in inner.subtree if t.i < inner.i and _keeps(t, inner)]
            right = [prep, *sorted(tail, key=lambda t: t.i)]
    words = sorted(left, key=lambda t: t.i) + [head] + right
    if len(words) > _MAX_WORDS:
        words = sorted(left, key=lambda t: t.i)[-(_MAX_WORDS - 1):] + [head]
    while words and words[0] != head and (words[0].dep_ in ("punct", "case", "prep")
                                              or words[0].is_punct or _perfect_verb(words[0])):
        words = words[1:]
    # only a contiguous stretch: a gap means the parse wandered (a dropped "the" is no gap:
    # "a relaxation of the rules" -> "relaxation of rules")
    start = next(i for i, t in enumerate(words) if t == head)
    lo = start
    while lo > 0 and _adjacent(words[lo - 1], words[lo]):
        lo -= 1
    hi = start
    while hi + 1 < len(words) and _adjacent(words[hi], words[hi + 1]):
        hi += 1
    words = words[lo:hi + 1]
    while words[-1] != head and (words[-1].dep_ == "prep" or words[-1].is_punct):
        words = words[:-1]  # never end on a preposition: "full control of"
    return words


def _adjacent(before: Token, after: Token) -> bool:
    """Whether only determiners (which phrases drop) stand between two tokens."""
    return after.i > before.i and all(t.dep_ in ("det", "predet") or t.lower_ in PRONOUN_POSSESSIVES
                                      for t in before.doc[before.i + 1:after.i])


def _perfect_verb(token: Token) -> bool:
    """``has backed rebels`` misparsed: ``backed`` is the verb of ``has``, not a modifier."""
    before = token.doc[token.i - 1] if token.i else None
    return token.dep_ == "amod" and token.lower_.endswith("ed") and before is not None \
        and before.lemma_ == "have"


def _keeps(token: Token, head: Token) -> bool:
    if token.dep_ in ("det", "predet") or token.lower_ in PRONOUN_POSSESSIVES:
        return False
    if token.dep_ in ("relcl", "acl", "appos", "cc", "conj", "advcl", "punct") and token.head == head:
        return False
    return all(a.dep_ in _LEFT or a == head for a in _path(token, head))


def _path(token: Token, head: Token) -> list[Token]:
    out = []
    while token != head and token.head != token:
        out.append(token)
        token = token.head
    return out


def head_lemma(head: Token) -> str:
    """The head's lemma, lower-cased, mending one English lemmatizer slip: a plural in ``-xes``
    is never a Greek ``-xis`` plural (``crises`` -> ``crisis`` is right, ``boxes`` -> ``boxis``
    is not).

    >>> from kg.parse import load_nlp
    >>> [head_lemma(t) for t in load_nlp()("taxes and crises") if t.pos_ == "NOUN"]
    ['tax', 'crisis']
    """
    lemma = head.lemma_.lower()
    if lemma.endswith("xis") and head.lower_.endswith("xes"):
        return head.lower_[:-2]
    return lemma


def phrase_key(words: list[Token], head: Token, article: str) -> str:
    """Lower-case words, head lemmatised; ``@article`` appended when the phrase is generic."""
    text = " ".join(head_lemma(head) if t == head else t.lower_ for t in words)
    specific = any(t != head and t.is_alpha and not t.is_stop and t.lower_ not in _VAGUE
                   or t != head and t.ent_type_ and not t.is_punct
                   or t != head and any(c.isdigit() for c in t.text) and t.dep_ == "compound"
                   for t in words)
    return text if specific else f"{text}@{article}"


def phrase_mention(head: Token, article: str) -> Mention:
    """The ``CONCEPT`` mention of ``head``'s noun phrase (see the module docstring)."""
    words = phrase_tokens(head)
    start, end = words[0].idx, words[-1].idx + len(words[-1])
    return Mention(article, start, end, doc_text(head.doc)[start:end], "CONCEPT", sentence_span(head),
                   head_lemma(head), key=phrase_key(words, head, article))


def about_facts(article: Article, doc: Doc, index, used: set[tuple[int, int]]) -> list[Fact]:
    """``phrase -about-> entity`` for every entity mention inside a phrase node but its head
    (phrases of ``used`` spans only: a phrase no kept fact names makes no node)."""
    out: list[Fact] = []
    for head, phrase in index.concepts():
        if (phrase.start, phrase.end) not in used:
            continue
        seen: set[tuple[int, int]] = set()
        for token in doc.char_span(phrase.start, phrase.end, alignment_mode="expand") or ():
            if token.i == head.i:
                continue
            mention = index.at(token)
            if mention is None or mention.label not in ENTITY_LABELS | {"PRON"} \
                    or (mention.start, mention.end) in seen \
                    or not (phrase.start <= mention.start and mention.end <= phrase.end):
                continue
            if mention.label == "PRON" and token.lower_ not in PRONOUN_POSSESSIVES:
                continue
            seen.add((mention.start, mention.end))
            out.append(Fact(article.id, phrase, "about", mention, "about", phrase.sentence,
                            date=None, date_source="article", pattern="about"))
    return out
