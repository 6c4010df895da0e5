"""Parse and extract on a Dask cluster; resolve and merge once, here.

``kg build INPUT... --dask local|ADDRESS`` splits the input into partitions (lists of files,
or line ranges of JSONL shards), and runs each as one Dask task: the worker reads its
articles, parses and extracts them (the model loads once per worker process) and writes the
partition's facts and mentions as one JSONL file (the ``facts.jsonl`` format) into a shared
folder, under a temporary name renamed into place when complete. Only when every partition
has finished does this process read the files, in partition order, and add them to the graph;
resolution and merging then run once over everything, as for a local build.

So a lost worker or a failed task costs a re-run of its partition (Dask reschedules it, and
``retries`` covers errors), never a half-merged one: a file is either complete or absent, and
nothing reaches the graph before all are. A partition's file name is a digest of its inputs
(paths, sizes, modification times) and the extractors, so running the same build again after
an interruption reuses the partitions already done.

>>> [len(p.items) for p in plan_partitions([Article(str(i), "x") for i in range(5)], size=2)]
[2, 2, 1]
"""

from __future__ import annotations

import glob
import hashlib
import os
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError, KgError
from kg.export.facts import read_facts, write_facts
from kg.progress import add_seconds, stage
from kg.types import Article, ArticleFacts

MAX_PARTITION = 1000  # articles: a few minutes of one core's work
MIN_PARTITION = 16
PARTITIONS_PER_WORKER = 4  # enough that a slow or lost partition doesn't leave cores idle


@dataclass(frozen=True)
class Partition:
    """One task's input: ``("file", path)``, ``("lines", path, start, stop)`` (JSONL line
    range, 0-based, stop excluded) or ``("article", Article)`` items."""

    number: int
    items: tuple

    @property
    def name(self) -> str:
        digest = hashlib.sha1(repr(tuple(_signature(item) for item in self.items)).encode())
        return f"part-{self.number:05d}-{digest.hexdigest()[:12]}"


def _signature(item: tuple) -> tuple:
    if item[0] == "article":
        article = item[1]
        return ("article", article.id, hashlib.sha1(article.text.encode()).hexdigest())
    stat = os.stat(item[1])
    return (*item, stat.st_size, stat.st_mtime_ns)


def expand(inputs) -> list:
    """Inputs with glob patterns (``data/*.jsonl``) replaced by the paths they match, sorted;
    a pattern matching nothing stays a path, which the read stage reports as missing and skips.

    >>> expand(["no/such/*.jsonl"])
    [PosixPath('no/such/*.jsonl')]
    """
    inputs = [inputs] if isinstance(inputs, (str, Path, Article)) else list(inputs)
    result = []
    for item in inputs:
        if isinstance(item, (str, Path)) and glob.has_magic(str(item)) and not Path(item).exists():
            matches = sorted(glob.glob(str(item), recursive=True))
            result += [Path(m) for m in matches] or [Path(item)]
        else:
            result.append(item)
    return result


def plan_partitions(inputs, *, size: int, report: Callable[[InputError], None] | None = None,
                    taper: int | None = None) -> list[Partition]:
    """Cut the inputs into partitions of about ``size`` articles, in input order; problems
    listing them (a missing path, a skipped file) go to ``report`` (default: raised).

    ``taper`` (the number of workers) shrinks the last partitions: each holds at most half
    a worker's share of what is left, down to :data:`MIN_PARTITION` articles. Partitions
    run in order, so the cluster ends on small ones and no worker idles long while another
    finishes a big one: 1,000 articles on 2 workers in 8 even partitions of ~20 s each left
    one worker idle for 3-10 s at the end; tapered, the pieces go 125, 125, 125, 125, 94,
    71, 53 ... 16 articles.

    >>> [sum(1 for _ in p.items) for p in plan_partitions([Article(str(i), "x") for i in range(100)], size=40, taper=2)]
    [25, 19, 16, 16, 16, 8]
    """
    from kg.explore import read_inputs

    items: list[tuple] = []
    for item in expand(inputs):
        if isinstance(item, Article) or (isinstance(item, str) and not Path(item).exists()):
            items += [("article", a) for a in read_inputs(item, on_error=report or _raise)]
            continue
        from kg.read import _files

        for file in _files(Path(item), report or _raise, set()):  # the files read_articles reads
            if file.suffix.lower() == ".jsonl":
                with file.open("rb") as stream:
                    lines = sum(1 for _ in stream)
                if lines:
                    items.append(("lines", str(file), 0, lines))
            else:
                items.append(("file", str(file)))
    remaining = sum(item[3] - item[2] if item[0] == "lines" else 1 for item in items)

    from kg.pipeline import tapered_size

    def cap() -> int:  # the next partition's size
        return size if taper is None else tapered_size(remaining, size, taper, MIN_PARTITION)

    partitions: list[Partition] = []
    current: list[tuple] = []
    weight, limit = 0, cap()
    for item in items:
        lines = item[0] == "lines"
        start, stop = (item[2], item[3]) if lines else (0, 1)
        while start < stop:  # a JSONL shard is cut into line ranges where partitions end
            if current and weight >= limit:
                partitions.append(Partition(len(partitions), tuple(current)))
                remaining -= weight
                current, weight, limit = [], 0, cap()
            take = min(stop - start, limit - weight)
            current.append(("lines", item[1], start, start + take) if lines else item)
            weight += take
            start += take
    if current:
        partitions.append(Partition(len(partitions), tuple(current)))
    return partitions


def partition_size(articles: int, workers: int) -> int:
    """Articles per partition: about four partitions per worker, within [16, 1000].

    >>> partition_size(250, 2), partition_size(100_000, 8), partition_size(20, 2)
    (32, 1000, 16)
    """
    wanted = -(-articles // (PARTITIONS_PER_WORKER * max(1, workers)))
    return max(MIN_PARTITION, min(MAX_PARTITION, wanted))


def _read_partition(partition: Partition, errors: list) -> list[Article]:
    from kg.read import _read_jsonl, decode, read_file

    def collect(err: InputError) -> None:  # plain values: they cross processes
        errors.append({"path": err.path, "reason": err.reason, "line": err.line, "kind": err.kind,
                       "warning": err.warning})

    articles: list[Article] = []
    for item in partition.items:
        try:
            if item[0] == "article":
                articles.append(item[1])
            elif item[0] == "file":
                articles += read_file(Path(item[1]), on_error=collect)
            else:  # keep line numbers (default ids are "<stem>-<line>"): blank lines before
                path, start, stop = Path(item[1]), item[2], item[3]
                lines = decode(path, path.read_bytes()).split("\n")[start:stop]
                articles += _read_jsonl(path, "\n" * start + "\n".join(lines), collect)
        except InputError as err:
            collect(err)
    return articles


def run_partition(partition: Partition, folder: str, extractors: tuple[str, ...],
                  max_chars: int | None = None) -> dict:
    """A Dask task: read, parse and extract one partition into ``folder/<name>.jsonl``.

    The file is written under a temporary name and renamed when complete; a partition whose
    file already exists is not run again.
    """
    from kg.pipeline import extract_batch

    target = Path(folder) / f"{partition.name}.jsonl"
    if target.exists():
        with target.open("rb") as stream:
            done = sum(1 for _ in stream)
        return {"file": str(target), "articles": done, "errors": [], "seconds": {}, "reused": True}
    started = time.perf_counter()
    errors: list = []
    from kg.hygiene import char_limit

    with char_limit(max_chars):  # the build's length limit, in this worker too
        articles = _read_partition(partition, errors)
    read = time.perf_counter() - started
    results, seconds = extract_batch(articles, extractors)
    temp = target.with_name(f".{target.name}.{uuid.uuid4().hex}.tmp")
    with temp.open("w", encoding="utf-8") as stream:
        write_facts(results, stream)
    os.replace(temp, target)
    return {"file": str(target), "articles": len(results), "errors": errors,
            "seconds": {**seconds, "read": read}, "reused": False}


def _warm() -> int:
    from kg.parse import load_nlp

    load_nlp()
    return os.getpid()


def connect(address: str, workers: int):
    """A Dask client: a new ``LocalCluster`` of ``workers`` single-threaded processes for
    ``local``, else the scheduler at ``address``."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:  # pragma: no cover - a dependency
        raise KgError("dask.distributed is not installed: pip install distributed") from None
    if address == "local":
        import logging
        import multiprocessing

        import dask

        # Dask's defaults suit workers that hold data, not ones that parse: its nannies start
        # workers with MALLOC_TRIM_THRESHOLD_=65536 (glibc hands freed memory back at once,
        # and spaCy frees and re-allocates its arrays every batch) and a statistical profiler
        # sampling stacks every 10 ms. Both off here (None: glibc's default).
        settings = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                    "distributed.worker.profile.enabled": False}
        if "fork" in multiprocessing.get_all_start_methods():
            # Workers forked from this process once it holds the model (as kg's own workers
            # are) share its pages instead of each loading a copy: no load at start, and
            # two cores parsing with one copy of the weights in their shared cache. Spawned,
            # they took 1.15x the local 2-process build on 500 BBC articles; forked, 1.0x.
            # Only the first start forks (the setting is read when a worker starts), before
            # kg starts any thread of its own: a worker Dask restarts later, while the warming
            # thread may hold the import lock (kg.pipeline.start_warming), is spawned.
            from kg.parse import load_nlp
            from kg.processes import die_with_parent

            load_nlp()
            die_with_parent()
            settings["distributed.worker.multiprocessing-method"] = "fork"
        with dask.config.set(settings):
            cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                   dashboard_address=":0", silence_logs=logging.ERROR)
        return Client(cluster)
    try:
        return Client(address, timeout=30)
    except (OSError, TimeoutError) as err:
        raise KgError(f"{address}: no Dask scheduler reachable ({err})") from None


def extract_on_dask(client, inputs, folder: Path, *, extractors: Iterable[str],
                    size: int | None = None, max_chars: int | None = None,
                    on_error: Callable[[InputError], None] | None = None) -> list[ArticleFacts]:
    """Run every partition on ``client``'s cluster; the articles' facts, in partition order."""
    from dask.distributed import as_completed

    workers = max(1, len(client.scheduler_info().get("workers", {})))
    taper = workers if size is None else None  # a size the user chose is kept to the end
    if size is None:
        from kg.pipeline import count_articles

        size = partition_size(count_articles(expand(inputs)) or MIN_PARTITION, workers)
    from kg.hygiene import char_limit

    with char_limit(max_chars):  # article strings are read here
        partitions = plan_partitions(inputs, size=size, report=on_error, taper=taper)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise KgError(f"{folder}: cannot create the partition folder ({err.strerror})") from None
    with stage("load model"):
        client.run(_warm)  # each worker loads it once, all at the same time
    futures = [client.submit(run_partition, p, str(folder), tuple(extractors), max_chars, key=f"kg-{p.name}",
                             retries=2, pure=False) for p in partitions]
    from kg.pipeline import start_warming

    warming = start_warming()  # this process only waits for the cluster now (its workers are started)
    results: dict[str, dict] = {}
    total = sum(item[3] - item[2] if item[0] == "lines" else 1 for p in partitions for item in p.items)
    with stage("read+parse+extract", total=total) as advance:
        for future in as_completed(futures):
            results[future.key] = future.result()  # a task that failed 3 times raises here
            advance(results[future.key]["articles"])
    warming.join()
    articles: list[ArticleFacts] = []
    with stage("read partitions"):
        for future in futures:
            result = results[future.key]
            for name, seconds in result["seconds"].items():
                add_seconds(name, seconds, worker=True)
            for problem in result["errors"]:
                (on_error or _raise)(InputError(problem.pop("path"), problem.pop("reason"), **problem))
            articles += read_facts(result["file"])
    return list(unique_facts(articles, on_error or _raise))


def unique_facts(articles: Iterable[ArticleFacts], report: Callable[[InputError], None]
                 ) -> Iterable[ArticleFacts]:
    """:func:`kg.hygiene.unique_articles`'s rules, after extraction: the same text twice
    counts once, a second text under one id becomes ``ID-2`` (its mentions and facts too)."""
    from kg.hygiene import Duplicates

    duplicates = Duplicates(report)
    for item in articles:
        new_id = duplicates.admit(item.article)
        if new_id is not None:
            yield item if new_id == item.article.id else _renamed(item, new_id)


def _renamed(item: ArticleFacts, new_id: str) -> ArticleFacts:
    from dataclasses import replace

    def mention(m):
        return replace(m, article=new_id)

    article = replace(item.article, id=new_id, original_id=item.article.original_id or item.article.id)
    return ArticleFacts(article, [mention(m) for m in item.mentions],
                        [replace(f, article=new_id, subject=mention(f.subject), object=mention(f.object))
                         for f in item.facts])


def _raise(err: InputError) -> None:
    if not err.warning:
        raise err


def add_on_dask(graph, inputs, address: str, *, folder: str | Path,
                on_error: Callable[[InputError], None] | None = None,
                partition_size: int | None = None) -> int:
    """Add ``inputs`` to ``graph`` (a :class:`~kg.KnowledgeGraph`), parsed on Dask; return
    how many articles were new. ``folder`` must be reachable by every worker.

    >>> add_on_dask(kg.KnowledgeGraph(jobs=2), ["seeds/"], "local", folder="out/.kg-partitions")  # doctest: +SKIP
    5
    """
    from kg.parse import default_jobs

    client = connect(address, graph.jobs or default_jobs())
    try:
        articles = extract_on_dask(client, inputs, Path(folder), extractors=graph.extractors,
                                   size=partition_size, max_chars=graph.max_chars, on_error=on_error)
    finally:
        cluster = client.cluster if address == "local" else None
        client.close()
        if cluster is not None:
            cluster.close()
    return graph._add_extracted(articles)


def remove_partitions(folder: str | Path) -> None:
    """Delete the partition files once the graph they made is saved."""
    folder = Path(folder)
    for file in folder.glob("*.jsonl"):
        file.unlink(missing_ok=True)
    for file in folder.glob(".*.tmp"):
        file.unlink(missing_ok=True)
    try:
        folder.rmdir()
    except OSError:
        pass


__all__ = ["add_on_dask", "extract_on_dask", "plan_partitions", "run_partition", "connect",
           "Partition", "expand", "partition_size", "remove_partitions"]
