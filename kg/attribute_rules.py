"""The model's attribute rules matched by table lookup: the same matches in a fifth of the time.

``en_core_web_sm``'s ``attribute_ruler`` maps tags to parts of speech (and some words to
lemmas and morphology) with 179 rules, and spaCy's Matcher tries every rule at every token:
7% of a ``kg build``. Almost every rule is one token with fixed values, such as
``{"TAG": "VBZ", "LOWER": "is"}``: whether it matches is a dictionary lookup of the token's
(TAG, LOWER) hashes, and a set of values (``{"IN": [...]}``) is one entry per value. The
dozen others (``NOT_IN``, ``REGEX``, two tokens) are evaluated over the Doc's attribute
array at once (numpy); a rule using anything else (operators, other attributes) stays with
a Matcher. :class:`IndexedAttributeRules` returns the ruler's match list exactly (rule id,
match key, start, end, sorted), so the ruler applies the same attributes in the same order
(tested on BBC articles: the same matches, the same tags, parts of speech, morphology,
lemmas and entities); :func:`index_attribute_rules` puts it in the ruler's place.

>>> from kg.parse import load_nlp
>>> doc = load_nlp()("Putin isn't in Moscow, y'all.")
>>> ruler = load_nlp().get_pipe("attribute_ruler")
>>> IndexedAttributeRules(ruler)(doc) == type(ruler).match(ruler, doc)
True
"""

from __future__ import annotations

import re
from itertools import product

import numpy
from spacy.attrs import DEP, IS_SPACE, LOWER, ORTH, TAG
from spacy.matcher import Matcher
from spacy.tokens import Doc

# pattern keys answered here, and the Doc array column each reads
_COLUMNS = {"TAG": TAG, "LOWER": LOWER, "ORTH": ORTH, "DEP": DEP, "IS_SPACE": IS_SPACE}
_SELECTIVE = ("ORTH", "LOWER", "TAG", "DEP", "IS_SPACE")  # most to least telling
_MOST_ENTRIES = 1000  # a rule whose sets multiply to more entries is evaluated, not tabled


class IndexedAttributeRules:
    """A ruler's ``match(doc)``: one-token rules with fixed values by table, the others over
    the Doc's array (or, for what that can't read, by a Matcher of their own)."""

    def __init__(self, ruler):
        self.strings = ruler.vocab.strings
        self.rest = Matcher(ruler.vocab)
        self.tables: dict[tuple[str, ...], dict[tuple, list[int]]] = {}
        self.sequences: list[tuple[int, list[list[tuple]]]] = []  # (rule, per token: tests)
        for rule in range(len(ruler.attrs)):
            _, patterns = ruler.matcher.get(str(rule))
            for pattern in patterns:
                tests = self._tests(pattern)
                entries = self._entries(tests) if tests is not None else None
                if entries is not None:
                    table = self.tables.setdefault(entries[0], {})
                    for row in entries[1]:
                        if rule not in table.setdefault(row, []):
                            table[row].append(rule)
                elif tests is not None:
                    self.sequences.append((rule, tests))
                else:
                    self.rest.add(str(rule), [pattern])
        self.columns = sorted({name for names in self.tables for name in names} |
                              {name for _, tests in self.sequences for token in tests for name, *_ in token})
        self.keys = {rule: self.strings[str(rule)] for rule in range(len(ruler.attrs))}
        self._column = {name: n for n, name in enumerate(self.columns)}
        # per table: its attributes' columns, the most telling one, and that one's values
        self._lookups = []
        for names, table in self.tables.items():
            by = min(range(len(names)), key=lambda n: _SELECTIVE.index(names[n]))
            firsts = numpy.array(sorted({row[by] for row in table}), dtype=numpy.uint64)
            self._lookups.append(([self._column[name] for name in names], by, firsts, table))
        self._regex: dict[tuple[str, int], bool] = {}

    def _tests(self, pattern: list[dict]) -> list[list[tuple]] | None:
        """Each token's tests ``(attribute, kind, values)``: kind "in", "not in" (values a
        tuple of hashes) or "regex" (a compiled pattern); None if any is another kind."""
        tokens = []
        for spec in pattern:
            if not spec or any(name not in _COLUMNS for name in spec):
                return None
            tests = []
            for name, value in sorted(spec.items()):
                if not isinstance(value, dict):
                    tests.append((name, "in", (self._hash(name, value),)))
                elif set(value) == {"IN"}:
                    tests.append((name, "in", tuple(self._hash(name, v) for v in value["IN"])))
                elif set(value) == {"NOT_IN"}:
                    tests.append((name, "not in", tuple(self._hash(name, v) for v in value["NOT_IN"])))
                elif set(value) == {"REGEX"} and name != "IS_SPACE":
                    tests.append((name, "regex", re.compile(value["REGEX"])))
                else:
                    return None
            tokens.append(tests)
        return tokens

    @staticmethod
    def _entries(tests: list[list[tuple]]) -> tuple[tuple[str, ...], list[tuple]] | None:
        """The table (its attributes) and rows of a one-token rule of fixed values or sets."""
        if len(tests) != 1 or any(kind != "in" for _, kind, _ in tests[0]):
            return None
        choices = [values for _, _, values in tests[0]]
        if numpy.prod([len(values) for values in choices]) > _MOST_ENTRIES:
            return None
        return tuple(name for name, _, _ in tests[0]), list(product(*choices))

    def _hash(self, name: str, value) -> int:
        if name == "IS_SPACE":
            return int(bool(value))
        return self.strings.add(value)  # "" is 0: a missing tag or dependency

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        found = {(int(self.strings[m_id]), m_id, start, end)
                 for m_id, start, end in (self.rest(doc, allow_missing=True) if len(self.rest) else ())}
        if not len(doc) or not self.columns:
            return sorted(found)
        array = doc.to_array([_COLUMNS[name] for name in self.columns])
        rows = None
        for picks, by, firsts, table in self._lookups:
            # the tokens whose most telling value is in the table at all (numpy), then a lookup each
            hits = numpy.flatnonzero(numpy.isin(array[:, picks[by]], firsts)).tolist()
            if hits and rows is None:
                rows = array.tolist()
            for i in hits:
                for rule in table.get(tuple(rows[i][p] for p in picks), ()):
                    found.add((rule, self.keys[rule], i, i + 1))
        for rule, tests in self.sequences:
            width = len(tests)
            if width > len(doc):
                continue
            starts = numpy.ones(len(doc) - width + 1, dtype=bool)
            for offset, token in enumerate(tests):
                for name, kind, values in token:
                    starts &= self._passes(array[:, self._column[name]], name, kind, values)[offset:offset + len(starts)]
            for i in numpy.flatnonzero(starts).tolist():
                found.add((rule, self.keys[rule], i, i + width))
        return sorted(found)

    def _passes(self, values: numpy.ndarray, name: str, kind: str, wanted) -> numpy.ndarray:
        """Which tokens pass one test, given their ``name`` values."""
        if kind == "in":
            return numpy.isin(values, numpy.array(wanted, dtype=values.dtype))
        if kind == "not in":
            return ~numpy.isin(values, numpy.array(wanted, dtype=values.dtype))
        distinct, where = numpy.unique(values, return_inverse=True)  # a regex: once per string
        flags = []
        for value in distinct.tolist():
            key = (wanted.pattern, value)
            if key not in self._regex:
                self._regex[key] = bool(wanted.search(self.strings[value]))
            flags.append(self._regex[key])
        return numpy.array(flags, dtype=bool)[where.reshape(-1)]


def index_attribute_rules(nlp) -> None:
    """Match ``nlp``'s attribute rules by :class:`IndexedAttributeRules` (if it has a ruler)."""
    if "attribute_ruler" in nlp.pipe_names:
        ruler = nlp.get_pipe("attribute_ruler")
        ruler.match = IndexedAttributeRules(ruler)
