"""Confidence of a clause tuple from the features of the rule that built it.

A logistic model: :func:`clause_features` describes how a tuple was built (the rule family,
how the subject was found, a missing object, argument lengths, extras, pronouns, a ``be`` or
``have`` predicate, the clause's depth under the root, the sentence's length ...), and
:data:`WEIGHTS` turns them into a log-odds score. The weights were fitted with
``python benchmarks/openie.py --fit`` (a logistic regression of "how well does this tuple
match a gold tuple" on these features over CaRB dev, rounded); ``--cv`` reports the 2-fold
cross-validated score. No word or sentence of the benchmark enters the model.

>>> from kg.extract.openie.clauses import Clause
>>> a = clause_confidence(Clause("svo", [1], 1, (0, 1, 0), (2, 3, 2)))
>>> b = clause_confidence(Clause("svo", [1], 1, (0, 1, 0), None, subj_how="acl"))
>>> 0 < b < a < 1
True
"""

from __future__ import annotations

import math

from kg.extract.openie.clauses import Clause
from kg.extract.openie.tokens import Parse

# Fitted by benchmarks/openie.py --fit (see the module docstring); unknown features weigh 0.
WEIGHTS: dict[str, float] = {
    "arg1_long": -0.1, "arg1_pron": -0.13, "arg1_propn": 0.15, "arg2_comma": -0.48, "arg2_long":
    -0.05, "arg2_pron": -0.2, "arg2_propn": -0.06, "arg2_short": -0.14, "attributed": -0.29,
    "be_have": -0.25, "bias": 0.53, "depth": -0.13, "extras": -0.22, "gerund": -0.19,
    "implicit_be": 0.06, "long_sentence": -0.06, "modal": -0.28, "negated": -0.17, "no_arg1":
    -0.06, "no_arg2": -2.71, "no_arg2_extras": 0.36, "participle": 0.13, "pattern=appos": 0.49,
    "pattern=clausal": -0.23, "pattern=copula": 0.25, "pattern=light": -0.29, "pattern=passive":
    0.19, "pattern=poss": -1.53, "pattern=relcl-obj": 0.26, "pattern=speech": 0.68, "pattern=svo":
    0.27, "pattern=svo+prep": 0.24, "pattern=title": -0.33, "rel_len": 0.2, "relcl": 0.12, "root":
    0.31, "sent_len": -0.08, "split": 0.02, "subj=acl": -0.37, "subj=advcl": 0.03, "subj=conj":
    0.41, "subj=expl": -0.31, "subj=none": -0.06, "subj=own": 0.17, "subj=relcl": -0.08,
    "subj=xcomp": 0.22
}
_SUBJECTS = frozenset({"own", "conj", "relcl", "xcomp", "advcl", "acl", "none", "expl"})


def clause_features(c: Clause, p: Parse | None = None) -> dict[str, float]:
    """The model's features of one tuple (``p`` adds those read from the parse).

    >>> from kg.extract.openie.clauses import Clause
    >>> f = clause_features(Clause("svo+relcl", [1], 1, (0, 1, 0), None))
    >>> f["pattern=svo"], f["relcl"], f["no_arg2"], "negated" in f
    (1.0, 1.0, 1.0, False)
    """
    pattern = c.pattern.split("+relcl")[0]
    # Sparse: a feature that is 0 is left out (the model runs once per tuple, in the hot path).
    f = {"bias": 1.0, "pattern=" + pattern: 1.0,
         "subj=" + (c.subj_how if c.subj_how in _SUBJECTS else "other"): 1.0,
         "rel_len": float(min(len(c.rel), 5)), "sent_len": c.sent_len / 20}
    for name, on in (("relcl", "+relcl" in c.pattern), ("split", c.split),
                     ("long_sentence", c.sent_len > 30), ("attributed", c.attribution is not None),
                     ("modal", c.modality is not None), ("negated", c.negated),
                     ("implicit_be", -1 in c.rel)):
        if on:
            f[name] = 1.0
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
    if c.arg2 is not None:
        h2 = pos[c.arg2[2]]
        if h2 in ("PRON", "PROPN"):
            f["arg2_" + h2.lower()] = 1.0
        if "," in p.lower[c.arg2[0]:c.arg2[1]]:
            f["arg2_comma"] = 1.0  # a list or a loose attachment
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
    """Probability-like score in (0, 1) for one clause tuple (``p`` adds parse features)."""
    return confidence_of(clause_features(c, p))


def confidence_of(features: dict[str, float], weights: dict[str, float] | None = None) -> float:
    """The logistic of the weighted feature sum, rounded to four places."""
    get = (WEIGHTS if weights is None else weights).get
    z = sum([get(k, 0.0) * v for k, v in features.items()])
    return round(1 / (1 + math.exp(-max(-30.0, min(30.0, z)))), 4)
