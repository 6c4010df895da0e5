"""The library's entry point: :class:`KnowledgeGraph`, :func:`build` and :func:`load`.

Each article is read, parsed and extracted once, when it is added; resolution and merging
then run over every article (in id order) the first time the graph is looked at. So adding
articles one at a time, in any order, gives the same graph as adding them together, and the
CLI (a thin layer over this module) gives the same graph as the library.

>>> g = build(["Turkish President Recep Tayyip Erdoğan met Russian President Vladimir Putin "
...            "in Moscow on Thursday."], jobs=1)
>>> [(f["subject"], f["relation"], f["object"]) for f in g.facts(relation="meet")]
[('Recep Tayyip Erdoğan', 'meet', 'Vladimir Putin')]
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import io
import json
import os
from collections.abc import Callable, Iterable
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from kg.collector import few_full_collections
from kg.errors import NO_FACTS_FILE, NOTHING_TO_SAVE, InputError, KgError
from kg.extract.registry import DEFAULT_EXTRACTORS
from kg.inputs import Input, read_inputs
from kg.types import Article, ArticleFacts, Resolution

if TYPE_CHECKING:
    from kg.query import QueryResult

# The stages (spaCy, rdflib, pyvis) are imported where they are first needed, so that
# `import kg`, `kg --help` and `kg query` start in well under a second.

_CONTEXT_CHARS = 60  # characters either side of a mention in kg explain: a clause or so
_IFRAME_HEIGHT = 620  # px; the page fits its panels to whatever height it is given


class KnowledgeGraph:
    """A news knowledge graph: entities, facts and the articles they come from.

    Args:
        extractors: names of registered extractors (default ``openie`` and ``nominal``).
        aliases: an alias file forcing or forbidding merges (see :mod:`kg.resolve`).
        jobs: spaCy processes for parsing (default: all cores).
        max_chars: the longest article read whole; a longer one is cut and reported (default
            :data:`kg.hygiene.MAX_CHARS`, 1,000,000; see :mod:`kg.hygiene`).

    >>> g = KnowledgeGraph(jobs=1)
    >>> g.add("Erdoğan met Putin in Moscow.")
    1
    """

    def __init__(self, *, extractors: Iterable[str] = DEFAULT_EXTRACTORS,
                 aliases: str | Path | None = None, jobs: int | None = None,
                 max_chars: int | None = None):
        if max_chars is not None and max_chars < 1:
            raise KgError(f"max_chars must be at least 1, got {max_chars}")
        self.max_chars = max_chars
        self.extractors = tuple(extractors)
        self.aliases = aliases
        from kg.extract.registry import check_extractors

        self.extractors = check_extractors(extractors)  # a typo fails before any parsing
        if aliases:  # a bad alias file fails now, not after every article is parsed
            from kg.resolve import load_aliases

            load_aliases(aliases)
        self.jobs = jobs  # None: all cores (kg.parse.default_jobs), looked up when parsing
        self._articles: dict[str, ArticleFacts] = {}
        self._graph: nx.MultiDiGraph | None = None
        self._json: Path | None = None  # a loaded graph's graph.json, read when first needed
        self._resolution: Resolution | None = None
        self._rdf = None
        self._store = None  # pyoxigraph Store: OUT/store once loaded, else built in memory
        self._loaded_from: Path | None = None  # the folder whose store matches the graph
        self._frozen: str | None = None  # set by load() when old articles can't be re-resolved
        self._saved: Path | None = None  # a loaded graph's folder, until _restore reads it
        self._folder: Path | None = None  # the folder a loaded graph came from
        self._read_lines: dict = {}  # article id -> (facts read from facts.jsonl, their line)
        self._cache = None  # kg.cache.ArticleCache: per-article products, the last save's first
        self._pending_events: Callable[[], None] | None = None  # the events stage, when not run yet

    # -- building ---------------------------------------------------------------------------
    @few_full_collections()
    def add(self, inputs: Input | Iterable[Input], *,
            on_error: Callable[[InputError], None] | None = None,
            progress: Callable[[Article], None] | None = None) -> int:
        """Read, parse and extract new or changed articles; return how many were added or replaced.

        ``inputs`` are paths (files or folders), article text strings, or :class:`Article`
        objects. Articles are known by id and content (text, title, date, url): adding the
        same article again adds nothing, and a changed article with a known id replaces the
        old one's facts and mentions. Only these articles are parsed. A bad file raises
        :class:`InputError` unless ``on_error`` takes it.

        >>> g.add(["seeds", "Vladimir Putin arrived in Pyongyang on 19 June 2024."])  # the seeds are in g
        1
        """
        from kg.distributed import expand
        from kg.hygiene import char_limit, unique_articles
        from kg.parse import default_jobs
        from kg.pipeline import count_articles, extract_stream, new_articles
        from kg.progress import current, stage

        self._restore()
        inputs = expand(inputs)  # glob patterns ("shards/*.jsonl") -> the paths they match
        # read lazily, parse and extract in a bounded stream, keep each article's facts as it
        # comes; an article whose id and content are known is skipped, a changed one replaced
        unique = unique_articles((a for a in read_inputs(inputs, on_error=on_error or _raise)
                                  if self._new_or_changed(a)), on_error or _raise)
        fresh = new_articles(unique, set(), self._refuse_if_frozen)
        total = count_articles(inputs) if current() is not None else None
        # the articles are read lazily inside this block, so its limit is the one they meet
        with char_limit(self.max_chars), stage("read+parse+extract", total=total) as advance:
            def done(facts: ArticleFacts) -> ArticleFacts:
                advance()
                if progress:
                    progress(facts.article)
                return facts

            return self._add_extracted(map(done, extract_stream(
                fresh, jobs=self.jobs or default_jobs(), extractors=self.extractors)))

    def _new_or_changed(self, article: Article) -> bool:
        if self._frozen and article.id in self._graph.graph.get("articles", {}):
            return False
        old = self._articles.get(article.id)
        return old is None or _content_hash(old.article) != _content_hash(article)

    def _known(self) -> set[str]:
        return set(self._articles) | set(self._graph.graph.get("articles", {}) if self._frozen else ())

    def _refuse_if_frozen(self, article: Article) -> None:
        if self._frozen:
            raise KgError(NO_FACTS_FILE.format(out=self._frozen))

    def _add_extracted(self, extracted: Iterable[ArticleFacts]) -> int:
        """Keep extracted articles that are new or changed (the first of two with one id wins)."""
        self._restore()
        seen, added = set(), 0
        for facts in extracted:
            if facts.article.id in seen or not self._new_or_changed(facts.article):
                continue
            self._refuse_if_frozen(facts.article)
            seen.add(facts.article.id)
            self._articles[facts.article.id] = facts
            added += 1
        if added:
            self._changed()
        return added

    def remove(self, ids: str | Iterable[str]) -> int:
        """Withdraw articles by id, with every fact, alias and entity only they supported;
        resolution re-runs over the rest. Return how many were removed.

        Raises:
            KgError: an id that isn't in the graph (nothing is removed then).

        >>> g.remove(["004_8234c2ccb6702025"])
        1
        """
        self._restore()
        ids = list(dict.fromkeys([ids] if isinstance(ids, str) else ids))
        if self._frozen:
            raise KgError(NO_FACTS_FILE.format(out=self._frozen))
        unknown = [i for i in ids if i not in self._articles]
        if unknown:
            raise KgError(f"no article with id {', '.join(map(repr, unknown))} in the graph")
        for article_id in ids:
            del self._articles[article_id]
        if ids:
            self._changed()
        return len(ids)

    def _changed(self) -> None:
        self._graph = self._resolution = self._rdf = self._store = self._json = None
        self._pending_events = None
        self._loaded_from = None

    def _restore(self) -> None:
        """Read a loaded graph's facts.jsonl and mentions.tsv the first time they're needed:
        a query needs neither, and on a big graph they are most of what there is to read."""
        out, self._saved = self._saved, None
        if out is None:
            return
        from kg.export.facts import read_facts_lines
        from kg.export.mentions import read_mentions

        self._read_lines = {a.article.id: (a, line) for a, line in read_facts_lines(out / "facts.jsonl")}
        self._articles = {key: a for key, (a, _) in self._read_lines.items()}
        if not self._articles and (self._graph is not None or self._json is not None) \
                and self._ensure().graph.get("articles"):
            self._frozen = str(out)
        self._resolution = Resolution()
        if (out / "mentions.tsv").is_file():
            for row in read_mentions(out / "mentions.tsv"):
                self._resolution.node_of[(row["article"], row["start"], row["end"])] = row["node"]

    @few_full_collections()
    def _ensure(self) -> nx.MultiDiGraph:
        """The whole graph: resolved, merged, with its events."""
        G = self._merged()
        if self._pending_events is not None:
            self._pending_events()
        return G

    def _merged(self) -> nx.MultiDiGraph:
        """The graph resolved and merged; its events may still be to find (:meth:`_ensure`)."""
        if self._graph is None and self._json is not None:
            from kg.export.json import read_json

            self._graph, self._json = read_json(self._json), None
        if self._graph is None:
            # id order, not arrival order: resolution picks labels from what it sees first
            articles = [self._articles[key] for key in sorted(self._articles)]
            from kg.merge import merge_facts
            from kg.resolve import load_aliases, resolve

            options = {"aliases": load_aliases(self.aliases)} if self.aliases else {}
            from kg.progress import stage

            reuse = self._reuse()
            with stage("resolve"):
                self._resolution = resolve(articles, clusters=reuse.clusters, **options)
            with stage("merge"):
                self._graph = merge_facts(articles, self._resolution)
            self._pending_events = lambda: self._find_events(articles, reuse)
        return self._graph

    def _find_events(self, articles: list[ArticleFacts], reuse: _Reuse) -> None:
        from kg.events import find_events
        from kg.progress import stage

        with stage("events"):
            self._graph.graph["events"] = find_events(articles, self._resolution,
                                                      mentions_of=reuse.event_mentions,
                                                      reuse=reuse.event_groups)
        self._pending_events = None

    def _reuse(self) -> _Reuse:
        """The per-article products of the last save (a loaded graph's), for this resolution."""
        from kg.cache import ArticleCache, read_cache

        self._cache = read_cache(self._folder) if self._cache is None else ArticleCache(self._cache.record())
        aliases = Path(self.aliases).read_bytes() if self.aliases else b""
        return _Reuse(self._cache, self._line, aliases)

    def _line(self, facts: ArticleFacts) -> str:
        """The article's facts.jsonl line (read, or encoded once and kept for the save)."""
        known, line = self._read_lines.get(facts.article.id, (None, None))
        if known is not facts:
            from kg.export.facts import encode_line

            line = encode_line(facts)
            self._read_lines[facts.article.id] = (facts, line)
        return line

    # -- looking at it ----------------------------------------------------------------------
    def to_networkx(self, *, concepts: bool = True) -> nx.MultiDiGraph:
        """A copy of the graph as a networkx MultiDiGraph (safe to change): nodes carry
        ``label``, ``type``, ``aliases``; edges are keyed by relation and carry ``evidence``.
        ``concepts=False`` gives the actor graph: named entities only, without the phrase
        nodes (``type`` ``CONCEPT``) and the edges that touch them.

        >>> import networkx as nx
        >>> centrality = nx.degree_centrality(g.to_networkx())
        >>> actors = g.to_networkx(concepts=False)
        >>> any(d.get("type") == "CONCEPT" for _, d in actors.nodes(data=True))
        False
        """
        G = self._ensure()
        if concepts:
            return G.copy()
        return G.subgraph(n for n, d in G.nodes(data=True) if d.get("type") != "CONCEPT").copy()

    @property
    def rdf(self):
        """The graph as an ``rdflib.Graph`` (built on first use; see :mod:`kg.export.rdf`)."""
        if self._rdf is None:
            from kg.export.rdf import to_rdf

            self._rdf = to_rdf(self._ensure(), self.mention_rows())
        return self._rdf

    @property
    def store(self):
        """The graph in an Oxigraph store (``pyoxigraph.Store``, one named graph per article):
        a loaded graph's OUT/store, opened read-only, or one built in memory."""
        if self._store is None:
            from kg.store import build_store, has_store, open_store

            if self._loaded_from is not None and has_store(self._loaded_from):
                self._store = open_store(self._loaded_from)
            else:
                self._store = build_store(self._ensure(), self.mention_rows())
        return self._store

    def query(self, sparql: str, *, allow_service: bool = False, **bindings) -> QueryResult:
        """Run SPARQL in process on :attr:`store` (on :attr:`rdf` when pyoxigraph is missing);
        keyword arguments bind variables to values. ``SERVICE`` is refused unless allowed.

        >>> g.query("SELECT ?o WHERE { ?s rdfs:label ?name ; kg:meet ?o }", name="Vladimir Putin")
        QueryResult(columns=['o'], rows=[('https://w3id.org/kg-news/entity/recep-tayyip-erdogan',)])
        """
        from kg.query import run_query

        try:
            target = self.store
        except ImportError:
            target = self.rdf
        return run_query(target, sparql, allow_service=allow_service, **bindings)

    def entities(self, type: str | None = None, *, concepts: bool = True) -> list[dict]:
        """Entities as dicts, most connected first; ``concepts=False`` leaves out concept
        nodes (nouns such as "talks" that stand for no entity). See :func:`kg.rows.entity_rows`.

        >>> [e["label"] for e in g.entities(type="person")][:2]
        ['Recep Tayyip Erdoğan', 'Vladimir Putin']
        """
        from kg.rows import entity_rows

        return entity_rows(self._ensure(), type=type, concepts=concepts)

    def entity(self, name: str, type: str | None = None) -> dict:
        """The most connected entity called ``name`` (id, label or alias; a country by any
        of its names: ``Türkiye`` finds Turkey); its ``id`` is the networkx node. An unknown
        name raises :class:`KgError` with the nearest names. See :func:`kg.rows.find_entity`.

        >>> import networkx as nx
        >>> around_putin = nx.ego_graph(g.to_networkx(), g.entity("Putin")["id"])
        """
        from kg.rows import find_entity

        return find_entity(self._ensure(), name, type=type)

    def facts(self, subject: str | None = None, relation: str | None = None,
              object: str | None = None, *, entity: str | None = None,
              since: str | int | dt.date | None = None,
              until: str | int | dt.date | None = None) -> list[dict]:
        """Facts as dicts, oldest first. ``subject``, ``object`` and ``entity`` (either side)
        are ids or any alias; ``relation`` an event type, lemma or predicate as written
        (``meet``, ``met``); ``since``/``until`` a year, a date or ``"March 2019"``. A name
        or relation the graph doesn't have raises :class:`KgError` with suggestions. See
        :func:`kg.rows.fact_rows` for the fields.

        >>> [(f["object"], f["dates"]) for f in g.facts(subject="Erdogan", relation="meet")]
        [('Vladimir Putin', ['2020-03-05'])]
        """
        from kg.rows import fact_rows

        return fact_rows(self._ensure(), subject=subject, relation=relation, object=object,
                         entity=entity, since=since, until=until)

    def events(self, participant: str | None = None, type: str | None = None,
               since: str | None = None, until: str | None = None) -> list[dict]:
        """Events (one per real-world event, with its reports), oldest first, filtered by
        participant (id or alias), type and ISO date range; see :mod:`kg.events`.

        >>> [(e["date"], e["status"], len(e["sources"])) for e in g.events(participant="Putin", type="meet", since="2019")]
        [('2019-10', 'happened', 1), ('2020-03-05', 'planned', 3)]
        """
        from kg.events.query import event_rows

        return event_rows(self._ensure(), participant=participant, type=type, since=since, until=until)

    def evidence(self, fact: dict | tuple[str, str, str]) -> list[dict]:
        """The sentences behind a fact: a row of :meth:`facts`, or ``(subject, relation,
        object)`` named by id or alias. Each has ``article``, ``date``, ``sentence``,
        ``predicate``, ``negated``, ... A fact the graph lacks has none; a name it lacks raises.

        >>> sorted({e["article"] for e in g.evidence(("Erdoğan", "meet", "Putin"))})[:2]
        ['000_6d041615ef92627e', '001_13223fc3fbf5ac4f']
        """
        if isinstance(fact, dict):
            fact = (fact["subject_id"], fact["relation"], fact["object_id"])
        subject, relation, object = fact
        return [e for row in self.facts(subject=subject, relation=relation, object=object)
                for e in row["evidence"]]

    def mention_rows(self) -> list[tuple[str, int, int, str, str]]:
        """Rows of mentions.tsv: every resolved entity mention (concept nodes excluded)."""
        self._restore()
        self._merged()  # the resolution is all they need
        return [(m.article, m.start, m.end, m.text, node)
                for key in sorted(self._articles) for m in self._articles[key].mentions
                if m.label != "CONCEPT" and (node := self._resolution.node(m)) is not None]

    def explain(self, name: str) -> dict:
        """Why the entity called ``name`` is one node: its aliases, each merge's rule, and
        its mentions (from mentions.tsv for a saved graph); see :func:`kg.resolve.explain.explain`.
        The node is the one :meth:`entity` finds; ``{"id": None, ...}`` when none.

        >>> g.explain("Erdogan")["reasons"][0]["rule"]
        'short-name'
        """
        from kg.resolve.explain import explain

        mentions_file = self._folder / "mentions.tsv" if self._folder else None
        if mentions_file and mentions_file.is_file() and not self._articles:
            from kg.export.mentions import read_mentions

            rows = read_mentions(mentions_file)
        else:
            rows = [dict(zip(("article", "start", "end", "surface", "node"), row))
                    for row in self.mention_rows()]
        info = explain(self._ensure(), name, rows)
        for mention in info.get("mentions", []):
            mention["context"] = self._context(mention)
        return info

    def _context(self, mention: dict, width: int = _CONTEXT_CHARS) -> str:
        """The words around a mention, the mention in [brackets], whitespace collapsed:
        what a reviewer needs to judge a merge without opening the article."""
        self._restore()
        facts = self._articles.get(mention["article"])
        if facts is None:
            return ""
        text, start, end = facts.article.text, int(mention["start"]), int(mention["end"])
        before = " ".join(text[max(0, start - width):start].split()[-8:])
        after = " ".join(text[end:end + width].split()[:8])
        return f"{before} [{' '.join(text[start:end].split())}] {after}".strip()

    def summary(self) -> dict:
        """Counts: ``{"articles": …, "entities": …, "facts": …}``."""
        # Events add no node or edge: the counts need no events stage, which a save then
        # runs beside the store's load (kg build prints these counts before saving).
        G = self._merged()
        return {"articles": len(G.graph.get("articles", {})), "entities": G.number_of_nodes(),
                "facts": G.number_of_edges()}

    # -- saving and showing -----------------------------------------------------------------
    @few_full_collections()
    def save(self, out: str | Path, *, max_nodes: int | None = None,
             min_weight: int | None = None, title: str | None = None) -> list[Path]:
        """Write graph.json, graph.ttl, graph.html, mentions.tsv and facts.jsonl into ``out``
        and return their paths; ``max_nodes``/``min_weight`` thin out graph.html only and
        ``title`` is its title (default: the folder's name). Files already in ``out`` are
        replaced only once every new one is written.

        Raises:
            KgError: the graph has no article (an empty build never replaces a graph).

        >>> [path.name for path in g.save("out-putin", title="Putin")][:3]
        ['graph.json', 'graph.ttl', 'graph.html']
        """
        if not self._merged().graph.get("articles"):
            raise KgError(NOTHING_TO_SAVE)
        from kg.export import FORMATS, save_files
        from kg.export.facts import write_facts

        html_options = {k: v for k, v in (("max_nodes", max_nodes), ("min_weight", min_weight))
                        if v is not None}
        html_options["title"] = title or Path(out).resolve().name or "kg"
        mention_rows = self.mention_rows()  # reads a loaded graph's facts.jsonl first
        buffer = io.StringIO()
        from kg.progress import stage

        with stage("export facts.jsonl"):
            write_facts((self._articles[key] for key in sorted(self._articles)), buffer,
                        read=self._read_lines)

        from kg.cache import RECORD, cache_bytes

        def finish() -> dict[str, str | bytes]:  # the events stage, and the files it completes
            from kg.events import write_events_tsv

            events = io.StringIO()
            G = self._ensure()
            with stage("export events.tsv"):
                write_events_tsv(G.graph.get("events", []), events)
            files = {"events.tsv": events.getvalue()}
            if self._cache is not None:  # after the events stage: it adds its products
                files[RECORD] = cache_bytes(self._cache)
            elif self._folder is not None and (self._folder / RECORD).is_file():
                files[RECORD] = (self._folder / RECORD).read_bytes()  # not re-resolved: still true
            return files

        # With a second core the store may start loading before the events stage (save_files),
        # whatever --jobs says: jobs counts spaCy processes, and Oxigraph's bulk load runs in
        # compiled threads of its own anyway. At --jobs 1 on 2 cores this took the part of a
        # 250-article build after the last article's extraction from 3.5 to 2.2 s of wall time
        # (benchmarks/throughput.py; the CPU is the same).
        paths = save_files(self._merged(), mention_rows, out, formats=FORMATS,
                           html_options=html_options, threads=os.cpu_count() or 1,
                           previous=self._folder, extra_files={"facts.jsonl": buffer.getvalue()},
                           finish=finish)
        return [path for path in paths if path.name != RECORD]

    def export(self, format: str, path: str | Path) -> list[Path]:
        """Write the graph as ``format`` (trig, nquads, jsonld, parquet, graphml, gexf, neo4j)
        at ``path`` (a folder for parquet and neo4j); see :mod:`kg.export.formats`.

        >>> g.export("gexf", "story.gexf")
        [PosixPath('story.gexf')]
        """
        from kg.export.formats import export_graph

        return export_graph(self._ensure(), self.mention_rows(), format, path)

    def to_parquet(self, folder: str | Path) -> list[Path]:
        """Parquet tables (entities, facts, evidence, mentions, articles) in ``folder``."""
        return self.export("parquet", folder)

    def to_graphml(self, path: str | Path) -> list[Path]:
        """GraphML for Gephi, yEd, Cytoscape."""
        return self.export("graphml", path)

    def to_gexf(self, path: str | Path) -> list[Path]:
        """GEXF for Gephi."""
        return self.export("gexf", path)

    def to_neo4j(self, folder: str | Path) -> list[Path]:
        """``neo4j-admin import`` CSVs and a LOAD CSV script in ``folder``."""
        return self.export("neo4j", folder)

    def to_jsonld(self, path: str | Path) -> list[Path]:
        """JSON-LD with kg's prefixes as context, one named graph per article."""
        return self.export("jsonld", path)

    def to_html(self, path: str | Path | None = None, **options) -> str | Path:
        """The interactive page (the same as graph.html): returned as a string, or written
        to ``path`` and the path returned. Options go to :func:`kg.export.html.write_html`.

        >>> g.to_html("putin.html", max_nodes=50)
        PosixPath('putin.html')
        """
        from kg.export import write_atomically
        from kg.export.html import write_html

        buffer = io.StringIO()
        write_html(self._ensure(), buffer, **options)
        if path is None:
            return buffer.getvalue()
        path = Path(path)
        write_atomically(path.parent, {path.name: buffer.getvalue()})
        return path

    def _repr_html_(self) -> str:
        # An iframe keeps the page's scripts and styles apart from the notebook's, so it works
        # alike in JupyterLab, classic Notebook and VS Code; no allow-same-origin: the page
        # can't reach the notebook. Popups let article links open.
        page = html.escape(self.to_html(), quote=True)
        return (f'<iframe srcdoc="{page}" title="{html.escape(repr(self))}" '
                f'style="width:100%;height:{_IFRAME_HEIGHT}px;border:1px solid #ddd" '
                'sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"></iframe>')

    def __repr__(self) -> str:
        s = self.summary()
        return f"<KnowledgeGraph: {s['articles']} articles, {s['entities']} entities, {s['facts']} facts>"


class _Reuse:
    """The stages' per-article functions, reusing the last save's products (:mod:`kg.cache`):
    an article's clusters are keyed by its facts.jsonl line and the alias file; its event
    mentions by that line and the node and type of each of its mentions, all they read."""

    def __init__(self, cache, line: Callable[[ArticleFacts], str], aliases: bytes):
        self.cache, self.line, self.aliases = cache, line, aliases
        self.keys: dict[str, bytes] = {}

    def key(self, facts: ArticleFacts) -> bytes:
        from kg.cache import digest

        found = self.keys.get(facts.article.id)
        if found is None:
            found = self.keys[facts.article.id] = digest(self.line(facts), self.aliases)
        return found

    def clusters(self, facts: ArticleFacts, table) -> list:
        from kg.resolve.coref import cluster_article

        return self.cache.product("clusters", facts.article.id, self.key(facts),
                                  lambda: cluster_article(facts.mentions, facts.article.text, table))

    def event_mentions(self, facts: ArticleFacts, resolution: Resolution) -> list:
        from kg.cache import digest
        from kg.events import event_mentions

        seen = []
        for m in chain(facts.mentions, *((f.subject, f.object) for f in facts.facts)):
            node = resolution.node(m)
            entity = resolution.entities.get(node) if node is not None else None
            seen.append(f"{m.start}:{m.end}:{node}:{entity.type if entity else ''}")
        key = digest(self.key(facts), "\n".join(seen))
        return self.cache.product("events", facts.article.id, key,
                                  lambda: event_mentions(facts, resolution))

    def event_groups(self, key: bytes, make: Callable, valid: Callable) -> tuple:
        """A group of event mentions' events (:mod:`kg.events.groups`), keyed by all they read."""
        return self.cache.product("event-group", key.hex(), key, make, valid)


def build(inputs: Input | Iterable[Input], **options) -> KnowledgeGraph:
    """Build a graph from paths, folders, article strings or :class:`Article` objects.

    Options are those of :class:`KnowledgeGraph` and :meth:`KnowledgeGraph.add`
    (``on_error``, ``progress``).

    >>> build("seeds", jobs=1)  # doctest: +ELLIPSIS
    <KnowledgeGraph: 5 articles, ... entities, ... facts>
    """
    add_options = {k: options.pop(k) for k in ("on_error", "progress") if k in options}
    graph = KnowledgeGraph(**options)
    graph.add(inputs, **add_options)
    return graph


def load(out: str | Path, **options) -> KnowledgeGraph:
    """Open a graph saved by ``kg build`` or :meth:`KnowledgeGraph.save`.

    The graph comes from graph.json; facts.jsonl lets :meth:`~KnowledgeGraph.add` re-resolve
    old and new articles together. Options are those of :class:`KnowledgeGraph`, used for
    articles added later (pass the ``aliases`` the graph was built with).

    >>> g = load("out"); g.add("Putin flew to Ankara.")
    1
    """
    from kg.export.commit import readable_folder
    from kg.export.json import read_json

    graph = KnowledgeGraph(**options)
    out = readable_folder(out)  # one whole build, even if another is published meanwhile
    if (out / "graph.json").is_file():
        # read when first looked at: an update re-resolves, and a query reads the store
        graph._json = out / "graph.json"
    else:
        graph._graph = read_json(out)  # a file of the build given, or the error to raise
    graph._saved = graph._loaded_from = graph._folder = Path(out)
    return graph


def _content_hash(article: Article) -> str:
    """What makes two versions of an article the same: text and metadata, not the file path.

    >>> _content_hash(Article("a", "Hi.", source="x.txt")) == _content_hash(Article("a", "Hi."))
    True
    """
    key = json.dumps([article.text, article.title, article.date, article.url], ensure_ascii=False)
    return hashlib.sha256(key.encode()).hexdigest()


def _raise(err: InputError) -> None:
    if not err.warning:  # a repair (kg.hygiene) needs no handler
        raise err

