"""``kg push OUT --endpoint URL``: load a built graph into a shared SPARQL 1.1 Graph Store.

Any Graph Store Protocol endpoint works (Oxigraph ``/store``, Fuseki ``/dataset/data``,
GraphDB ``/repositories/R/rdf-graphs/service``). Each graph of OUT/store is sent with
``PUT``, which replaces that graph on the server: the default graph (every triple) with
``?default``, then each article's named graph with ``?graph=art:ID``. Pushing again after a
rebuild therefore updates what changed; a withdrawn article's graph stays on the server
until it is dropped there (``DROP GRAPH art:ID``).

>>> push("out", "http://127.0.0.1:7878/store")  # doctest: +SKIP
6
"""

from __future__ import annotations

import http.client
import urllib.parse
from pathlib import Path

from kg.errors import KgError
from kg.store import open_store


def push(out: str | Path, endpoint: str, *, timeout: float = 120) -> int:
    """PUT every graph of OUT/store to ``endpoint``; return how many graphs were sent."""
    import pyoxigraph as ox

    store = open_store(out)
    url = urllib.parse.urlsplit(endpoint)
    if url.scheme not in ("http", "https") or not url.hostname:
        raise KgError(f"{endpoint}: not an http(s) Graph Store URL (e.g. http://127.0.0.1:7878/store)")
    connection_class = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
    connection = connection_class(url.hostname, url.port, timeout=timeout)
    graphs = [ox.DefaultGraph(), *sorted(store.named_graphs(), key=lambda g: g.value)]
    try:
        for graph in graphs:
            body = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
            param = "default" if isinstance(graph, ox.DefaultGraph) else \
                urllib.parse.urlencode({"graph": graph.value})
            separator = "&" if url.query else ""
            path = f"{url.path or '/'}?{url.query}{separator}{param}"
            connection.request("PUT", path, body=body,
                               headers={"Content-Type": "application/n-triples"})
            response = connection.getresponse()
            detail = " ".join(response.read().decode(errors="replace").split())[:200]
            if response.status >= 300:
                raise KgError(f"{endpoint}: the server refused the graph "
                              f"{getattr(graph, 'value', 'default')} ({response.status} {detail})")
    except (OSError, http.client.HTTPException) as err:
        raise KgError(f"{endpoint}: endpoint not reachable ({err})") from None
    finally:
        connection.close()
    return len(graphs)
