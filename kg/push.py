"""``kg push OUT --endpoint URL``: load a built graph into a shared SPARQL 1.1 Graph Store.

Any Graph Store Protocol endpoint works (Oxigraph ``/store``, Fuseki ``/dataset/data``,
GraphDB ``/repositories/R/rdf-graphs/service``). Each graph of OUT/store is sent with
``PUT``, which replaces that graph on the server: the default graph (every triple) with
``?default``, then each article's named graph with ``?graph=art:ID``.

The protocol cannot list a server's graphs, so kg keeps its own list there: the named
graph :data:`MANIFEST` holds ``MANIFEST rdfs:member art:ID`` for every article graph it
pushed. The next push reads it and deletes (``DELETE ?graph=…``) the graphs of articles
OUT no longer has, so a withdrawn article leaves the server too. The manifest is first
widened to old + new graphs and narrowed to the new ones only once the stale graphs are
gone: a push that fails half-way leaves no graph the next push would forget.

With ``endpoint`` a server's base URL (``oxigraph serve`` listens on ``http://127.0.0.1:7878``):

>>> push("out", endpoint + "/store")  # the default graph and the seeds' 5 article graphs
6
"""

from __future__ import annotations

import http.client
import urllib.parse
from pathlib import Path

from kg.errors import KgError
from kg.store import open_store

MANIFEST = "https://w3id.org/kg-news/pushed"  # the named graph listing what kg pushed
_MEMBER = "http://www.w3.org/2000/01/rdf-schema#member"


def push(out: str | Path, endpoint: str, *, timeout: float = 120) -> int:
    """PUT every graph of OUT/store to ``endpoint``, delete the article graphs a previous
    push sent that OUT no longer has; return how many graphs were sent."""
    import pyoxigraph as ox

    store = open_store(out)
    server = _Server(endpoint, timeout)
    articles = sorted(g.value for g in store.named_graphs())
    try:
        before = server.pushed()
        server.put(MANIFEST, _manifest(sorted(before | set(articles))))
        server.put(None, store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()))
        for iri in articles:
            server.put(iri, store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(iri)))
        for iri in sorted(before - set(articles)):
            server.delete(iri)
        server.put(MANIFEST, _manifest(articles))
    except (OSError, http.client.HTTPException) as err:
        raise KgError(f"{endpoint}: endpoint not reachable ({err})") from None
    finally:
        server.close()
    return 1 + len(articles)


def _manifest(articles: list[str]) -> bytes:
    return "".join(f"<{MANIFEST}> <{_MEMBER}> <{iri}> .\n" for iri in articles).encode()


class _Server:
    """One keep-alive connection to a Graph Store endpoint."""

    def __init__(self, endpoint: str, timeout: float):
        url = urllib.parse.urlsplit(endpoint)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise KgError(f"{endpoint}: not an http(s) Graph Store URL (e.g. http://127.0.0.1:7878/store)")
        kind = http.client.HTTPSConnection if url.scheme == "https" else http.client.HTTPConnection
        self.endpoint, self.url = endpoint, url
        self.connection = kind(url.hostname, url.port, timeout=timeout)

    def _path(self, graph: str | None) -> str:
        param = "default" if graph is None else urllib.parse.urlencode({"graph": graph})
        separator = "&" if self.url.query else ""
        return f"{self.url.path or '/'}?{self.url.query}{separator}{param}"

    def _send(self, method: str, graph: str | None, body: bytes | None = None,
              ok=(200, 201, 204)) -> tuple[int, bytes]:
        headers = {"Content-Type": "application/n-triples"} if body is not None else \
            {"Accept": "application/n-triples"}
        self.connection.request(method, self._path(graph), body=body, headers=headers)
        response = self.connection.getresponse()
        data = response.read()
        if response.status not in ok:
            detail = " ".join(data.decode(errors="replace").split())[:200]
            raise KgError(f"{self.endpoint}: the server refused {method} of the graph "
                          f"{graph or 'default'} ({response.status} {detail})")
        return response.status, data

    def put(self, graph: str | None, body: bytes) -> None:
        self._send("PUT", graph, body)

    def delete(self, graph: str) -> None:
        self._send("DELETE", graph, ok=(200, 204, 404))  # already gone is fine

    def pushed(self) -> set[str]:
        """The article graphs the last push listed in the manifest (none on a fresh server)."""
        import pyoxigraph as ox

        status, data = self._send("GET", MANIFEST, ok=(200, 404))
        if status == 404 or not data.strip():
            return set()
        return {t.object.value for t in ox.parse(data, format=ox.RdfFormat.N_TRIPLES)
                if t.predicate.value == _MEMBER}

    def close(self) -> None:
        self.connection.close()
