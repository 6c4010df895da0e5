"""mentions.tsv: one row per entity mention, ``article start end surface node``.

Tab-separated with a header row and no quoting: ``surface`` has its whitespace collapsed to
single spaces, so no field can hold a tab or a newline.

>>> import io
>>> buf = io.StringIO(); write_mentions([("a1", 0, 7, "Erdoğan\\n", "erdogan")], buf)
>>> buf.getvalue().splitlines()
['article\\tstart\\tend\\tsurface\\tnode', 'a1\\t0\\t7\\tErdoğan\\terdogan']
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

HEADER = ("article", "start", "end", "surface", "node")


def write_mentions(rows: Iterable[tuple[str, int, int, str, str]], stream: TextIO) -> None:
    """Write mention rows (article, start, end, surface, node) with a header."""
    stream.write("\t".join(HEADER) + "\n")
    for article, start, end, surface, node in rows:
        surface = " ".join(surface.split())
        stream.write(f"{article}\t{start}\t{end}\t{surface}\t{node}\n")


def read_mentions(path: str | Path) -> list[dict]:
    """Rows of a mentions.tsv as dicts (``start``/``end`` as int)."""
    lines = Path(path).read_text(encoding="utf-8").splitlines()
    rows = []
    for line in lines[1:]:
        article, start, end, surface, node = line.split("\t")
        rows.append({"article": article, "start": int(start), "end": int(end),
                     "surface": surface, "node": node})
    return rows
