"""Negation, modality and attribution from the whole clause chain above a predicate.

Open IE reads each clause on its own: in ``Mr Blair was being urged to push for action`` the
clause ``Blair push for action`` is plain, and in ``this does not mean Turkey should be barred``
the negation sits on ``mean``. :func:`chain_scope` walks from the predicate up through the
clauses that embed it (``xcomp``, ``ccomp``, ``advcl``, a noun's ``acl``) and collects what the
governing words do to it:

* a negated governor (``does not mean``, ``did not say``), a refused one (``refused to confirm
  he is leaving``) or a denial (``denied accusing``)
  -> negated, but not a factive one's gerund (``can't remember shooting him``: he was shot);
* a governor that asks or plans (``urged to``, ``called for``, ``plans to``, ``promised to``)
  -> modality ``urged`` / ``planned``; a modal on a governor (``could help ... to``) -> ``possible``;
* a conditional clause (``if he wins``, ``unless``) on the way up -> ``conditional``;
* a claim (``claims that he fiddled the figures``) -> ``alleged``, negated when denied; a
  for-to clause (``its call for the UK to leave``) -> ``intended``; a negated judgement
  (``it was not surprising that he left``) negates nothing, unlike ``it is not true that``;
* a speech verb's subject (``Davis said ...``) -> attribution.

A verb conjoined to another is governed as its first conjunct is (``hopes they will act and
scrap the law``: the scrapping is hoped for too).

>>> from kg.parse import load_nlp
>>> doc = load_nlp()("Blair was urged to sack Brown.")
>>> chain_scope(doc[4])
Scope(negated=False, modality='urged', attribution=None)
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Token

from kg.extract.openie.verbgroup import verb_forms
from kg.extract.wordlists import (CONDITIONAL_MARKS, DENIAL_VERBS, FACTIVE_VERBS, PLAN_NOUNS,
                                  PLAN_VERBS, PROSPECTIVE_ADJECTIVES, SPEECH_VERBS, URGE_VERBS)

_EMBEDDING = frozenset({"xcomp", "ccomp", "advcl", "acl", "relcl", "pcomp", "pobj", "prep"})
_POSSIBLE_MODALS = frozenset({"may", "might", "could", "can", "would", "should", "must"})
_MAX_STEPS = 6
# Nouns whose clause is someone's claim, not a fact: "claims that he fiddled the figures".
CLAIM_NOUNS = frozenset({"claim", "allegation", "accusation", "suggestion", "rumour", "rumor",
                         "speculation", "report", "assertion", "charge", "belief", "theory",
                         "fear", "suspicion", "idea", "notion", "impression", "perception"})
_REFUSING = frozenset({"refuse", "decline", "fail"})
_REJECTING = frozenset({"reject", "deny", "dismiss", "refute", "rebut", "quash", "scotch"})
# Judgements whose negation negates the clause: "it is not true that ...".
_TRUTH_WORDS = frozenset({"true", "correct", "right", "accurate", "case", "fact", "so"})


class Scope(NamedTuple):
    negated: bool = False
    modality: str | None = None
    attribution: str | None = None


def chain_scope(verb: Token, *, merged: bool = True) -> Scope:
    """What the clauses above ``verb`` say about it (its own clause is Open IE's business).

    A fact inside a relative clause keeps its own polarity (``the man who did not come``
    negates nothing above it); the walk stops at the sentence root or after a few steps.
    ``merged``: the relation runs on into ``verb``'s infinitive (``was urged to push for``),
    so an urging or planning ``verb`` puts the fact in doubt; without it the fact is the
    urging itself (``the NAO urged the government``), which is plainly stated.
    """
    negated, modality, attribution = False, None, None
    token = verb
    # "was urged to push for": the governor merged into the relation, its xcomp the event
    if merged and any(c.dep_ == "xcomp" for c in verb.children):
        lemma = verb.lemma_.lower()
        modality = "urged" if lemma in URGE_VERBS else "planned" if lemma in PLAN_VERBS else None
    # "its call for the UK to leave": a for-to clause names something wanted, not done
    intended = any(c.dep_ == "mark" and c.lower_ == "for" for c in verb.children) and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
    for _ in range(_MAX_STEPS):
        while token.dep_ == "conj" and token.head.pos_ in ("VERB", "AUX") and token.head != token:
            token = token.head  # "hope he will act and scrap it": scrap is governed as act is
        dep = token.dep_
        if dep == "advcl" and any(c.dep_ == "mark" and c.lower_ in CONDITIONAL_MARKS
                                  for c in token.children):
            modality = modality or "conditional"
        if dep not in _EMBEDDING or token.head == token:
            break
        head = token.head
        if dep == "relcl" and not _content_clause(token):
            break
        if dep in ("prep", "pobj", "pcomp") and head.pos_ not in ("VERB", "AUX", "NOUN"):
            break
        lemma = head.lemma_.lower()
        if head.pos_ in ("VERB", "AUX"):
            forms = verb_forms(lemma, head.lower_)  # "hopes" lemmatized "hop" is still "hope"
            factive = bool(forms & FACTIVE_VERBS) and token.tag_ == "VBG"  # "can't remember shooting"
            if any(c.dep_ == "neg" for c in head.children) and dep in ("xcomp", "ccomp") and \
                    not _evaluated(head) and not factive:
                negated = True
            if _denies(head, forms) and dep in ("xcomp", "ccomp", "pcomp"):
                negated = True
            if forms & _REFUSING and dep == "xcomp":
                negated = True  # "refused to confirm he is setting up a party": not asserted
            if forms & URGE_VERBS:
                modality = modality or "urged"
            elif forms & PLAN_VERBS:
                modality = modality or "planned"
            if any(c.dep_ == "aux" and c.lower_ in _POSSIBLE_MODALS for c in head.children) \
                    and dep in ("xcomp", "ccomp"):
                modality = modality or "possible"
            if forms & SPEECH_VERBS and dep == "ccomp" and attribution is None:
                subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                if subject is not None and subject.pos_ != "PRON":
                    attribution = " ".join(t.text for t in subject.subtree
                                           if t.dep_ in ("compound", "flat") or t == subject)
        elif head.pos_ == "NOUN" and dep == "acl" and lemma in PLAN_NOUNS:
            modality = modality or "planned"
        elif head.pos_ == "NOUN" and dep in ("acl", "ccomp", "relcl") and lemma in CLAIM_NOUNS:
            # "denied claims that he had fiddled the figures": a claim is no fact, a denied one
            # is denied
            modality = modality or "alleged"
            if head.dep_ == "dobj" and head.head.lemma_.lower() in DENIAL_VERBS | _REJECTING:
                negated = True
        token = head
    if intended:
        modality = modality or "intended"
    if _headline_future(token):
        modality = modality or "planned"
    if verb.pos_ == "NOUN" and _prospective_noun(verb):
        modality = modality or "planned"
    return Scope(negated, modality, attribution)


def _prospective_noun(noun: Token) -> bool:
    """Whether an event noun is only planned or expected: an adjective says so (``the planned
    visit``, ``an upcoming summit``, ``his long-anticipated trip``), or it is what a plan or
    preparations are for (``plans for a meeting``, ``preparations are underway for the
    president's visit``, where the ``for`` may hang on the clause the plan noun is subject of).

    >>> from kg.parse import load_nlp
    >>> doc = load_nlp()("Preparations are underway for Ann's visit to Oslo after Bob's visit to Rome.")
    >>> [_prospective_noun(t) for t in doc if t.lower_ == "visit"]
    [True, False]
    """
    if any(c.dep_ == "amod" and (c.lower_ in PROSPECTIVE_ADJECTIVES or c.lemma_.lower() in PROSPECTIVE_ADJECTIVES)
           for c in noun.children):
        return True
    while noun.dep_ == "conj" and noun.head.pos_ == "NOUN":
        noun = noun.head  # "plans for a visit and talks": the talks are planned too
    if noun.dep_ != "pobj" or noun.head.lower_ != "for":
        return False
    holder = noun.head.head
    if holder.pos_ == "NOUN":
        return holder.lemma_.lower() in PLAN_NOUNS
    return holder.pos_ in ("AUX", "VERB") and any(
        c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in PLAN_NOUNS for c in holder.children)


def _headline_future(root: Token) -> bool:
    """Whether the clause a walk ended at is a headline's future: a sentence whose root is
    a bare infinitive with its own subject (``Merkel to meet Xi in Beijing``, ``Police to
    question the driver``) says what will happen, as ``is to`` does; clauses under it
    (``... to discuss trade``) are as planned as it is."""
    return root.dep_ == "ROOT" and root.tag_ == "VB" and \
        any(c.dep_ == "aux" and c.lower_ == "to" for c in root.children) and \
        any(c.dep_ in ("nsubj", "nsubjpass") for c in root.children) and \
        not any(c.dep_ == "aux" and c.tag_ != "TO" for c in root.children)


def _denies(verb: Token, forms: set[str]) -> bool:
    """A verb of denial: ``denied``, ``dismissed``, ``ruled out`` (``ruled that`` decides).

    >>> from kg.parse import load_nlp
    >>> [_denies(t, {t.lemma_}) for t in load_nlp()("Ann ruled out leaving; judges ruled that she left.")
    ...  if t.lemma_ == "rule"]
    [True, False]
    """
    if "rule" in forms:
        return any(c.dep_ == "prt" and c.lower_ == "out" for c in verb.children)
    return bool(forms & DENIAL_VERBS)


def _content_clause(clause: Token) -> bool:
    """``reports he had quit``, parsed as a relative clause of ``reports``: a claim noun's
    clause with no relative word and an object of its own says what the claim is (``the
    reports he wrote`` lacks its object: a real relative clause, which keeps its polarity).

    >>> from kg.parse import load_nlp
    >>> doc = load_nlp()("Ann dismissed reports she told Bob she would quit.")
    >>> chain_scope(doc[4]).negated
    True
    """
    if clause.head.lemma_.lower() not in CLAIM_NOUNS:
        return False
    kids = list(clause.children)
    relative = any(c.tag_ in ("WDT", "WP", "WP$") or c.lower_ == "that" and c.dep_ != "mark" for c in kids)
    return not relative and any(c.dep_ in ("dobj", "ccomp", "dative") for c in kids)


def _evaluated(copula: Token) -> bool:
    """``it was not surprising that X left``: a negated judgement of a clause (not
    ``it is not true that X left``), which leaves the clause as stated."""
    if copula.lemma_.lower() != "be":
        return False
    judged = [c for c in copula.children if c.dep_ in ("acomp", "attr")]
    return bool(judged) and all(c.lemma_.lower() not in _TRUTH_WORDS for c in judged)
