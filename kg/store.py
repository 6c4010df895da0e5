"""A real SPARQL store and endpoint for big graphs: Oxigraph.

rdflib answers queries on graphs of a few hundred thousand triples; past that, load the
graph into Oxigraph (an on-disk RDF database) and query its HTTP endpoint. ``kg serve OUT``
loads OUT/graph.ttl into OUT/store once (again only when graph.ttl changes) and serves it
read-only; ``kg query --endpoint URL`` sends a query there and prints rows as usual.
Both need the ``server`` extra (``pip install 'kg[server]'``: the oxigraph server binary).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from kg.errors import BAD_QUERY, NO_GRAPH, KgError, QueryError
from kg.query import QueryResult
from kg.vocab import PREFIXES

NO_SERVER = "the oxigraph server is not installed: pip install 'kg[server]'"


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` executable (the PyPI package puts it beside this Python)."""
    local = Path(sys.executable).parent / "oxigraph"
    found = str(local) if local.exists() else shutil.which("oxigraph")
    if not found:
        raise KgError(NO_SERVER)
    return found


def load_store(out: str | Path) -> Path:
    """Load OUT/graph.ttl into the Oxigraph store OUT/store, unless it is already up to date.

    >>> load_store("out")  # doctest: +SKIP
    PosixPath('out/store')
    """
    out = Path(out)
    turtle, store = out / "graph.ttl", out / "store"
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

    >>> query_endpoint("http://127.0.0.1:7878/query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1")  # doctest: +SKIP
    """
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


_NUMERIC = {"integer": int, "int": int, "long": int, "decimal": float, "double": float, "float": float}


def _value(term: dict | None):
    """Plain Python value of a SPARQL JSON term, as :func:`kg.query.run_query` gives."""
    if term is None:
        return None
    datatype = term.get("datatype", "").rsplit("#", 1)[-1]
    if datatype in _NUMERIC:
        return _NUMERIC[datatype](term["value"])
    if datatype == "boolean":
        return term["value"] == "true"
    return term["value"]
