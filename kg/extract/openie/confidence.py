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
    "bias": 0.6,
    "pattern=svo": 0.1, "pattern=svo+prep": 0.1, "pattern=light": -0.15, "pattern=copula": 0.1,
    "pattern=passive": 0.15, "pattern=passive-agent": 0.15, "pattern=speech": 0.1,
    "pattern=clausal": -0.2, "pattern=appos": 0.1, "pattern=nominal": -0.3,
    "subj=own": 0.4, "subj=conj": 0.5, "subj=relcl": -0.1, "subj=xcomp": 0.05,
    "subj=advcl": -0.05, "subj=acl": -0.5, "subj=none": -0.1, "subj=expl": 0.0,
    "no_arg2": -2.6, "no_arg2_extras": -0.1, "arg1_long": -0.09, "arg2_long": -0.05,
    "extras": -0.2, "rel_len": 0.15, "long_sentence": -0.15, "attributed": -0.3,
    "modal": -0.2, "arg1_pron": -0.2, "arg2_pron": -0.3, "arg2_comma": -0.4, "be_have": -0.35,
    "gerund": -0.15, "root": 0.2, "depth": -0.15,
}
_SUBJECTS = frozenset({"own", "conj", "relcl", "xcomp", "advcl", "acl", "none", "expl"})


def clause_features(c: Clause, p: Parse | None = None) -> dict[str, float]:
    """The model's features of one tuple (``p`` adds those read from the parse).

    >>> from kg.extract.openie.clauses import Clause
    >>> f = clause_features(Clause("svo+relcl", [1], 1, (0, 1, 0), None))
    >>> f["pattern=svo"], f["relcl"], f["no_arg2"]
    (1.0, 1.0, 1.0)
    """
    pattern = c.pattern.split("+relcl")[0]
    f = {"bias": 1.0, "pattern=" + pattern: 1.0,
         "subj=" + (c.subj_how if c.subj_how in _SUBJECTS else "other"): 1.0,
         "relcl": float("+relcl" in c.pattern), "split": float(c.split),
         "extras": float(len(c.extras)), "rel_len": float(min(len(c.rel), 5)),
         "long_sentence": float(c.sent_len > 30), "sent_len": c.sent_len / 20,
         "attributed": float(c.attribution is not None), "modal": float(c.modality is not None),
         "negated": float(c.negated), "implicit_be": float(-1 in c.rel)}
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
    if c.arg1 is not None and c.arg1[1] - c.arg1[0] == 1 and p.pos[c.arg1[2]] == "PRON":
        f["arg1_pron"] = 1.0  # "it", "they": the tuple says little without coreference
    if c.arg1 is not None:
        f["arg1_propn"] = float(p.pos[c.arg1[2]] == "PROPN")
    if c.arg2 is not None:
        f["arg2_pron"] = float(p.pos[c.arg2[2]] == "PRON")
        f["arg2_comma"] = float(any(p.lower[i] == "," for i in range(c.arg2[0], c.arg2[1])))
        f["arg2_propn"] = float(p.pos[c.arg2[2]] == "PROPN")
    v = c.verb
    f["be_have"] = float(p.lemma[v] in ("be", "have") and c.pattern != "appos")
    f["gerund"] = float(p.tag[v] == "VBG")
    f["participle"] = float(p.tag[v] == "VBN")
    depth = 0
    while p.head[v] != v and depth < 4:
        v = p.head[v]
        depth += 1
    f["root"] = float(depth == 0)
    f["depth"] = float(depth)


def clause_confidence(c: Clause, p: Parse | None = None) -> float:
    """Probability-like score in (0, 1) for one clause tuple (``p`` adds parse features)."""
    return confidence_of(clause_features(c, p))


def confidence_of(features: dict[str, float], weights: dict[str, float] | None = None) -> float:
    """The logistic of the weighted feature sum, rounded to four places."""
    w = WEIGHTS if weights is None else weights
    z = sum(w.get(k, 0.0) * v for k, v in features.items())
    return round(1 / (1 + math.exp(-max(-30.0, min(30.0, z)))), 4)
