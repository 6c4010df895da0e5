"""The verb group of a clause, read in one pass over its verbs' children.

A clause's verb group is its control chain (``is set to meet``: ``set`` and ``meet``, see
:func:`.predicates.control_chain`). Its relation words, mood, negation, objects, complements
and prepositional phrases all hang off those verbs, so one walk over their children sorts them
into :class:`VerbGroup`'s slots: the clause rules read slots instead of rescanning the tree
for each question (a clause used to walk the same children nine times).

Modality: ``may/might/could/can`` -> possible; ``will/would/shall`` -> future; ``must/should``
-> necessary; ``is set/scheduled/expected to`` -> planned; ``hopes/wants/seeks to`` ->
intended; ``is likely to`` -> expected, ``is keen to`` -> intended, ``was unable to`` -> negated; ``refused/failed to`` and ``stopped supplying`` mark the clause negated, a
negated factive verb's gerund does not (``can't remember leaving``).

>>> from spacy.lang.en import English
>>> from spacy.tokens import Doc
>>> doc = Doc(English().vocab, words=["Ann", "will", "not", "meet", "Bo"], heads=[3, 3, 3, 3, 3],
...           deps=["nsubj", "aux", "neg", "ROOT", "dobj"], pos=["PROPN", "AUX", "PART", "VERB", "PROPN"],
...           tags=["NNP", "MD", "RB", "VB", "NNP"])
>>> g = verb_group(Parse(doc), [3])
>>> g.rel, g.modality, g.negated, g.objs
([1, 2, 3], 'future', True, [4])
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.openie.tokens import Parse
from kg.extract.wordlists import FACTIVE_VERBS

_RELPRON = frozenset({"who", "which", "that", "whom"})
# Control/raising verbs whose xcomp carries the event; their lemma sets the modality.
PLANNED = frozenset({"set", "schedule", "due", "expect", "plan", "slate", "prepare", "poise"})
INTENDED = frozenset({"hope", "want", "intend", "seek", "aim", "try", "attempt", "wish", "vow",
                      "threaten", "promise", "pledge", "offer", "propose", "decide", "agree",
                      "plot", "strive", "endeavour", "endeavor", "mean"})
# Refusal, failure and cessation: what the xcomp says does not (or no longer) happen:
# "refused to leave", "failed to win", "stopped supplying gas".
# Adjectives before an infinitive ("is likely to win", "keen to stand") that leave the event
# unrealised, and those that deny it ("unable to pay").
_ADJECTIVE_MOODS = {**dict.fromkeys(("likely", "certain", "sure", "bound"), "expected"),
                    **dict.fromkeys(("keen", "eager", "willing", "ready", "determined", "anxious",
                                     "desperate", "impatient"), "intended"),
                    **dict.fromkeys(("due", "set", "poised", "scheduled"), "planned"),
                    "free": "possible", "reluctant": "intended", "unwilling": "intended"}
_NEGATING_ADJECTIVES = frozenset({"unable", "unlikely", "powerless", "unwilling", "reluctant",
                                  "loath", "loth"})
REFUSED = frozenset({"refuse", "decline", "fail", "stop", "cease", "quit", "halt", "discontinue",
                     "deny"})  # "denied accusing Germany": the accusation is denied
_MODALS = {"may": "possible", "might": "possible", "could": "possible", "can": "possible",
           "will": "future", "shall": "future", "'ll": "future", "wo": "future", "would": "future",
           "must": "necessary", "should": "necessary", "ought": "necessary"}
_REL_DEPS = frozenset({"aux", "auxpass", "neg", "prt"})
_PREP_DEPS = frozenset({"prep", "agent", "dative"})
_COMP_DEPS = frozenset({"attr", "acomp", "oprd"})
# Temporal adverbs that are complements worth keeping ("met yesterday"): a closed class.
TIME_ADVS = frozenset({"yesterday", "today", "tomorrow", "tonight", "recently", "later",
                       "earlier", "now", "soon", "then", "previously", "currently", "ago"})


@dataclass(slots=True)
class VerbGroup:
    """What hangs off a clause's verbs, as token indices in text order."""

    rel: list[int]  # relation words: verbs, auxiliaries, negation, particles, inner adverbs
    modality: str | None
    negated: bool  # a negation, or a refusal ("refused to leave")
    objs: list[int]  # direct objects of the last verb (relative pronouns left out)
    comps: list[int]  # its attr/acomp/oprd complements
    clausal: list[int]  # its clausal objects (ccomp)
    expl: bool  # an expletive subject: "there were talks"
    preps: list[int]  # prep/agent/dative children of any verb, with an object
    adverbials: list[int]  # npadvmod and temporal advmod children, verb by verb


def verb_group(p: Parse, chain: list[int]) -> VerbGroup:
    """Read the verb group ``chain`` (its last verb carries the objects) in one pass."""
    dep, lower, tag, children = p.dep, p.lower, p.tag, p.children
    x = chain[-1]
    toks: list[int] = []
    first = chain[0]
    adj = p.head[first]
    gate: tuple[str | None, bool] = (None, False)
    if dep[first] == "xcomp" and p.pos[adj] == "ADJ" and dep[adj] == "acomp":
        # "was able to control", "were unable to see": the copula and adjective come along.
        cop = p.head[adj]
        toks += [adj, cop] + [c for c in children[cop] if dep[c] in ("aux", "neg")]
        gate = _adjective_mood(lower[adj], any(dep[c] == "neg" for c in children[cop]))
    modal = None
    negated = expl = False
    objs: list[int] = []
    comps: list[int] = []
    clausal: list[int] = []
    preps: list[int] = []
    adverbials: list[int] = []
    advmods: list[int] = []
    for k, v in enumerate(chain):
        toks.append(v)
        last = v == x
        # "can't remember shooting him": the shooting is presupposed, not denied
        factive = not last and tag[chain[k + 1]] == "VBG" and bool(_forms(p, v) & FACTIVE_VERBS)
        for c in children[v]:
            d = dep[c]
            if d in _REL_DEPS:
                toks.append(c)
                negated = negated or (d == "neg" and not factive)
            elif d in _PREP_DEPS:
                o = c if d == "dative" else p.kid(c, "pobj", "pcomp")
                if o is not None and lower[o] not in _RELPRON:  # "in which" belongs elsewhere
                    preps.append(c)
            elif d == "advmod":
                advmods.append(c)
                if lower[c] in TIME_ADVS:
                    adverbials.append(c)
            elif d == "npadvmod":
                adverbials.append(c)
            elif not last:
                pass  # objects and complements are the last verb's ("wants to buy X")
            elif d == "dobj":
                if lower[c] not in _RELPRON:
                    objs.append(c)
            elif d in _COMP_DEPS:
                comps.append(c)
            elif d == "ccomp":
                clausal.append(c)
            elif d == "expl":
                expl = True
            if modal is None and tag[c] == "MD":
                modal = _MODALS.get(lower[c])
    toks.sort()
    lo, hi = toks[0], toks[-1]
    for c in advmods:  # "has also been", "also bought": adverbs inside or just before the group
        if (lo < c < hi or c == lo - 1) and not children[c]:
            toks.append(c)
    modality, refused = _mood(p, chain, modal)
    return VerbGroup(sorted(set(toks)), modality or gate[0], negated or refused or gate[1], objs,
                     comps, clausal, expl, preps, adverbials)


def _adjective_mood(adjective: str, copula_negated: bool) -> tuple[str | None, bool]:
    """(modality, negated) an adjective before an infinitive gives its event: ``is likely to
    win`` -> expected, ``is keen to win`` -> intended, ``was unable to pay`` and ``was not able
    to pay`` -> negated, ``was able to pay`` -> as stated.

    >>> _adjective_mood("likely", False), _adjective_mood("able", True), _adjective_mood("able", False)
    (('expected', False), (None, True), (None, False))
    """
    modality = _ADJECTIVE_MOODS.get(adjective)
    negated = copula_negated or adjective in _NEGATING_ADJECTIVES
    if adjective == "unlikely":
        modality = "expected"
    return modality, negated


def _mood(p: Parse, chain: list[int], modal: str | None) -> tuple[str | None, bool]:
    """(modality, refused) from the modal verb and the control verbs of ``chain``."""
    control = None
    refused = False
    for v in chain[:-1]:
        forms = _forms(p, v)
        if forms & PLANNED and control is None:
            control = "planned"
        elif forms & INTENDED and control is None:
            control = "intended"
        elif forms & REFUSED:
            refused = True
    if modal == "possible" or modal == "necessary":
        return modal, refused
    return control or modal, refused


def _forms(p: Parse, v: int) -> set[str]:
    return verb_forms(p.lemma[v], p.lower[v])


def verb_forms(lemma: str, word: str) -> set[str]:
    """Lemma candidates of a verb: its lemma, and its word with inflection stripped.

    The small model sometimes lemmatizes wrongly (``hopes`` -> ``hop``), so control verbs
    are also matched on their surface form: ``hopes``, ``hoped``, ``hoping`` -> ``hope``.

    >>> "hope" in verb_forms("hop", "hopes")
    True
    """
    w = word
    return {lemma, w, w[:-1], w[:-2], w[:-3], w[:-3] + "e", w[:-2] + "e"}
