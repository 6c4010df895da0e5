"""Confidence of a clause tuple from the features of the rule that built it.

A small additive model on the log-odds scale: each feature of the pattern (its type, how the
subject was found, whether an argument is missing or very long, whether coordination was
split) moves the score up or down, and a logistic squashes it into (0, 1). The weights are
hand-set to rank tuples the way Open IE errors usually go: own subjects and direct objects
are safer than inherited subjects, missing arguments and long, clause-sized arguments.

>>> from kg.extract.openie.clauses import Clause
>>> a = clause_confidence(Clause("svo", [1], 1, (0, 1, 0), (2, 3, 2)))
>>> b = clause_confidence(Clause("svo", [1], 1, (0, 1, 0), None, subj_how="conj"))
>>> 0 < b < a < 1
True
"""

from __future__ import annotations

import math

from kg.extract.openie.clauses import Clause

# Log-odds offset per pattern (the rule family that made the tuple).
_PATTERN = {"svo": 1.0, "svo+prep": 0.8, "light": 1.0, "copula": 0.6, "passive": 0.9,
            "passive-agent": 0.9, "speech": 0.5, "relcl-obj": 0.2, "appos": 0.4,
            "nominal": 0.0}
# How the subject was found: own subject > inherited from a conjoined verb > others.
_SUBJECT = {"own": 0.4, "conj": 0.0, "relcl": 0.0, "xcomp": -0.2, "advcl": -0.5, "acl": -0.3,
            "none": -1.5}


def clause_confidence(c: Clause) -> float:
    """Probability-like score in (0, 1) for one clause tuple."""
    base = c.pattern.split("+relcl")[0]
    z = _PATTERN.get(base, 0.3) + _SUBJECT.get(c.subj_how, -0.5)
    if c.pattern.endswith("+relcl"):
        z -= 0.2
    if c.arg2 is None:
        z -= 0.8 if c.extras else 1.2
    for span in (c.arg1, c.arg2):
        if span is not None:
            n = span[1] - span[0]
            z -= 0.08 * max(0, n - 6)  # long arguments are often over-attached
    z -= 0.15 * max(0, len(c.extras) - 1)
    if c.split:
        z -= 0.2
    return round(1 / (1 + math.exp(-z)), 4)
