"""The ``kg`` command: a thin layer over the library. The only module that prints errors or exits.

Each command imports what it needs when it runs, so ``kg --help`` starts in a fraction of a
second and ``kg query`` never loads spaCy (tests/test_cli.py checks both).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

import kg  # cheap: kg's names load on first use
from kg.errors import InputError, KgError, summarize

OUTPUT_FORMATS = ("table", "csv", "json")  # kg.query.FORMATS, without importing rdflib
format_option = click.option("--format", "fmt", type=click.Choice(OUTPUT_FORMATS), default="table",
                             show_default=True, help="Output format.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def cli():
    """Build a knowledge graph of who did what to whom, when, from news articles."""


@cli.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option("-o", "--out", required=True, type=click.Path(path_type=Path),
              help="Output folder (created if missing).")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
              help="spaCy processes for parsing [default: all cores].")
@click.option("--aliases", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="YAML or CSV file forcing or forbidding merges.")
@click.option("--max-nodes", type=click.IntRange(min=1), default=None,
              help="Most entities drawn in graph.html (the other files keep all).")
@click.option("--min-weight", type=click.IntRange(min=1), default=None,
              help="Hide facts with fewer supporting sentences in graph.html.")
@click.option("--extractor", "extractors", multiple=True,
              help="Extractor to run (repeatable) [default: openie, nominal].")
@click.option("--title", help="graph.html's title [default: the input folder's name].")
@click.option("--max-chars", type=click.IntRange(min=1), default=None, metavar="N",
              help="Longest article read whole; a longer one is cut there and reported "
                   "[default: 1,000,000].")
@click.option("-q", "--quiet", is_flag=True, help="No progress display.")
@click.option("--profile", is_flag=True, help="Print the time each stage took.")
@click.option("--dask", "dask", metavar="local|ADDRESS",
              help="Parse and extract on a Dask cluster: 'local' starts one on this machine "
                   "(--jobs workers), else the scheduler's address (tcp://host:8786).")
@click.option("--partition-size", type=click.IntRange(min=1), default=None,
              help="Articles per Dask partition [default: about 4 per worker, 16-1000].")
def build(inputs, out, jobs, aliases, max_nodes, min_weight, extractors, title, max_chars, quiet,
          profile, dask, partition_size):
    """Build the graph of INPUTS (files or folders of .txt/.md/.jsonl articles) into OUT.

    Writes OUT/graph.html, graph.ttl, graph.json, mentions.tsv (and facts.jsonl). A bad file
    is reported on one line and skipped; the exit status is then 1.

    \b
    Example: kg build seeds/ -o out
    """
    from kg.graph import KnowledgeGraph

    started = time.perf_counter()
    failures: list[InputError] = []

    def report(err: InputError) -> None:
        failures.append(err)
        click.echo(f"{'warning' if err.warning else 'error'}: {err}", err=True)

    options = {"jobs": jobs, "aliases": aliases, "max_chars": max_chars}
    if extractors:
        options["extractors"] = extractors
    try:
        graph = KnowledgeGraph(**options)
        from kg.export.commit import build_lock
        from kg.progress import recording

        with build_lock(out, create=False):  # a second build into OUT fails now, not after parsing
            with recording(quiet=quiet) as recorder:
                if dask:
                    from kg.distributed import add_on_dask, remove_partitions

                    add_on_dask(graph, inputs, dask, folder=out / ".kg-partitions",
                                on_error=report, partition_size=partition_size)
                else:
                    graph.add(inputs, on_error=report)
                summary = graph.summary()
                graph.save(out, max_nodes=max_nodes, min_weight=min_weight, title=title or _title(inputs))
                if dask:  # saved: the partition files have done their job
                    remove_partitions(out / ".kg-partitions")
    except KgError as err:
        raise click.ClickException(str(err)) from None
    seconds = time.perf_counter() - started
    click.echo(f"{out}: {summary['articles']} articles, {summary['entities']} entities, "
               f"{summary['facts']} facts in {seconds:.1f} s"
               + (f" ({summarize(failures)})" if failures else ""))
    if profile:
        click.echo(recorder.table(wall=seconds), err=True)
    if any(not err.warning for err in failures):
        sys.exit(1)


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.argument("sparql", required=False)
@click.option("-f", "--file", "query_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Read the query from a .rq file.")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind ?NAME to the string VALUE (repeatable); named queries take these.")
@click.option("--list", "list_queries", is_flag=True, help="List the named queries and exit.")
@click.option("--endpoint", metavar="URL",
              help="Send the query to this SPARQL endpoint (e.g. kg serve's) instead of OUT.")
@click.option("--allow-service", is_flag=True,
              help="Let the query call other endpoints with SERVICE (refused by default).")
@format_option
def query(out, sparql, query_file, params, list_queries, endpoint, allow_service, fmt):
    """Run a SPARQL query, or a named one, over the graph built in OUT (its store, in process).

    Prefixes kg:, kgv:, ent:, art:, fact:, ev:, kge:, sem:, schema:, rdf:, rdfs:, skos:, prov:,
    xsd:, owl: are predeclared; GRAPH art:ID holds what article ID says. With --endpoint, OUT
    is ignored (write '-').

    \b
    Example: kg query out 'SELECT ?o WHERE { ?s skos:altLabel "Erdoğan" ; kg:meet ?o }'
    Example: kg query out who-met --param entity=Putin
    Example: kg query out --list
    """
    from kg.queries import named_queries, named_query

    if list_queries:
        for item in named_queries().values():
            args = " ".join(f"--param {p}=…" for p in item.params)
            click.echo(f"{item.name:<10} {item.summary}" + (f"  [{args}]" if args else ""))
        return
    if bool(sparql) == bool(query_file):
        raise click.UsageError("give either a SPARQL string, a query name (see --list) or -f FILE")
    bindings = {}
    for param in params:
        name, sep, value = param.partition("=")
        if not sep or not name.isidentifier():
            raise click.UsageError(f"--param {param!r}: write NAME=VALUE")
        bindings[name] = value
    from kg.query import format_result

    try:
        if query_file:
            text = query_file.read_text(encoding="utf-8")
        elif sparql in named_queries():
            item = named_query(sparql)
            text, bindings = item.sparql, item.bindings(bindings)
        else:
            text = sparql
        if endpoint:
            from kg.store import query_endpoint

            if bindings:
                raise KgError("--param can't be sent to an --endpoint; write the values in the query")
            result = query_endpoint(endpoint, text)
        else:
            from kg.store import has_store, query_store

            if has_store(out):  # no networkx, rdflib or graph.json on this path
                result = query_store(out, text, allow_service=allow_service, **bindings)
            else:  # an output written before stores existed
                from kg.graph import load

                result = load(out).query(text, allow_service=allow_service, **bindings)
    except KgError as err:
        raise click.ClickException(str(err)) from None
    click.echo(format_result(result, fmt), nl=False)


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (anything but loopback prints a warning).")
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True)
@click.option("--timeout", type=click.FloatRange(min=1), default=30, show_default=True,
              help="Longest a query may run, in seconds.")
@click.option("--allow-federation", is_flag=True, help="Allow SERVICE (federated) queries.")
def serve(out, host, port, timeout, allow_federation):
    """Serve the graph in OUT as a SPARQL endpoint (Oxigraph, read-only) for big graphs.

    Loads OUT/graph.ttl into a store (once per build), then serves
    http://HOST:PORT/query until SIGTERM or Ctrl-C. SERVICE queries are refused.

    \b
    Example: kg serve out --port 7878 & kg query - --endpoint http://127.0.0.1:7878/query 'ASK {}'
    """
    from kg.serve import serve as serve_graph

    try:
        sys.exit(serve_graph(out, host=host, port=port, timeout=timeout,
                             allow_federation=allow_federation,
                             say=lambda line: click.echo(line, err=True)))
    except KgError as err:
        raise click.ClickException(str(err)) from None


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.argument("ids", nargs=-1, required=True)
def remove(out, ids):
    """Withdraw articles (by id, a file's stem) from the graph in OUT and rewrite it.

    Every fact, alias and entity only these articles supported goes; the rest is
    re-resolved, as if OUT had been built without them.

    \b
    Example: kg remove out 2020-03-05-moscow-ceasefire
    """
    try:
        graph = kg.load(out)
        removed = graph.remove(ids)
        graph.save(out)
    except KgError as err:
        raise click.ClickException(str(err)) from None
    summary = graph.summary()
    click.echo(f"{out}: {removed} article(s) removed; {summary['articles']} articles, "
               f"{summary['entities']} entities, {summary['facts']} facts")


@cli.command("export")
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--format", "fmt", required=True,
              type=click.Choice(["trig", "nquads", "jsonld", "parquet", "graphml", "gexf", "neo4j"]),
              help="trig/nquads/jsonld: RDF; parquet: DuckDB/pandas tables; graphml/gexf: Gephi; "
                   "neo4j: import CSVs + load.cypher.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File (folder for parquet, neo4j) to write [default: inside OUT].")
def export_command(out, fmt, output):
    """Export the graph built in OUT for other tools.

    \b
    Example: kg export out --format parquet        # out/parquet/*.parquet
    Example: kg export out --format gexf -o story.gexf
    """
    from kg.export.formats import EXPORT_FORMATS, export_graph
    from kg.export.json import read_json
    from kg.export.mentions import read_mentions

    try:
        G = read_json(out)
        tsv = Path(out) / "mentions.tsv"
        mentions = [tuple(row.values()) for row in read_mentions(tsv)] if tsv.is_file() else []
        paths = export_graph(G, mentions, fmt, output or Path(out) / EXPORT_FORMATS[fmt])
    except KgError as err:
        raise click.ClickException(str(err)) from None
    for path in paths:
        click.echo(str(path))


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--endpoint", required=True, metavar="URL",
              help="SPARQL 1.1 Graph Store URL, e.g. http://127.0.0.1:7878/store (Oxigraph).")
def push(out, endpoint):
    """Load the graph built in OUT into a shared SPARQL server (Graph Store protocol).

    Replaces the server's default graph and each article's named graph with OUT's.

    \b
    Example: kg push out --endpoint http://127.0.0.1:7878/store
    """
    from kg.push import push as push_graphs

    try:
        count = push_graphs(out, endpoint)
    except KgError as err:
        raise click.ClickException(str(err)) from None
    click.echo(f"{endpoint}: {count} graphs loaded from {out}")


@cli.command()
@click.argument("articles", nargs=-1, type=click.Path(path_type=Path))
@click.option("--sentences", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="One sentence per line; writes Open IE tuples as TSV.")
@click.option("-o", "--out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write to this file instead of standard output.")
def extract(articles, sentences, out):
    """Show what the extractor finds.

    With --sentences FILE: Open IE tuples, one per line,
    sentence<TAB>confidence<TAB>relation<TAB>arg1<TAB>arg2[<TAB>more].
    With ARTICLE files: the article's facts as JSON lines.

    \b
    Example: kg extract --sentences sentences.txt -o tuples.tsv
    Example: kg extract seeds/000_6d041615ef92627e.txt
    """
    if bool(articles) == bool(sentences):
        raise click.UsageError("give either ARTICLE files or --sentences FILE")
    try:
        if sentences:
            from kg.extract.openie import openie_tsv_lines
            from kg.extract.show import sentence_lines

            rows = openie_tsv_lines(sentence_lines(sentences))
        else:
            from kg.extract.show import fact_json_lines

            rows = fact_json_lines(articles)
        _write_lines(rows, out)
    except KgError as err:
        raise click.ClickException(str(err)) from None


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.option("--participant", metavar="NAME", help="Only events this entity takes part in.")
@click.option("--type", "type_", metavar="TYPE", help="Only events of this type (meet, visit ...).")
@click.option("--since", metavar="DATE", help="Only events on or after this ISO date.")
@click.option("--until", metavar="DATE", help="Only events on or before this ISO date.")
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
def events(out, participant, type_, since, until, fmt):
    """List the events of the graph in OUT, oldest first, with their reports and sources.

    \b
    Example: kg events out --participant Putin
    """
    from kg.events.query import format_events

    try:
        rows = kg.load(out).events(participant=participant, type=type_, since=since, until=until)
    except KgError as err:
        raise click.ClickException(str(err)) from None
    if fmt == "json":
        import json

        click.echo(json.dumps(rows, ensure_ascii=False, indent=1))
    else:
        click.echo(format_events(rows), nl=False)


@cli.command()
@click.argument("out", type=click.Path(path_type=Path))
@click.argument("name", required=False)
@click.option("--doubtful", is_flag=True, help="List the least certain merges first, with alias-file lines.")
@click.option("--limit", type=int, default=50, show_default=True, help="With --doubtful: how many (0: all).")
@format_option
def explain(out, name, doubtful, limit, fmt):
    """Show why an entity's aliases were merged, and where it is mentioned; for an event id
    (from kg events), why its mentions are one event; with --doubtful, the least certain merges.

    \b
    Example: kg explain out "Erdogan"
    Example: kg explain out event-meet-2020-03-05-recep_tayyip_erdogan-vladimir_putin
    Example: kg explain out --doubtful --limit 20
    """
    from kg.graph import load
    from kg.resolve.explain import format_explanation

    if doubtful or name is None:
        from kg.resolve.explain import doubtful_report

        click.echo(doubtful_report(out, limit, fmt))
        return
    if name.startswith("event-"):
        _explain_event(out, name, fmt)
        return
    try:
        info = load(out).explain(name)
    except KgError as err:
        raise click.ClickException(str(err)) from None
    if info["id"] is None:
        raise click.ClickException(format_explanation(info))
    if fmt == "json":
        import json

        click.echo(json.dumps(info, ensure_ascii=False, indent=1))
    else:
        click.echo(format_explanation(info))


def _explain_event(out: Path, event_id: str, fmt: str) -> None:
    from kg.events.query import explain_event, format_event_explanation

    try:
        info = explain_event(kg.load(out).to_networkx(), event_id)
    except KgError as err:
        raise click.ClickException(str(err)) from None
    if fmt == "json":
        import json

        click.echo(json.dumps(info, ensure_ascii=False, indent=1))
    else:
        click.echo(format_event_explanation(info))


def _write_lines(lines, out: Path | None) -> None:
    if out is None:
        for line in lines:
            click.echo(line)
        return
    from kg.export import write_atomically

    text = "".join(line + "\n" for line in lines)
    write_atomically(out.parent if str(out.parent) else Path("."), {out.name: text})


def _title(inputs) -> str:
    """The page's default title: the input folder's name (``news/`` -> ``news``), or the
    file's stem for one file; several inputs are joined with ``+``."""
    names = [Path(p).resolve().name if Path(p).is_dir() else Path(p).stem for p in inputs]
    return " + ".join(dict.fromkeys(n for n in names if n)) or "kg"


if __name__ == "__main__":
    cli()
