"""The library's entry point: :class:`KnowledgeGraph`, :func:`build` and :func:`load`.

The pipeline runs ``read -> parse -> extract`` per article as articles are added, then
``resolve -> merge`` over all of them when the graph is first looked at, so adding articles
one at a time gives the same graph as adding them together. The CLI is a thin layer over this.

>>> g = build(["Recep Tayyip Erdoğan met Vladimir Putin in Moscow on March 5. "
...            "Erdoğan later visited Sochi."])  # doctest: +SKIP
>>> [(f["subject"], f["relation"], f["object"]) for f in g.facts(relation="meet")]  # doctest: +SKIP
[('Recep Tayyip Erdoğan', 'meet', 'Vladimir Putin')]
"""

from __future__ import annotations

import hashlib
import io

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

import networkx as nx

from kg.errors import InputError
from kg.export import FORMATS, save_files, write_atomically
from kg.export.facts import read_facts, write_facts
from kg.export.json import read_json
from kg.export.mentions import read_mentions
from kg.extract import DEFAULT_EXTRACTORS, extract_article
from kg.merge import merge_facts
from kg.parse import default_jobs, parse_articles
from kg.query import QueryResult, run_query
from kg.read import read_articles
from kg.resolve import resolve
from kg.types import Article, ArticleFacts, Resolution

Input = str | Path | Article
_WORKER_MIN_ARTICLES = 24  # below this, starting spaCy worker processes costs more than it saves


class KnowledgeGraph:
    """A news knowledge graph: entities, facts and the articles they come from.

    Args:
        extractors: names of registered extractors (default ``openie`` and ``nominal``).
        aliases: an alias file forcing or forbidding merges (see :mod:`kg.resolve`).
        jobs: spaCy processes for parsing (default: all cores).
    """

    def __init__(self, *, extractors: Iterable[str] = DEFAULT_EXTRACTORS,
                 aliases: str | Path | None = None, jobs: int | None = None):
        self.extractors = tuple(extractors)
        self.aliases = aliases
        self.jobs = jobs or default_jobs()
        self.errors: list[InputError] = []
        self._articles: dict[str, ArticleFacts] = {}
        self._graph: nx.MultiDiGraph | None = None
        self._resolution: Resolution | None = None
        self._rdf = None

    # -- building ---------------------------------------------------------------------------
    def add(self, inputs: Input | Iterable[Input], *,
            on_error: Callable[[InputError], None] | None = None,
            progress: Callable[[Article], None] | None = None) -> int:
        """Read, parse and extract new articles; return how many were added.

        ``inputs`` are paths (files or folders), article text strings, or :class:`Article`
        objects. An article whose id is already in the graph is skipped, so adding twice
        adds nothing. Bad files raise :class:`InputError` unless ``on_error`` takes them.
        """
        handler = on_error or self._raise
        articles = [a for a in _articles_from(inputs, handler) if a.id not in self._articles]
        unique = list({a.id: a for a in articles}.values())
        jobs = self.jobs if len(unique) >= _WORKER_MIN_ARTICLES else 1
        for article, doc in parse_articles(unique, jobs=jobs):
            self._articles[article.id] = extract_article(article, doc, extractors=self.extractors)
            if progress:
                progress(article)
        if unique:
            self._graph = self._resolution = self._rdf = None
        return len(unique)

    def _raise(self, err: InputError) -> None:
        raise err

    def _ensure(self) -> nx.MultiDiGraph:
        if self._graph is None:
            articles = list(self._articles.values())
            options = {"aliases": _load_aliases(self.aliases)} if self.aliases else {}
            self._resolution = resolve(articles, **options)
            self._graph = merge_facts(articles, self._resolution)
        return self._graph

    # -- looking at it ----------------------------------------------------------------------
    def to_networkx(self) -> nx.MultiDiGraph:
        """The graph as a networkx MultiDiGraph (nodes: label/type/aliases; edges: relation/evidence)."""
        return self._ensure()

    @property
    def rdf(self):
        """The graph as an ``rdflib.Graph`` (built on first use)."""
        if self._rdf is None:
            from kg.export.rdf import to_rdf

            self._rdf = to_rdf(self._ensure())
        return self._rdf

    def query(self, sparql: str, **bindings) -> QueryResult:
        """Run SPARQL over :attr:`rdf`; keyword arguments pre-bind variables.

        >>> g.query("SELECT ?name WHERE { ?e rdfs:label ?name } LIMIT 1").columns  # doctest: +SKIP
        ['name']
        """
        return run_query(self.rdf, sparql, **bindings)

    def entities(self, type: str | None = None) -> list[dict]:
        """Entities as dicts (``id``, ``label``, ``type``, ``aliases``, ``facts``), most connected first."""
        G = self._ensure()
        rows = [{"id": n, "label": d.get("label"), "type": d.get("type"),
                 "aliases": d.get("aliases", []), "facts": G.degree(n), "mentions": d.get("mentions", 0)}
                for n, d in G.nodes(data=True) if type is None or d.get("type") == type]
        return sorted(rows, key=lambda r: (-r["facts"], -r["mentions"], r["id"]))

    def facts(self, subject: str | None = None, relation: str | None = None,
              object: str | None = None, since: str | None = None,
              until: str | None = None) -> list[dict]:
        """Facts as dicts, filtered by entity (id or any alias, case-insensitive), relation and date.

        ``since``/``until`` are ISO dates compared with each evidence date; a fact is kept when
        any of its evidence falls in the range. Symmetric facts (``meet``) match either way round.
        """
        G = self._ensure()
        rows = []
        for u, v, key, data in G.edges(keys=True, data=True):
            if relation and key != relation:
                continue
            pairs = [(u, v), (v, u)] if data.get("symmetric") else [(u, v)]
            if not any(_matches(G, a, subject) and _matches(G, b, object) for a, b in pairs):
                continue
            dates = [e["date"] for e in data["evidence"] if e.get("date")]
            if (since or until) and not any((not since or d >= since[:len(d)]) and
                                            (not until or d[:len(until)] <= until) for d in dates):
                continue
            if subject and data.get("symmetric") and not _matches(G, u, subject):
                u, v = v, u
            rows.append({"subject": G.nodes[u]["label"], "relation": key, "object": G.nodes[v]["label"],
                         "subject_id": u, "object_id": v, "articles": data["articles"],
                         "dates": sorted(set(dates)), "negated": data["negated"],
                         "evidence": data["evidence"]})
        return sorted(rows, key=lambda r: (r["dates"][:1], r["subject"], r["relation"], r["object"]))

    def evidence(self, fact: dict | tuple) -> list[dict]:
        """The supporting sentences of a fact (a dict from :meth:`facts` or ``(subject_id, relation, object_id)``)."""
        if isinstance(fact, dict):
            fact = (fact["subject_id"], fact["relation"], fact["object_id"])
        u, relation, v = fact
        G = self._ensure()
        if not G.has_edge(u, v, key=relation):
            u, v = v, u
        return list(G.edges[u, v, relation]["evidence"])

    def mention_rows(self) -> list[tuple[str, int, int, str, str]]:
        """Rows of mentions.tsv: every resolved entity mention (concept nodes excluded)."""
        self._ensure()
        rows = []
        for article in self._articles.values():
            for mention in article.mentions:
                node = self._resolution.node(mention)
                if node is not None and mention.label != "CONCEPT":
                    rows.append((mention.article, mention.start, mention.end, mention.text, node))
        return rows

    def summary(self) -> dict:
        G = self._ensure()
        return {"articles": len(G.graph.get("articles", {})), "entities": G.number_of_nodes(),
                "facts": G.number_of_edges()}

    # -- saving -----------------------------------------------------------------------------
    def save(self, out: str | Path, *, max_nodes: int | None = None,
             min_weight: int | None = None) -> list[Path]:
        """Write graph.json, graph.ttl, graph.html, mentions.tsv (and facts.jsonl) into ``out``."""
        html_options = {k: v for k, v in (("max_nodes", max_nodes), ("min_weight", min_weight))
                        if v is not None}
        paths = save_files(self._ensure(), self.mention_rows(), out, formats=FORMATS,
                           html_options=html_options)
        buffer = io.StringIO()
        write_facts(self._articles.values(), buffer)
        return paths + write_atomically(Path(out), {"facts.jsonl": buffer.getvalue()})

    def to_html(self, path: str | Path | None = None, **options) -> str:
        """The interactive page as a string; also written to ``path`` when given."""
        from kg.export.html import write_html

        buffer = io.StringIO()
        write_html(self._ensure(), buffer, **options)
        if path is not None:
            write_atomically(Path(path).parent, {Path(path).name: buffer.getvalue()})
        return buffer.getvalue()

    def _repr_html_(self) -> str:
        # An iframe isolates the page's scripts and styles from the notebook's, which is what
        # makes it work alike in JupyterLab, classic Notebook and VS Code.
        import html

        page = html.escape(self.to_html(), quote=True)
        return (f'<iframe srcdoc="{page}" style="width:100%;height:620px;border:1px solid #ddd" '
                f'sandbox="allow-scripts allow-same-origin"></iframe>')

    def __repr__(self) -> str:
        s = self.summary()
        return f"<KnowledgeGraph: {s['articles']} articles, {s['entities']} entities, {s['facts']} facts>"


def build(inputs: Input | Iterable[Input], **options) -> KnowledgeGraph:
    """Build a graph from paths, folders, article strings or :class:`Article` objects.

    Options are those of :class:`KnowledgeGraph` plus ``on_error`` (see :meth:`KnowledgeGraph.add`).
    """
    on_error = options.pop("on_error", None)
    progress = options.pop("progress", None)
    graph = KnowledgeGraph(**options)
    graph.add(inputs, on_error=on_error, progress=progress)
    return graph


def load(out: str | Path) -> KnowledgeGraph:
    """Open a graph saved by ``kg build`` or :meth:`KnowledgeGraph.save`.

    The graph is read from graph.json; facts.jsonl (when present) lets :meth:`~KnowledgeGraph.add`
    extend it.
    """
    G = read_json(out)
    graph = KnowledgeGraph()
    graph._articles = {a.article.id: a for a in read_facts(Path(out) / "facts.jsonl")}
    graph._graph = G
    mentions_path = Path(out) / "mentions.tsv"
    resolution = Resolution(entities={})
    if mentions_path.is_file():
        for row in read_mentions(mentions_path):
            resolution.node_of[(row["article"], row["start"], row["end"])] = row["node"]
    graph._resolution = resolution
    return graph


def _articles_from(inputs, on_error) -> Iterator[Article]:
    if isinstance(inputs, (str, Path, Article)):
        inputs = [inputs]
    for item in inputs:
        if isinstance(item, Article):
            yield item
        elif isinstance(item, str) and not Path(item).exists() and (" " in item or "\n" in item):
            # a string of text, not a path: its id is a digest so adding it twice adds nothing
            digest = hashlib.sha1(item.encode()).hexdigest()[:10]
            from kg.read import find_date

            date, masked = find_date(item)
            yield Article(id=f"text-{digest}", text=item, date=date, masked=masked)
        else:
            yield from read_articles([item], on_error=on_error)


def _matches(G: nx.MultiDiGraph, node: str, name: str | None) -> bool:
    if name is None:
        return True
    data = G.nodes[node]
    wanted = _fold(name)
    return node == name or any(_fold(a) == wanted for a in [data.get("label", "")] + data.get("aliases", []))


def _fold(text: str) -> str:
    from anyascii import anyascii

    return " ".join(anyascii(text).lower().split())


def _load_aliases(path):
    from kg.resolve import load_aliases

    return load_aliases(path)


