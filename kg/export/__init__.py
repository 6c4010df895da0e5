"""Export stage: write a graph's files, each atomically.

Writers are registered by format name and imported on first use, so pyvis and the HTML
assets load only when a page is asked for. Every writer is ``write_x(G, stream, **options)``;
the caller owns the file. :func:`save_files` renders every file in memory, then publishes them
all as one generation of the output folder in one atomic step (:mod:`kg.export.commit`), so an
interrupted or failed build leaves the previous graph untouched and a reader never sees files
of two builds.
"""

from __future__ import annotations

import importlib
import io
import os
import queue
import tempfile
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import networkx as nx

from kg.errors import UNKNOWN_FORMAT, KgError
from kg.export import commit
from kg.export.commit import publish
from kg.export.mentions import write_mentions
from kg.progress import add_seconds, stage

# format name -> (module, function, file name)
EXPORTERS: dict[str, tuple[str, str, str]] = {
    "json": ("kg.export.json", "write_json", "graph.json"),
    "ttl": ("kg.export.rdf", "write_turtle", "graph.ttl"),
    "html": ("kg.export.html", "write_html", "graph.html"),
}
FORMATS = tuple(EXPORTERS)


def get_writer(name: str) -> Callable:
    """The writer registered for format ``name``."""
    if name not in EXPORTERS:
        raise KgError(UNKNOWN_FORMAT.format(name=name, available=", ".join(EXPORTERS)))
    module, function, _ = EXPORTERS[name]
    return getattr(importlib.import_module(module), function)


def save_files(G: nx.MultiDiGraph, mention_rows: Iterable[tuple], out: str | Path, *,
               formats: Iterable[str] = FORMATS, html_options: dict | None = None,
               extra_files: dict[str, str] | None = None,
               populate: Callable[[Path], None] | None = None, threads: int = 1,
               previous: Path | None = None,
               finish: Callable[[], dict[str, str | bytes]] | None = None) -> list[Path]:
    """Write graph.json, graph.ttl, graph.html and mentions.tsv (and ``extra_files``, such as
    facts.jsonl) into ``out`` as one build; return the paths. With graph.ttl comes the store
    OUT/store. ``populate(folder)`` may add more to the new generation before it is published.
    ``previous``: the output folder the graph was loaded from; its store is the new store's
    starting point, so an update writes only the quads that changed (:func:`kg.store.update_store`).

    With ``threads > 1`` a fresh store loads while the other files are rendered: Oxigraph's
    bulk load runs in compiled code without the GIL, so a second core takes it.
    ``finish()`` completes ``G`` (the events stage) and returns files it alone gives. With a
    second core and a store to build afresh (not an update's), the store starts loading ``G``
    as it is before ``finish`` runs and takes the quads ``finish`` added (the events') once it
    is done, so the load and the events stage share the two cores; else ``finish`` runs first.
    """
    out = Path(out)
    if out.exists() and not out.is_dir():
        raise KgError(f"{out}: exists and is not a folder")
    mention_rows, formats = list(mention_rows), tuple(formats)
    late: dict[str, str | bytes] = {}
    names = [EXPORTERS[name][2] for name in formats] + ["mentions.tsv", *(extra_files or {})]
    from kg.store import has_store

    # An update diffs the old store instead of loading one, and does it here, never beside:
    # its many small calls (one per removed quad) each give up the GIL and wait to get it back
    # while this thread renders. Beside, the store's part of +10 articles on 2,000 BBC ones
    # took 1.4 s instead of 0.4 s, and the save 7.6 s instead of 7.0-7.4 s.
    updating = previous is not None and has_store(previous)
    beside = threads > 1 and not updating
    overlap = finish is not None and beside and "ttl" in formats

    def finished(generation: Path) -> None:
        late.update(finish())
        for name, data in late.items():
            commit._write_file(generation / name, data)

    def render(generation: Path) -> None:
        if finish is not None and not overlap:
            finished(generation)
        quads = record = pieces = store = None
        if "ttl" in formats:  # graph.ttl and the store hold the same quads: render them once
            from kg.export.quadcache import mention_block, read_record, render_quads

            with stage("export RDF quads"):
                # an update re-renders only the pieces it changed (kg.export.quadcache)
                record = read_record(previous)
                quads, pieces = render_quads(G, record)
                pieces = (pieces, mention_block(G, mention_rows))
            store = _StoreLoad(G, mention_rows, quads, generation, previous, (pieces, record),
                               more=overlap)
            if not beside:
                store.run()
            else:
                store.start()
        turtle = None
        try:
            if overlap:
                finished(generation)
                from kg.export.quadcache import render_quads

                with stage("export RDF quads"):  # what finish added: the events' pieces
                    added, added_pieces = render_quads(G, None, skip=pieces[0])
                quads = [*quads, *added]  # a new list: the store thread reads the first
                pieces[0].update(added_pieces)
                store.load_more(added)
            for name in formats:
                buffer = io.StringIO()
                options = {"html": html_options or {}, "ttl": {"rendered": quads}}.get(name, {})
                with stage(f"export {EXPORTERS[name][2]}"):
                    if name == "ttl":  # from the last save's blocks, where they are unchanged
                        from kg.export.quadcache import render_turtle

                        text, turtle = render_turtle(quads, pieces[0], record)
                        buffer.write(text)
                    else:
                        get_writer(name)(G, buffer, **options)
                commit._write_file(generation / EXPORTERS[name][2], buffer.getvalue())  # fsynced, in the generation
            buffer = io.StringIO()
            with stage("export mentions.tsv"):
                write_mentions(mention_rows, buffer)
            commit._write_file(generation / "mentions.tsv", buffer.getvalue())
        finally:
            if store:
                store.finish()  # waits for the load; re-raises its error here
        if store:
            from kg.export.quadcache import write_record
            from kg.store import STORE

            with stage("export RDF quads"):  # what the next update starts from
                write_record(generation / STORE, *pieces, turtle)
        if populate:
            populate(generation)

    publish(out, dict(extra_files or {}), populate=render)
    return [out / name for name in names + [name for name in late if name not in names]]


class _StoreLoad(threading.Thread):
    """Bulk-load OUT/store into a new generation, in this thread or beside the caller's.
    With ``more``, the load waits after the first quads for :meth:`load_more`'s."""

    def __init__(self, G, mention_rows: list, quads: list | None, generation: Path,
                 previous: Path | None = None, records: tuple = (None, None), *, more: bool = False):
        super().__init__(name="kg-store-load", daemon=True)
        self.args, self.error, self.seconds = (G, mention_rows, quads, generation, previous), None, 0.0
        self.records = records  # (the pieces of quads, the previous store's record)
        self._more = queue.SimpleQueue() if more else None
        self._waited = 0.0

    def load_more(self, quads: list) -> None:
        """Hand the thread the quads to add after the first ones (N-Triples, as ``quads``)."""
        self._more.put(quads)

    def run(self) -> None:
        from kg.store import STORE, save_store

        G, mention_rows, quads, generation, previous = self.args
        pieces, record = self.records
        started = time.perf_counter()
        try:
            save_store(G, mention_rows, generation / STORE, rendered=quads, previous=previous,
                       pieces=pieces, record=record, more=self._wait if self._more else None)
        except BaseException as err:  # handed to the caller by finish()
            self.error = err
        self.seconds = time.perf_counter() - started - self._waited  # the load's time only

    def _wait(self) -> list | None:
        waited = time.perf_counter()
        quads = self._more.get()
        self._waited += time.perf_counter() - waited
        return quads

    def finish(self) -> None:
        if self._more is not None:
            self._more.put(None)  # the caller failed before load_more: nothing more comes
        if self.ident is not None:
            self.join()
        add_seconds("export store", self.seconds)
        if self.error is not None:
            raise self.error


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(out: Path, files: dict[str, str | bytes]) -> list[Path]:
    """Write each ``{name: text or bytes}`` to a temp file in ``out``, then rename them all into place."""
    temps: list[tuple[str, Path]] = []
    try:
        for name, data in files.items():
            fd, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out)
            with os.fdopen(fd, "wb") as stream:
                stream.write(data.encode("utf-8") if isinstance(data, str) else data)
            os.chmod(temp, 0o666 & ~_umask())  # mkstemp makes 0600; outputs are for sharing
            temps.append((name, Path(temp)))
        for name, temp in temps:
            os.replace(temp, out / name)
    finally:
        for _, temp in temps:
            temp.unlink(missing_ok=True)
    return [out / name for name in files]
