"""Named SPARQL queries shipped with kg: one ``NAME.rq`` file per query in this folder.

A query file starts with comment lines: the first says what it answers, each
``# param NAME: …`` line names a variable the caller binds (``--param entity=Putin``).
Parameters are bound as values (see :func:`kg.query.run_query`), never pasted in.

>>> q = named_query("who-met")
>>> q.params, q.summary
(['entity'], 'Whom an entity met, when, and which article says so.')
>>> "connected" in named_queries()
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from kg.errors import KgError

FOLDER = Path(__file__).parent
_PARAM = re.compile(r"#\s*param\s+(\w+)\s*:\s*(.*)")


@dataclass(frozen=True, slots=True)
class NamedQuery:
    """A shipped query: its ``name``, one-line ``summary``, ``params`` (with ``hints``) and ``sparql``."""

    name: str
    summary: str
    params: list[str]
    hints: list[str]
    sparql: str

    def bindings(self, given: dict[str, str]) -> dict[str, str]:
        """``given`` checked against the query's parameters: none missing, none unknown."""
        missing = [p for p in self.params if p not in given]
        unknown = [p for p in given if p not in self.params]
        if missing or unknown:
            need = " ".join(f"--param {p}=…" for p in self.params) or "no --param"
            problem = f"unknown parameter {unknown[0]!r}" if unknown else f"missing {missing[0]!r}"
            raise KgError(f"query {self.name!r}: {problem} (it takes {need})")
        return dict(given)


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every shipped query by name."""
    return {path.stem: _read(path) for path in sorted(FOLDER.glob("*.rq"))}


def named_query(name: str) -> NamedQuery:
    """The shipped query ``name``; a one-line error lists the known ones."""
    queries = named_queries()
    if name not in queries:
        raise KgError(f"no named query {name!r} (known: {', '.join(queries)})")
    return queries[name]


def _read(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    comments = [line for line in text.splitlines() if line.startswith("#")]
    params = [_PARAM.match(line) for line in comments]
    return NamedQuery(path.stem, comments[0].lstrip("# ").strip(),
                      [m.group(1) for m in params if m], [m.group(2) for m in params if m], text)
