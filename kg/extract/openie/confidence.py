"""Confidence of a clause tuple from the features of the rule that built it.

A logistic model: :func:`clause_features` describes how a tuple was built (rule family,
how the subject was found, a missing object, argument lengths, extras, pronouns, a ``be`` or
``have`` predicate, depth under the root, position in the sentence, a verb inside a noun
argument, a discontinuous relation, sentence length ...), and :data:`WEIGHTS` turns them into
log-odds. ``python benchmarks/openie.py --fit`` fits the weights (a logistic regression of how
well a tuple matches its best gold tuple, ``(2 P + R) / 3`` in tokens, over CaRB dev);
``--cv`` reports the 2-fold cross-validated score. No word or sentence of the benchmark
enters the model.

>>> from kg.extract.openie.clauses import Clause
>>> a = clause_confidence(Clause("svo", [1], 1, (0, 1, 0), (2, 3, 2)))
>>> b = clause_confidence(Clause("svo", [1], 1, (0, 1, 0), None, subj_how="acl"))
>>> 0 < b < a < 1
True
"""

from __future__ import annotations

import math
from itertools import repeat
from operator import mul

from kg.extract.openie.clauses import Clause
from kg.extract.openie.tokens import Parse

# Fitted by benchmarks/openie.py --fit (see the module docstring); unknown features weigh 0.
WEIGHTS: dict[str, float] = {
    "arg1_long": -0.06, "arg1_pron": -0.18, "arg1_propn": 0.16, "arg1_relpron": 0.16, "arg2_comma":
    -0.22, "arg2_long": -0.01, "arg2_pron": -0.29, "arg2_propn": -0.05, "arg2_short": -0.22,
    "arg2_verb": -0.36, "attributed": -0.32, "be_have": -0.16, "bias": 0.52, "depth": -0.1,
    "extras": -0.04, "gerund": -0.15, "implicit_be": -0.06, "long_sentence": -0.1, "modal": -0.21,
    "negated": -0.16, "no_arg1": -0.12, "no_arg2": -2.61, "no_arg2_extras": 0.23, "participle":
    0.07, "pattern=amod": -0.78, "pattern=appos": 0.39, "pattern=clausal": -0.14, "pattern=copula":
    0.23, "pattern=light": -0.21, "pattern=located": -0.29, "pattern=passive": 0.35,
    "pattern=poss": -1.64, "pattern=relcl-obj": 0.42, "pattern=speech": 0.76, "pattern=svo": 0.3,
    "pattern=svo+prep": 0.35, "pattern=title": 0.26, "rel_discont": -0.48, "rel_len": 0.21,
    "rel_pos": -0.6, "relcl": 0.09, "root": 0.36, "sent_len": -0.05, "split": 0.02, "subj=acl":
    -0.22, "subj=advcl": -0.03, "subj=conj": 0.42, "subj=expl": -0.27, "subj=none": -0.12,
    "subj=own": 0.18, "subj=relcl": -0.04, "subj=xcomp": 0.09}
# Feature names built once, not per tuple.
_SUBJECT_KEYS = {how: "subj=" + how for how in "own conj relcl xcomp advcl acl none expl".split()}
_PATTERN_KEYS = {k[8:]: k for k in WEIGHTS if k.startswith("pattern=")}
_RELPRON = frozenset({"who", "which", "that", "whom"})
_CLAUSAL = frozenset({"speech", "clausal"})
_ZEROS = repeat(0.0)  # the default weight of an unknown feature, for map()


def clause_features(c: Clause, p: Parse | None = None) -> dict[str, float]:
    """The model's features of one tuple (``p`` adds those read from the parse).

    >>> from kg.extract.openie.clauses import Clause
    >>> f = clause_features(Clause("svo+relcl", [1], 1, (0, 1, 0), None))
    >>> f["pattern=svo"], f["relcl"], f["no_arg2"], "negated" in f
    (1.0, 1.0, 1.0, False)
    """
    pattern = c.pattern
    relcl = pattern.endswith("+relcl")
    if relcl:
        pattern = pattern[:-6]
    # Sparse: a feature that is 0 is left out (the model runs once per tuple, in the hot path).
    f = {"bias": 1.0, _PATTERN_KEYS.get(pattern) or "pattern=" + pattern: 1.0,
         _SUBJECT_KEYS.get(c.subj_how, "subj=other"): 1.0,
         "rel_len": float(min(len(c.rel), 5)), "sent_len": c.sent_len / 20}
    if relcl:
        f["relcl"] = 1.0
    if c.split:
        f["split"] = 1.0
    if c.sent_len > 30:
        f["long_sentence"] = 1.0
    if c.attribution is not None:
        f["attributed"] = 1.0
    if c.modality is not None:
        f["modal"] = 1.0
    if c.negated:
        f["negated"] = 1.0
    if -1 in c.rel:
        f["implicit_be"] = 1.0
    if c.extras:
        f["extras"] = float(len(c.extras))
    if c.arg2 is None:
        # Open IE gold almost always has a second argument: a bare "X | left" rarely matches.
        f["no_arg2_extras" if c.extras else "no_arg2"] = 1.0
    else:
        n2 = c.arg2[1] - c.arg2[0]
        if pattern not in ("speech", "clausal"):  # clauses are long by nature
            f["arg2_long"] = float(max(0, n2 - 6))
        f["arg2_short"] = float(n2 <= 2)
    if c.arg1 is not None:
        f["arg1_long"] = float(max(0, c.arg1[1] - c.arg1[0] - 6))  # often over-attached
    else:
        f["no_arg1"] = 1.0
    if p is not None:
        _parse_features(c, p, f)
    return f


def _parse_features(c: Clause, p: Parse, f: dict[str, float]) -> None:
    pos = p.pos
    if c.arg1 is not None:
        h1 = pos[c.arg1[2]]
        if h1 == "PRON" and c.arg1[1] - c.arg1[0] == 1:
            f["arg1_pron"] = 1.0  # "it", "they": the tuple says little without coreference
        elif h1 == "PROPN":
            f["arg1_propn"] = 1.0
        a1 = c.arg1
        if a1[1] - a1[0] == 1 and p.lower[a1[0]] in _RELPRON:
            f["arg1_relpron"] = 1.0  # "which | worried | X": a bare relative pronoun
    if c.arg2 is not None:
        lo2, hi2, h2 = c.arg2
        h2 = pos[h2]
        if h2 in ("PRON", "PROPN"):
            f["arg2_" + h2.lower()] = 1.0
        if "," in p.lower[lo2:hi2]:
            f["arg2_comma"] = 1.0  # a list or a loose attachment
        if "VERB" in pos[lo2:hi2] and c.pattern.split("+")[0] not in _CLAUSAL:
            f["arg2_verb"] = 1.0  # a noun argument with a clause inside: often over-long
    rel = [r for r in c.rel if r >= 0]
    if rel:
        # Early predicates are the main clause's; late ones sit deep in modifiers.
        f["rel_pos"] = (rel[0] - c.sent_lo) / max(1, c.sent_len)
        if rel[-1] - rel[0] >= len(rel):
            f["rel_discont"] = 1.0  # "has allowed ... to dress": words between, often wrong
    v = c.verb
    if p.lemma[v] in ("be", "have") and c.pattern != "appos":
        f["be_have"] = 1.0
    tag = p.tag[v]
    if tag == "VBG":
        f["gerund"] = 1.0
    elif tag == "VBN":
        f["participle"] = 1.0
    depth = 0
    while p.head[v] != v and depth < 4:
        v = p.head[v]
        depth += 1
    if depth:
        f["depth"] = float(depth)
    else:
        f["root"] = 1.0


def clause_confidence(c: Clause, p: Parse | None = None) -> float:
    """Probability-like score in (0, 1) for one clause tuple (``p`` adds parse features).

    Equal to ``confidence_of(clause_features(c, p))``; with a parse, the weighted sum is
    taken as the features are found (the hot path: once per tuple), in the same order, so
    the result is the same to the last bit.
    """
    return confidence_of(clause_features(c, p)) if p is None else _logistic(_score(c, p))


def _score(c: Clause, p: Parse) -> float:
    # Mirrors clause_features + _parse_features term by term (same order: same float sum);
    # a zero-valued or unweighted feature adds nothing. test_openie_confidence checks them.
    w = _W
    pattern = c.pattern
    relcl = pattern.endswith("+relcl")
    if relcl:
        pattern = pattern[:-6]
    z = 0
    z += w["bias"]
    z += w.get(_PATTERN_KEYS.get(pattern) or "pattern=" + pattern, 0.0)
    z += w.get(_SUBJECT_KEYS.get(c.subj_how, "subj=other"), 0.0)
    z += w["rel_len"] * float(min(len(c.rel), 5))
    z += w["sent_len"] * (c.sent_len / 20)
    z += w["relcl"] if relcl else 0.0
    z += w["split"] if c.split else 0.0
    if c.sent_len > 30:
        z += w["long_sentence"]
    z += w["attributed"] if c.attribution is not None else 0.0
    z += w["modal"] if c.modality is not None else 0.0
    z += w["negated"] if c.negated else 0.0
    if -1 in c.rel:
        z += w["implicit_be"]
    if c.extras:
        z += w["extras"] * float(len(c.extras))
    a1, a2 = c.arg1, c.arg2
    if a2 is None:
        z += w["no_arg2_extras" if c.extras else "no_arg2"]
    else:
        n2 = a2[1] - a2[0]
        if pattern not in ("speech", "clausal"):
            z += w["arg2_long"] * float(max(0, n2 - 6))
        z += w["arg2_short"] * float(n2 <= 2)
    if a1 is not None:
        z += w["arg1_long"] * float(max(0, a1[1] - a1[0] - 6))
    else:
        z += w["no_arg1"]
    pos = p.pos
    if a1 is not None:
        h1 = pos[a1[2]]
        if h1 == "PRON" and a1[1] - a1[0] == 1:
            z += w["arg1_pron"]
        elif h1 == "PROPN":
            z += w["arg1_propn"]
        if a1[1] - a1[0] == 1 and p.lower[a1[0]] in _RELPRON:
            z += w["arg1_relpron"]
    if a2 is not None:
        lo2, hi2, h2 = a2
        h2 = pos[h2]
        if h2 == "PRON":
            z += w["arg2_pron"]
        elif h2 == "PROPN":
            z += w["arg2_propn"]
        if "," in p.lower[lo2:hi2]:
            z += w["arg2_comma"]
        if "VERB" in pos[lo2:hi2] and c.pattern.split("+")[0] not in _CLAUSAL:
            z += w["arg2_verb"]
    rel = [r for r in c.rel if r >= 0]
    if rel:
        z += w["rel_pos"] * ((rel[0] - c.sent_lo) / max(1, c.sent_len))
        if rel[-1] - rel[0] >= len(rel):
            z += w["rel_discont"]
    v = c.verb
    if p.lemma[v] in ("be", "have") and c.pattern != "appos":
        z += w["be_have"]
    tag = p.tag[v]
    if tag == "VBG":
        z += w["gerund"]
    elif tag == "VBN":
        z += w["participle"]
    depth = 0
    head = p.head
    while head[v] != v and depth < 4:
        v = head[v]
        depth += 1
    z += w["depth"] * float(depth) if depth else w["root"]
    return z


# Every weight _score reads, 0.0 where a refit dropped it (the hot path indexes, no .get).
_W = {**dict.fromkeys(
    "bias rel_len sent_len relcl split long_sentence attributed modal negated implicit_be extras "
    "no_arg2_extras no_arg2 arg2_long arg2_short arg1_long no_arg1 arg1_pron arg1_propn "
    "arg1_relpron arg2_pron arg2_propn arg2_comma arg2_verb rel_pos rel_discont be_have gerund "
    "participle depth root".split(), 0.0), **WEIGHTS}


def _logistic(z: float) -> float:
    return round(1 / (1 + math.exp(-max(-30.0, min(30.0, z)))), 4)


def confidence_of(features: dict[str, float], weights: dict[str, float] | None = None) -> float:
    """The logistic of the weighted feature sum, rounded to four places."""
    get = (WEIGHTS if weights is None else weights).get
    # weight * value summed in the features' order, in C loops (the hot path).
    z = sum(map(mul, map(get, features, _ZEROS), features.values()))
    return _logistic(z)
