"""graph.json: networkx node-link JSON of the MultiDiGraph, and its reader.

>>> import io, networkx as nx
>>> G = nx.MultiDiGraph(); _ = G.add_edge("a", "b", key="meet", relation="meet")
>>> buf = io.StringIO(); write_json(G, buf)
>>> sorted(graph_from_json(buf.getvalue()).edges(keys=True))
[('a', 'b', 'meet')]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TextIO

import networkx as nx
import orjson

from kg.errors import NO_GRAPH, KgError

# networkx 3.6 changed node-link's default key from "links" to "edges": pin it.
_EDGES = "edges"


def write_json(G: nx.MultiDiGraph, stream: TextIO) -> None:
    """Write ``G`` as node-link JSON (``nodes``, ``edges``, ``graph``)."""
    data = nx.node_link_data(G, edges=_EDGES)
    # one node or edge per line: diffable and greppable, each line encoded by orjson
    # (json's C encoder, which ``indent`` turns off, took 4x as long on 250 BBC articles)
    parts = []
    for key, value in data.items():
        if isinstance(value, list) and value:
            value_text = "[\n" + ",\n".join(_dumps(item) for item in value) + "\n]"
        else:
            value_text = _dumps(value)
        parts.append(f"{_dumps(key)}: {value_text}")
    stream.write("{\n" + ",\n".join(parts) + "\n}\n")


def _dumps(value) -> str:
    """``value`` as one line of JSON (what orjson refuses, such as a lone surrogate a
    library user put in an attribute, json writes as before).

    >>> _dumps({"label": "Erdoğan", 3: [1.5, None]})
    '{"label":"Erdoğan","3":[1.5,null]}'
    """
    try:
        return orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS).decode()
    except TypeError:  # orjson.JSONEncodeError is one
        return json.dumps(value, ensure_ascii=False)


def graph_from_json(text: str) -> nx.MultiDiGraph:
    """The MultiDiGraph written by :func:`write_json`."""
    try:
        data = orjson.loads(text)
    except orjson.JSONDecodeError:  # NaN, which json wrote for a float attribute before
        data = json.loads(text)
    return nx.node_link_graph(data, directed=True, multigraph=True, edges=_EDGES)


def read_json(path: str | Path) -> nx.MultiDiGraph:
    """Read a graph saved by ``kg build``: its folder, its graph.json, or any other file of
    it (``out/graph.ttl`` reads ``out/graph.json`` beside it). Errors name the path given.

    >>> read_json("no/such/out")
    Traceback (most recent call last):
    ...
    kg.errors.KgError: no/such/out: no such folder (give the folder 'kg build -o' wrote)
    """
    given = path = Path(path)
    if not path.exists():
        raise KgError(f"{given}: no such folder (give the folder 'kg build -o' wrote)")
    if path.is_file() and path.suffix != ".json":
        path = path.parent  # graph.ttl, graph.html, mentions.tsv: the build's other files
    if path.is_dir():
        path = path / "graph.json"
        if not path.is_file():
            raise KgError(f"{given}: {NO_GRAPH}")
    try:
        return graph_from_json(path.read_text(encoding="utf-8"))
    except (ValueError, KeyError, TypeError) as err:
        raise KgError(f"{path}: not a kg graph.json ({err})") from None
