"""User alias files: force or forbid merges.

Two formats, chosen by suffix.

YAML (``.yaml``/``.yml``)::

    same:                        # force: each list is one entity, the first name is its label
      - [Recep Tayyip Erdoğan, Erdogan, Tayyip]
      - Labour = Labour Party    # "a = b" strings work too
    different:                   # forbid: these names are never one node
      - [Bill Clinton, Hillary Clinton]
      - Bill Clinton != Hillary Clinton

CSV (``.csv``/``.tsv``), one rule per row, an optional header ``name,relation,other``::

    Erdogan,=,Recep Tayyip Erdoğan
    Bill Clinton,!=,Hillary Clinton

Names are compared folded (ASCII, case-insensitive), after title stripping for people. A bad
file raises :class:`kg.errors.InputError` (``PATH: reason``).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kg.errors import InputError
from kg.resolve.names import fold

__all__ = ["AliasTable", "load_aliases", "parse_aliases", "builtin_aliases"]

BAD_ALIAS_FILE = "bad alias file: {reason}"


@dataclass(slots=True)
class AliasTable:
    """Forced merges (folded name -> canonical name as written) and forbidden pairs (folded)."""

    same: dict[str, str] = field(default_factory=dict)
    different: set[frozenset[str]] = field(default_factory=set)

    def canonical(self, name: str) -> str | None:
        """The canonical name ``name`` is forced to, or None.

        >>> AliasTable({"erdogan": "Recep Tayyip Erdoğan"}).canonical("Erdoğan")
        'Recep Tayyip Erdoğan'
        """
        return self.same.get(fold(name))

    def forbids(self, a: str, b: str) -> bool:
        """True when ``a`` and ``b`` must stay apart (folded comparison)."""
        return frozenset((fold(a), fold(b))) in self.different

    def update(self, other: AliasTable) -> AliasTable:
        """A new table with ``other``'s rules added (``other`` wins on conflicts)."""
        return AliasTable({**self.same, **other.same}, self.different | other.different)


def load_aliases(path: str | Path) -> AliasTable:
    """Read a YAML or CSV alias file (see the module docstring for the format).

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.csv"
    >>> _ = p.write_text("Erdogan,=,Recep Tayyip Erdoğan\\nBill Clinton,!=,Hillary Clinton\\n")
    >>> t = load_aliases(p); t.canonical("erdogan"), t.forbids("Hillary Clinton", "bill clinton")
    ('Recep Tayyip Erdoğan', True)
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(path, "no such file or directory") from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(path, BAD_ALIAS_FILE.format(reason=err)) from None
    try:
        return parse_aliases(text, "csv" if path.suffix.lower() in (".csv", ".tsv") else "yaml",
                             delimiter="\t" if path.suffix.lower() == ".tsv" else ",")
    except ValueError as err:
        raise InputError(path, BAD_ALIAS_FILE.format(reason=err)) from None


def parse_aliases(text: str, fmt: str = "yaml", *, delimiter: str = ",") -> AliasTable:
    """Parse alias rules from text; raises ValueError naming the bad entry.

    >>> parse_aliases("same: [[Labour Party, Labour]]").canonical("labour")
    'Labour Party'
    """
    groups: list[list[str]] = []
    apart: list[list[str]] = []
    if fmt == "csv":
        for number, row in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), 1):
            row = [cell.strip() for cell in row]
            if not any(row) or row[0].startswith("#") or (number == 1 and row[:2] == ["name", "relation"]):
                continue
            if len(row) != 3 or row[1] not in ("=", "!=") or not row[0] or not row[2]:
                raise ValueError(f"line {number}: expected 'name,=,other' or 'name,!=,other'")
            (groups if row[1] == "=" else apart).append([row[2], row[0]])
    else:
        import yaml

        try:
            data = yaml.safe_load(text) or {}
        except yaml.YAMLError as err:
            raise ValueError(f"invalid YAML ({str(err).splitlines()[0]})") from None
        if not isinstance(data, dict) or set(data) - {"same", "different"}:
            raise ValueError("expected a mapping with keys 'same' and/or 'different'")
        for key, out, sep in (("same", groups, "="), ("different", apart, "!=")):
            entries = data.get(key) or []
            if not isinstance(entries, list):
                raise ValueError(f"{key}: entry {entries!r} is not a list of names or 'a {sep} b'")
            out.extend(_entry(entry, sep, key) for entry in entries)
    table = AliasTable()
    for names in groups:
        for name in names:
            table.same[fold(name)] = names[0]
    for names in apart:
        table.different |= {frozenset((fold(a), fold(b))) for a in names for b in names if fold(a) != fold(b)}
    return table


def _entry(entry: object, sep: str, key: str) -> list[str]:
    if isinstance(entry, str) and sep in entry:
        a, _, b = entry.partition(sep)
        # "a = b": b is the full name; keep the longer one as the label
        names = sorted((a.strip(), b.strip()), key=len, reverse=True)
    elif isinstance(entry, list) and len(entry) >= 2 and all(isinstance(x, str) for x in entry):
        names = [x.strip() for x in entry]
    else:
        raise ValueError(f"{key}: entry {entry!r} is not a list of names or 'a {sep} b'")
    if not all(names):
        raise ValueError(f"{key}: empty name in {entry!r}")
    return names


@lru_cache(maxsize=1)
def builtin_aliases() -> AliasTable:
    """kg's own small table (``data/aliases.yaml``): party nicknames, common acronyms."""
    text = resources.files("kg.resolve").joinpath("data", "aliases.yaml").read_text(encoding="utf-8")
    return parse_aliases(text)
