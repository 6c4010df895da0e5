"""The embedded SPARQL store: Oxigraph (pyoxigraph), on disk in OUT/store, queried in process.

``kg build`` writes OUT/store beside graph.ttl, in the same generation as the other files (bulk-loaded: graph.ttl's triples in the
default graph, and one named graph per article, see :mod:`kg.export.rdf`); ``kg query OUT`` and ``KnowledgeGraph.query`` open it read-only and
answer in milliseconds without parsing graph.json or graph.ttl. A failed build never
leaves a half store: the store is published with the build or not at all. ``kg serve OUT`` serves the same store over HTTP (the
``oxigraph`` server binary) and ``kg query --endpoint URL`` queries such a server.

>>> import networkx as nx
>>> G = nx.MultiDiGraph(); G.add_node("putin", label="Putin", type="PERSON", aliases=["Putin"])
>>> run_query(build_store(G), "SELECT ?name WHERE { ?e rdfs:label ?name }").rows
[('Putin',)]
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from itertools import chain
from pathlib import Path

from kg.errors import BAD_QUERY, NO_GRAPH, KgError, QueryError
from kg.query import QueryResult, oxigraph_value, run_query

STORE = "store"
MARKER = "kg-store"  # written last into a complete store folder
NO_SERVER = "the oxigraph server is not installed: pip install 'kg[server]'"


def build_store(G, mentions: Iterable[tuple] | None = None, path: str | Path | None = None, *,
                rendered: list | None = None, more: Callable[[], list | None] | None = None):
    """A pyoxigraph Store of ``G``: in memory, or bulk-loaded at ``path``.

    The default graph holds every triple once (graph.ttl's content), so queries see a set,
    not one copy per article saying it (Oxigraph's union default graph is a bag); each
    article's named graph holds what that article says, for ``GRAPH`` queries. The quads go
    through N-Quads text, which Oxigraph parses far faster than Python builds its terms;
    ``rendered`` is ``G``'s quads in that text already (:func:`kg.export.rdf.rendered_quads`);
    an on-disk store of :data:`COMPACT_FROM` lines or more is compacted after loading
    (:meth:`pyoxigraph.Store.optimize`).
    ``more()``, called once the first quads are in, gives more rendered quads to add (the
    events', while the caller found them), or None.
    """
    import pyoxigraph as ox

    from kg.export.rdf import nquads_lines

    lines = nquads_lines(G, mentions, union_default=True, rendered=rendered)
    if path is None:
        store = ox.Store()
        bulk_load(store, lines)
        return store
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True)
    store = ox.Store(str(path))
    loaded = bulk_load(store, lines)
    added = more() if more is not None else None
    if added:
        loaded += bulk_load(store, store_lines(added))
    if loaded >= COMPACT_FROM:
        store.optimize()
    return store


# The bulk loader leaves many small sorted files; compacting them once makes every lookup
# probe fewer files: queries 3-5x faster at a million triples. In a small store they are
# fast without it (250 BBC articles, 190,000 lines: every named query's p50 under 6 ms
# uncompacted, 4 ms compacted), and compacting would cost a tenth of the build's work
# after the parse. Measured with 1,000 articles' 760,000 lines: 31 ms against 11 ms.
COMPACT_FROM = 500_000  # N-Quads lines loaded


LOAD_CHUNK = 100_000  # N-Quads lines per bulk load


def bulk_load(store, lines: Iterable[str]) -> int:
    """Bulk-load N-Quads ``lines`` into ``store`` from memory, :data:`LOAD_CHUNK` lines at a
    time; return how many lines it loaded. Oxigraph's loader buffers what it is given: 1,000 BBC articles' 680,000 quads in
    one load peaked at 1 GB, in chunks at 300 MB, in the same time (the compaction after a
    build merges the chunks' files). From memory, not a staging file: writing and reading
    that back cost a tenth of the load. Lenient: the lines are kg's own rendering
    (:func:`kg.export.rdf.rendered_quads` escapes IRIs and literals, and article ids are made
    safe when read), so Oxigraph's validation would only repeat it; skipping it saves an
    eighth of the load (250 BBC articles' 190,000 lines: 0.80 s, not 0.91 s).

    >>> import pyoxigraph as ox; store = ox.Store()
    >>> bulk_load(store, ["<http://a> <http://b> <http://c> .\\n"] * 3), len(store)
    (3, 1)
    """
    import pyoxigraph as ox

    chunk: list[str] = []
    count = 0
    for line in lines:
        chunk.append(line)
        if len(chunk) >= LOAD_CHUNK:
            store.bulk_load(input="".join(chunk).encode(), format=ox.RdfFormat.N_QUADS, lenient=True)
            count += len(chunk)
            chunk.clear()
    if chunk:
        store.bulk_load(input="".join(chunk).encode(), format=ox.RdfFormat.N_QUADS, lenient=True)
        count += len(chunk)
    return count


def store_lines(rendered: Iterable[tuple[str, str | None]]) -> Iterator[str]:
    """N-Quads lines of rendered quads as the store holds them: a named graph's triple is
    in the default graph too (see :func:`build_store`).

    >>> [line.split()[-2] for line in store_lines([("<s> <p> <o>", "<g>")])]
    ['<o>', '<g>']
    """
    for triple, graph in rendered:
        yield triple + " .\n"
        if graph is not None:
            yield f"{triple} {graph} .\n"


def save_store(G, mentions: Iterable[tuple] | None, path: str | Path, *,
               rendered: list | None = None, previous: str | Path | None = None,
               pieces: dict | None = None, record=None,
               more: Callable[[], list | None] | None = None) -> Path:
    """Bulk-load ``G`` into a new store folder ``path`` (a build's generation holds it); with
    ``previous`` (the folder of the build ``G`` was updated from), start from its store and
    write only what differs (:func:`update_store`), using ``record`` and ``pieces`` when given."""
    path = Path(path)
    mentions = list(mentions or ())
    if previous is not None and has_store(previous):
        store = update_store(Path(previous) / STORE, G, mentions, path, rendered=rendered,
                             record=record, pieces=pieces)
    else:
        store = build_store(G, mentions, path, rendered=rendered, more=more)
    store.flush()
    del store  # releases the database lock before the folder is published or moved
    (path / MARKER).write_text("built by kg\n")
    _shareable(path)
    return path


# Above this share of the graph changed, a fresh bulk load beats removing and adding quads.
_MOST_CHANGED = 0.25


def update_store(previous: Path, G, mentions: Iterable[tuple] | None, path: Path, *,
                 rendered: list | None = None, record=None, pieces: tuple | None = None):
    """A store of ``G`` at ``path`` made from the ``previous`` store: a hard-linked copy of it
    (:meth:`pyoxigraph.Store.backup`, no data copied), then only the quads that differ are
    removed and added. Adding ten articles to a big graph writes their quads, not the
    graph's: the bulk load and compaction of every quad are what made updates cost as much
    as a build. The result holds the same quads as :func:`build_store` would.

    The two sides are compared as N-Quads lines (the old store's dump against ``G``'s
    lines), not as pyoxigraph terms, which cost microseconds each to build and hash. A
    quad the two write differently (Oxigraph writes the double ``1.0`` as ``1``) is removed
    and added again: the same quad, so the store still ends up right.

    For example, after ``kg.load("out").add("Putin flew to Ankara.")`` and ``save``, the new
    store holds out/store's files (linked) plus the new article's graph and the triples
    whose counts changed. With the previous store's ``record`` (:mod:`kg.export.quadcache`:
    the lines it was loaded with, by piece) and ``G``'s ``pieces`` (and mention block), only
    the pieces that changed are compared: the store's dump cost 13 s on 2,000 BBC articles.
    """
    import pyoxigraph as ox

    from kg.export.rdf import nquads_lines

    old = ox.Store.read_only(str(previous))
    if record is not None and pieces is not None:
        stale, fresh, size = _changed_quads(record, *pieces, rendered)
    else:
        wanted = set(nquads_lines(G, mentions, union_default=True, rendered=rendered))
        held = set(old.dump(format=ox.RdfFormat.N_QUADS).decode().splitlines(keepends=True))
        stale, fresh, size = held - wanted, wanted - held, len(wanted)
    if len(stale) + len(fresh) > _MOST_CHANGED * max(size, 1):
        del old
        return build_store(G, mentions, path, rendered=rendered)
    old.backup(str(path))
    del old
    store = ox.Store(str(path))
    if stale:  # removed before the new ones are added: a quad in both stays
        for quad in ox.parse(input="".join(stale).encode(), format=ox.RdfFormat.N_QUADS):
            store.remove(quad)
    if fresh:
        bulk_load(store, fresh)
    return store


def _changed_quads(record, pieces: dict, mentions_block: str, rendered):
    """Lines to remove and to add, from the pieces that changed since ``record``. The old
    store is the unchanged pieces' lines U plus the changed ones' old lines O; the new one is
    U plus their new lines N. So the lines to remove are those of O not in the new store
    (checked against all of it: a line may come from two pieces), and adding N - O is enough
    (a line already there through U is added again: no change). Also returns the size of
    the graph, in quads.

    A candidate is checked against the new graph's quads about its subject
    (:func:`kg.export.quadcache.quads_about`) and the new mention block, as quads, not as N-Quads lines: writing the graph's million
    lines to look up a few hundred took 2 of an update's 14 s on 2,000 BBC articles. A
    default-graph line is still wanted if any graph holds its triple (the union copy); a
    named one if that graph does.
    """
    from kg.export.quadcache import block_quads, quads_about, store_lines, subject_of

    old, new = record.changed_blocks(pieces, mentions_block)
    removed, added = set(store_lines(old)), set(store_lines(new))
    candidates = removed - added
    if candidates:
        # each candidate as the quad it came from: its triple and graph (None: the default copy)
        default, named = set(), set()
        for triple, graph in (quad for block in old for quad in block_quads(block)):
            if f"{triple} .\n" in candidates:
                default.add(triple)
            if graph is not None and f"{triple} {graph} .\n" in candidates:
                named.add((triple, graph))
        named_triples = {triple for triple, _ in named}
        held = quads_about(rendered, {subject_of(triple) for triple in default | named_triples})
        for triple, graph in chain(held, block_quads(mentions_block)):  # one pass, small sets
            if triple in default:
                candidates.discard(f"{triple} .\n")  # some graph still says it
            if triple in named_triples and (triple, graph) in named:
                candidates.discard(f"{triple} {graph} .\n")
    return candidates, added - removed, len(rendered)


def _shareable(folder: Path) -> None:
    """mkdtemp makes 0700 folders; a store is for sharing like the other outputs."""
    mask = os.umask(0)
    os.umask(mask)
    folder.chmod(0o777 & ~mask)
    for path in folder.iterdir():
        path.chmod(0o666 & ~mask)


def write_store(G, mentions: Iterable[tuple] | None, out: str | Path) -> Path:
    """Build OUT/store from ``G`` outside a build's save (benchmarks, scripts): in a temp
    folder first, swapped in when complete. Return its path."""
    out = Path(out)
    temp = Path(tempfile.mkdtemp(prefix=f".{STORE}.", suffix=".tmp", dir=out))
    try:
        save_store(G, mentions, temp)
        old = out / f".{STORE}.old"
        shutil.rmtree(old, ignore_errors=True)
        if (out / STORE).exists():
            (out / STORE).rename(old)
        temp.rename(out / STORE)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(temp, ignore_errors=True)
    return out / STORE


def has_store(out: str | Path) -> bool:
    """Whether OUT holds a complete store written by a build."""
    return (Path(out) / STORE / MARKER).is_file()


def open_store(out: str | Path):
    """OUT/store opened read-only (many processes may read it at once)."""
    import pyoxigraph as ox

    if not has_store(out):
        raise KgError(f"{out}: no store (rebuild with kg build, or use graph.ttl)")
    try:
        return ox.Store.read_only(str(Path(out) / STORE))
    except OSError as err:
        raise KgError(f"{out}/{STORE}: cannot open the store ({err})") from None


def query_store(out: str | Path, sparql: str, *, allow_service: bool = False, **bindings) -> QueryResult:
    """Run SPARQL on OUT/store in process.

    >>> query_store("out", "SELECT ?o WHERE { ?s rdfs:label ?n ; kg:meet ?o }", n="Vladimir Putin").rows
    [('https://w3id.org/kg-news/entity/recep-tayyip-erdogan',)]
    """
    return run_query(open_store(out), sparql, allow_service=allow_service, **bindings)


# -- the HTTP endpoint ------------------------------------------------------------------------
def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` executable (the PyPI package puts it beside this Python)."""
    local = Path(sys.executable).parent / "oxigraph"
    found = str(local) if local.exists() else shutil.which("oxigraph")
    if not found:
        raise KgError(NO_SERVER)
    return found


def load_store(out: str | Path) -> Path:
    """OUT/store, the one the build wrote; for an older output without one, OUT/graph.ttl
    is loaded into it (again only when graph.ttl changes).

    >>> load_store("out")
    PosixPath('out/store')
    """
    out = Path(out)
    turtle, store = out / "graph.ttl", out / STORE
    if has_store(out):
        return store
    if not turtle.is_file():
        raise KgError(f"{out}: {NO_GRAPH}")
    stamp = store / "kg-loaded-from"
    signature = f"{turtle.stat().st_mtime_ns} {turtle.stat().st_size}"
    if stamp.is_file() and stamp.read_text() == signature:
        return store
    # Load into a fresh folder and swap it in, so a failed load never leaves a half store.
    fresh = out / "store.loading"
    shutil.rmtree(fresh, ignore_errors=True)
    subprocess.run([oxigraph_binary(), "load", "--location", str(fresh), "--file", str(turtle)],
                   check=True, capture_output=True)
    (fresh / "kg-loaded-from").write_text(signature)
    shutil.rmtree(store, ignore_errors=True)
    fresh.rename(store)
    return store


def query_endpoint(url: str, sparql: str, *, timeout: float = 60) -> QueryResult:
    """Run a SELECT/ASK query on a SPARQL endpoint, with kg's prefixes declared.

    With ``endpoint`` a server's base URL (``kg serve OUT`` listens on ``http://127.0.0.1:7878``):

    >>> query_endpoint(endpoint + "/query", "SELECT ?answer WHERE { BIND(42 AS ?answer) }").rows
    [(42,)]
    """
    import urllib.error
    import urllib.parse
    import urllib.request

    from kg.prefixes import PREFIXES

    declared = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items()
                       if f"PREFIX {p}:".lower() not in sparql.lower())
    data = urllib.parse.urlencode({"query": declared + sparql}).encode()
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        raise KgError(f"{url}: not an endpoint URL (expected http://HOST:PORT/query)")
    request = urllib.request.Request(url, data=data, headers={
        "Accept": "application/sparql-results+json",
        "Content-Type": "application/x-www-form-urlencoded"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            payload = json.load(response)
    except urllib.error.HTTPError as err:
        reason = " ".join(err.read().decode(errors="replace").split())[:300]
        raise QueryError(BAD_QUERY.format(reason=reason or err.reason)) from None
    except (urllib.error.URLError, OSError) as err:
        raise KgError(f"{url}: endpoint not reachable ({getattr(err, 'reason', err)})") from None
    if "boolean" in payload:
        return QueryResult(["ask"], [(payload["boolean"],)])
    columns = payload["head"]["vars"]
    rows = [tuple(_value(binding.get(var)) for var in columns)
            for binding in payload["results"]["bindings"]]
    return QueryResult(columns, rows)


def _value(term: dict | None):
    """Plain Python value of a SPARQL JSON term, as :func:`kg.query.run_query` gives."""
    if term is None:
        return None
    if "datatype" not in term:
        return term["value"]
    import pyoxigraph as ox

    return oxigraph_value(ox.Literal(term["value"], datatype=ox.NamedNode(term["datatype"])))
