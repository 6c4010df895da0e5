"""The quads of a save, kept by piece, so that the next save renders only what changed.

Rendering a graph's RDF (:func:`kg.export.rdf.raw_quads` to N-Triples text) costs about
20 s on 2,000 BBC articles, and an update used to redo it all, and then dump the old store
(13 s) to find which quads differ. A save now records, beside its store
(``OUT/store/kg-quads.pickle``), each piece's quads (:func:`kg.export.rdf.quad_pieces`: an
article's metadata, an entity, a fact with its evidence, an event) with a digest of what
the piece was made from. The next save reuses a piece whose digest is unchanged, and
the record's lines are exactly what the old store holds, so the store is diffed against
them instead of its dump.

A record is used only if it was written by the same rendering code (a stamp of the
modules that render), so an upgraded kg never reuses quads an older one rendered.

>>> import networkx as nx
>>> G = nx.MultiDiGraph(articles={"a": {"title": "T"}})
>>> lines, record = render_quads(G, None)
>>> again, _ = render_quads(G, QuadRecord(stamp(), record, ""))
>>> sorted(again) == sorted(lines)
True
"""

from __future__ import annotations

import hashlib
import io
import json
import pickle
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import orjson

RECORD = "kg-quads.pickle"  # in a store folder: the quads it was loaded with, by piece

Rendered = list[tuple[str, str | None]]  # (triple, graph) in N-Triples syntax, as rendered_quads
# A piece of the graph's quads: the digest of its material, its quads packed as a block
# (_pack), and the subjects of its triples (for Quads.about)
Piece = tuple[bytes, str, tuple[str, ...]]


@dataclass
class QuadRecord:
    """What a save loaded into its store: ``pieces`` (key -> :data:`Piece`), the mention
    quads' block and graph.ttl's blocks, under the ``stamp`` of the code that rendered them."""

    stamp: str
    pieces: dict[tuple, Piece]
    mentions: str
    turtle: Turtle | None = None  # graph.ttl by subject

    def changed_blocks(self, pieces: dict, mentions: str) -> tuple[list[str], list[str]]:
        """The blocks of pieces that differ between this record and ``pieces`` (a piece
        :func:`render_quads` reused is the record's own), old and new, mention blocks included."""
        old = [held[1] for key, held in self.pieces.items() if pieces.get(key) is not held]
        new = [piece[1] for key, piece in pieces.items() if self.pieces.get(key) is not piece]
        if mentions != self.mentions:
            old.append(self.mentions)
            new.append(mentions)
        return old, new


def store_lines(blocks: Iterable[str]) -> Iterator[str]:
    """The store's N-Quads lines of ``blocks``: a named graph's triple is in the default
    graph too (as :func:`kg.export.rdf.nquads_lines` with ``union_default`` writes them).

    >>> [line.split()[-2] for line in store_lines([_pack([("<s> <p> <o>", "<g>")])])]
    ['<o>', '<g>']
    """
    from kg.store import store_lines as lines

    for block in blocks:
        yield from lines(block_quads(block))


def stamp() -> str:
    """The code stamp a record must carry to be used (:func:`kg.cache.code_stamp`)."""
    from kg.cache import code_stamp

    return code_stamp()


def render_quads(G, previous: QuadRecord | None, *, skip: dict | None = None) -> tuple[Rendered | Quads, dict]:
    """``G``'s quads rendered (as ``rendered_quads(raw_quads(G))``, as a set), reusing the
    pieces of ``previous`` that are unchanged; and the pieces, for the next record. Pieces
    whose key is in ``skip`` (rendered already) are left out of both.

    The quads are a list when nothing is reused (a build reads every quad, several times);
    with a record to reuse, they are :class:`Quads`, which an update asks for the few
    subjects it changed instead of unpacking the whole graph.
    """
    from kg.export.rdf import quad_pieces, rendered_quads

    old = previous.pieces if previous is not None and previous.stamp == stamp() else {}
    pieces: dict[tuple, Piece] = {}
    lines: Rendered = []  # a build's quads, as rendered (not unpacked again from the blocks)
    iris: dict = {}  # rendered IRIs, for every piece: most recur across pieces (predicates, nodes)
    for key, material, make in quad_pieces(G):
        if skip is not None and key in skip:
            continue
        digest = _digest(material)
        held = old.get(key)
        if held is not None and held[0] == digest:
            pieces[key] = held
        else:
            rendered = rendered_quads(make(), iris)
            pieces[key] = (digest, _pack(rendered), _subjects(rendered))
            if not old:
                lines += rendered
    if old:
        return Quads(pieces), pieces
    return lines, pieces


class Quads:
    """The quads of ``pieces`` (key -> :data:`Piece`), unpacked from their blocks only when
    iterated, and :meth:`about`: the quads of given subjects, from the pieces that hold
    triples about them (each piece records its subjects). An update changes a few hundred
    subjects of a graph's hundred thousand: finding their quads this way reads those pieces,
    where a pass over the graph's million quads took a tenth of an update on 2,000 BBC
    articles.

    >>> quads = Quads({"a": (b"", _pack([("<s> <p> <o>", "<g>")]), ("<s>",)),
    ...                "b": (b"", _pack([("<t> <p> <s>", None)]), ("<t>",))})
    >>> len(quads), list(quads.about({"<s>"}))
    (2, [('<s> <p> <o>', '<g>')])
    """

    def __init__(self, pieces: dict[tuple, Piece]):
        self._pieces = pieces
        self._index: dict[str, list] = {}  # subject -> keys of the pieces about it
        for key, piece in pieces.items():
            for subject in piece[2]:
                self._index.setdefault(subject, []).append(key)

    def __iter__(self) -> Iterator[tuple[str, str | None]]:
        for piece in self._pieces.values():
            yield from block_quads(piece[1])

    def __len__(self) -> int:
        return sum(piece[1].count("\n") for piece in self._pieces.values()) // 2

    def about(self, subjects: Iterable[str]) -> Iterator[tuple[str, str | None]]:
        """Every quad whose subject is one of ``subjects`` (N-Triples terms)."""
        wanted = set(subjects)
        keys = dict.fromkeys(key for subject in wanted for key in self._index.get(subject, ()))
        for key in keys:
            for triple, graph in block_quads(self._pieces[key][1]):
                if subject_of(triple) in wanted:
                    yield triple, graph


def quads_about(rendered: Rendered | Quads, subjects: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """The quads of ``rendered`` whose subject is one of ``subjects``: through
    :meth:`Quads.about` for an update's quads, by a pass over a build's list.

    >>> list(quads_about([("<s> <p> <o>", None), ("<t> <p> <s>", None)], ["<s>"]))
    [('<s> <p> <o>', None)]
    """
    if isinstance(rendered, Quads):
        return rendered.about(subjects)
    wanted = set(subjects)
    return (quad for quad in rendered if subject_of(quad[0]) in wanted)


def mention_block(G, mentions: Iterable[tuple] | None) -> str:
    """The mention quads (``art:a schema:mentions ent:x``) of ``G``, packed as a piece."""
    from kg.export.rdf import mention_quads, rendered_quads

    return _pack(rendered_quads(mention_quads(G, mentions)))


def read_record(folder: str | Path | None) -> QuadRecord | None:
    """The record of the store in ``folder`` (a build's folder or its store), or None when
    there is none or another version of kg wrote it."""
    if folder is None:
        return None
    folder = Path(folder)
    path = folder / RECORD if (folder / RECORD).is_file() else folder / "store" / RECORD
    try:
        with path.open("rb") as stream:
            record = pickle.load(stream)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
        return None
    return record if isinstance(record, QuadRecord) and record.stamp == stamp() else None


def write_record(folder: Path, pieces: dict, mentions: str, turtle: Turtle | None = None) -> None:
    """Record beside a store the pieces it was loaded with (and graph.ttl's blocks)."""
    with (folder / RECORD).open("wb") as stream:
        pickle.dump(QuadRecord(stamp(), pieces, mentions, turtle), stream, protocol=pickle.HIGHEST_PROTOCOL)


@dataclass
class Turtle:
    """graph.ttl in blocks: its ``@prefix`` lines, then one block per subject (the subject's
    N-Triples term -> its Turtle text), in the order of the subjects' terms."""

    header: str
    blocks: dict[str, str]

    def text(self) -> str:
        return self.header + "".join(self.blocks[subject] for subject in sorted(self.blocks))


def render_turtle(rendered: Rendered, pieces: dict, previous: QuadRecord | None) -> tuple[str, Turtle]:
    """graph.ttl's text, as :func:`kg.export.rdf.write_turtle` writes it, and its blocks.

    graph.ttl is the header and one block per subject, in the order of the subjects' terms
    (:mod:`kg.export.turtle`); a block depends only on its subject's triples. An update
    writes only the blocks of subjects that a changed piece has (or had) triples about, and
    takes the other blocks from the last save's record.
    """
    from kg.export.turtle import header, subject_blocks

    held = previous.turtle if previous is not None and previous.stamp == stamp() else None
    if held is None or held.header != header():
        blocks = subject_blocks(sorted({triple for triple, _ in rendered}))
        return header() + "".join(blocks.values()), Turtle(header(), blocks)  # in order already
    old, new = previous.changed_blocks(pieces, previous.mentions)
    touched = {subject_of(triple) for block in old + new for triple, _ in block_quads(block)}
    blocks = {subject: block for subject, block in held.blocks.items() if subject not in touched}
    blocks.update(subject_blocks(sorted({triple for triple, _ in quads_about(rendered, touched)})))
    turtle = Turtle(held.header, blocks)
    return turtle.text(), turtle


def subject_of(triple: str) -> str:
    """The subject term of an N-Triples triple."""
    return triple[:triple.index(" ")]


def _subjects(rendered: Rendered) -> tuple[str, ...]:
    """The subjects of a piece's quads, each once, in order."""
    return tuple({subject_of(triple): None for triple, _ in rendered})


def _digest(material) -> bytes:
    """A digest of a piece's material, encoded by orjson (json took most of an update's quad
    rendering), by json where orjson refuses it (a lone surrogate)."""
    try:
        data = orjson.dumps(material, default=repr, option=orjson.OPT_NON_STR_KEYS)
    except (TypeError, orjson.JSONEncodeError):
        data = json.dumps(material, ensure_ascii=False, separators=(",", ":"), default=repr).encode(
            "utf-8", "surrogatepass")
    return hashlib.blake2b(data, digest_size=16).digest()


# A block is a piece's quads as text, two lines each: the graph ("" for the default graph),
# then the triple. Neither can hold a newline (N-Triples escapes it), and one string per
# piece pickles and loads far faster than a tuple per quad.
def _pack(rendered: Rendered) -> str:
    return "".join([f"{graph or ''}\n{triple}\n" for triple, graph in rendered])


def block_quads(block: str) -> Iterator[tuple[str, str | None]]:
    """The ``(triple, graph)`` quads of a packed block (graph None: the default graph).

    >>> list(block_quads(_pack([("<s> <p> <o>", "<g>"), ("<s> <p> <o2>", None)])))
    [('<s> <p> <o>', '<g>'), ('<s> <p> <o2>', None)]
    """
    parts = block.split("\n")
    for i in range(0, len(parts) - 1, 2):
        yield parts[i + 1], parts[i] or None
