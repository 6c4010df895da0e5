"""``kg export OUT --format F``: the graph in the formats other tools read.

=========  =====================================  ==========================
format     written                                read by
=========  =====================================  ==========================
trig       graph.trig (a named graph per article) any RDF store, rdflib
nquads     graph.nq (sorted lines)                any RDF store
jsonld     graph.jsonld (with an @context)        JSON-LD processors, rdflib
parquet    parquet/<table>.parquet                DuckDB, pandas, Spark
graphml    graph.graphml                          Gephi, yEd, Cytoscape, networkx
gexf       graph.gexf                             Gephi, networkx
neo4j      neo4j/*.csv + load.cypher              neo4j-admin import, LOAD CSV
=========  =====================================  ==========================

Every file is written to a temporary name and renamed into place, like the build's.

>>> sorted(EXPORT_FORMATS)[:3]
['gexf', 'graphml', 'jsonld']
"""

from __future__ import annotations

import io
from pathlib import Path

from kg.errors import KgError
from kg.export import write_atomically

# format -> default path inside OUT (a folder when it ends with "/")
EXPORT_FORMATS = {"trig": "graph.trig", "nquads": "graph.nq", "jsonld": "graph.jsonld",
                  "parquet": "parquet/", "graphml": "graph.graphml", "gexf": "graph.gexf",
                  "neo4j": "neo4j/"}


def export_graph(G, mentions: list[tuple], fmt: str, path: str | Path) -> list[Path]:
    """Write ``G`` (and its mention rows) as ``fmt`` at ``path``; return the files written.

    >>> import kg
    >>> export_graph(kg.load("out").to_networkx(), [], "graphml", "out/graph.graphml")
    [PosixPath('out/graph.graphml')]
    """
    if fmt not in EXPORT_FORMATS:
        raise KgError(f"unknown export format {fmt!r} (known: {', '.join(EXPORT_FORMATS)})")
    path = Path(path)
    if EXPORT_FORMATS[fmt].endswith("/"):
        if path.exists() and not path.is_dir():
            raise KgError(f"{path}: exists and is not a folder")
        path.mkdir(parents=True, exist_ok=True)
        if fmt == "parquet":
            from kg.export.tables import write_parquet

            return write_parquet(G, mentions, path)
        from kg.export.neo4j import neo4j_files

        return write_atomically(path, neo4j_files(G, mentions))
    if fmt in ("graphml", "gexf"):
        from kg.export import gephi

        data = getattr(gephi, f"{fmt}_bytes")(G)
    else:
        from kg.export import rdf

        buffer = io.StringIO()
        getattr(rdf, f"write_{fmt}")(G, buffer, mentions)
        data = buffer.getvalue()
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_atomically(path.parent, {path.name: data})
