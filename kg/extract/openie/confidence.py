"""Confidence of a clause tuple from the features of the rule that built it.

An additive model on the log-odds scale, squashed by a logistic into (0, 1). Each feature
of the pattern moves the score: the rule family, how the subject was found (own subject or
inherited), a missing object, long arguments, many extras, pronoun arguments, a ``be`` or
``have`` predicate, how deep the clause sits under the sentence root, a long sentence. The
weights were set by fitting a logistic model of "does this tuple match a gold tuple" on these
features over CaRB dev (one weight per feature, rounded); no word or sentence of the
benchmark enters the model.

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

# Log-odds offset per pattern (the rule family that made the tuple).
_PATTERN = {"svo": 0.1, "svo+prep": 0.1, "light": -0.15, "copula": 0.1, "passive": 0.15,
            "passive-agent": 0.15, "speech": 0.1, "clausal": -0.2, "relcl-obj": 0.0,
            "appos": 0.1, "nominal": -0.3}
# How the subject was found: own or from a conjoined verb > relative clause > participle.
_SUBJECT = {"own": 0.4, "conj": 0.5, "relcl": -0.1, "xcomp": 0.05, "advcl": -0.05,
            "acl": -0.5, "none": -0.1, "expl": 0.0}


def clause_confidence(c: Clause, p: Parse | None = None) -> float:
    """Probability-like score in (0, 1) for one clause tuple (``p`` adds parse features)."""
    z = 0.6 + _PATTERN.get(c.pattern.split("+relcl")[0], 0.0) + _SUBJECT.get(c.subj_how, -0.3)
    if c.arg2 is None:
        # Open IE gold almost always has a second argument: a bare "X | left" rarely matches.
        z -= 0.1 if c.extras else 2.6
    if c.arg1 is not None:
        z -= 0.09 * max(0, c.arg1[1] - c.arg1[0] - 6)  # long subjects are often over-attached
    if c.arg2 is not None and c.pattern not in ("speech", "clausal"):  # clauses are long
        z -= 0.05 * max(0, c.arg2[1] - c.arg2[0] - 6)
    z -= 0.2 * len(c.extras)
    z += 0.15 * min(len(c.rel), 5)  # "was born in" says more than "is"
    z -= 0.15 * (c.sent_len > 30)
    z -= 0.3 * (c.attribution is not None) + 0.2 * (c.modality is not None)
    if p is not None:
        z += _parse_features(c, p)
    return round(1 / (1 + math.exp(-z)), 4)


def _parse_features(c: Clause, p: Parse) -> float:
    z = 0.0
    if c.arg1 is not None and c.arg1[1] - c.arg1[0] == 1 and p.pos[c.arg1[2]] == "PRON":
        z -= 0.2  # "it", "they": the tuple says little without coreference
    if c.arg2 is not None:
        z -= 0.3 * (p.pos[c.arg2[2]] == "PRON")
        z -= 0.4 * any(p.pos[i] == "PUNCT" and p.lower[i] == ","
                       for i in range(c.arg2[0], c.arg2[1]))  # a list or a loose attachment
    v = c.verb
    z -= 0.35 * (p.lemma[v] in ("be", "have") and c.pattern != "appos")
    z -= 0.15 * (p.tag[v] == "VBG")
    depth = 0
    while p.head[v] != v and depth < 4:
        v = p.head[v]
        depth += 1
    return z + 0.2 * (depth == 0) - 0.15 * depth
