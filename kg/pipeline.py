"""The streaming build: articles -> :class:`~kg.types.ArticleFacts`, as they come.

Articles are read lazily, parsed in batches and extracted one by one; each article's facts
are handed to the caller before the next batch is read, and a Doc never outlives its article.
So memory holds a bounded window of texts and Docs plus what the caller keeps (the graph's
facts), never the whole corpus parsed.

With ``jobs > 1`` each worker process loads the model once and both parses *and* extracts a
batch, sending back only the facts. (spaCy's own ``n_process`` ships every Doc back to this
process, which would then extract alone: one core doing the work two could share.) At most
``2 * jobs`` batches are in flight, so reading never runs ahead of the workers.

>>> from kg.types import Article
>>> [f.article.id for f in extract_stream([Article("a", "Putin met Erdoğan in Sochi.")])]
['a']
"""

from __future__ import annotations

import multiprocessing
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from itertools import chain, islice
from pathlib import Path

from kg.collector import few_full_collections
from kg.extract import DEFAULT_EXTRACTORS, extract_article
from kg.parse import load_nlp, parse_articles
from kg.progress import add_seconds
from kg.types import Article, ArticleFacts

BATCH_SIZE = 16  # articles per nlp.pipe batch and per worker task (a few seconds of work)
WORKER_MIN_ARTICLES = 24  # below this, starting worker processes costs more than it saves
# ... unless the text is long: one 300,000-character article still parses its pieces in parallel
WORKER_MIN_CHARS = 60_000
_IN_FLIGHT_PER_JOB = 2
MIN_BATCH = 2  # the smallest tapered batch: below it a task's overhead outweighs its work


def extract_stream(articles: Iterable[Article], *, jobs: int = 1,
                   extractors: Iterable[str] = DEFAULT_EXTRACTORS,
                   batch_size: int = BATCH_SIZE) -> Iterator[ArticleFacts]:
    """Parse and extract ``articles``, yielding each one's facts once it is done.

    With one job the facts come in input order; with several, in the order batches finish.
    Time spent reading, parsing and extracting is reported to :mod:`kg.progress`.
    """
    extractors = tuple(extractors)
    articles = iter(articles)
    if jobs > 1:
        head = list(islice(articles, WORKER_MIN_ARTICLES))
        articles = chain(head, articles)
        if len(head) < WORKER_MIN_ARTICLES:
            # few articles: worker processes only for long text, as spaCy's n_process over pieces
            chars = sum(len(a.text) for a in head)
            yield from _in_process(articles, extractors, batch_size, jobs if chars >= WORKER_MIN_CHARS else 1)
            return
        yield from _in_workers(articles, jobs, extractors, batch_size)
        return
    yield from _in_process(articles, extractors, batch_size, 1)


def new_articles(articles: Iterable[Article], known: set[str],
                 check: Callable[[Article], None] | None = None) -> Iterator[Article]:
    """Articles whose id is neither in ``known`` nor seen earlier in the stream (the first
    of two with one id wins); ``check`` runs on each before it is passed on."""
    seen = set(known)
    for article in articles:
        if article.id not in seen:
            seen.add(article.id)
            if check:
                check(article)
            yield article


def count_articles(inputs) -> int | None:
    """How many articles paths hold, cheaply (files listed, JSONL lines counted), for a
    progress bar's total; None when ``inputs`` aren't all paths to existing files/folders.

    >>> count_articles("no/such/folder") is None
    True
    """
    from kg.errors import InputError
    from kg.read import _files

    inputs = [inputs] if isinstance(inputs, (str, Path)) else list(inputs)
    total = 0
    for item in inputs:
        if not isinstance(item, (str, Path)) or not Path(item).exists():
            return None
        try:
            files = _files(Path(item), lambda problem: None, set())  # the files read will read
        except InputError:
            continue
        for file in files:
            if file.suffix.lower() == ".jsonl":
                with file.open("rb") as stream:
                    total += sum(1 for line in stream if line.strip())
            else:
                total += 1
    return total


def tapered_batches(items: Iterable, size: int, jobs: int) -> Iterator[list]:
    """``items`` in lists of ``size``, read ``jobs * size`` items ahead; once the input is
    exhausted, what is left goes out in smaller lists, each at most half a worker's share of
    the rest (and at least :data:`MIN_BATCH`). Workers take batches in order, so they end on
    small ones and finish within a short batch of each other: 250 articles on 2 workers in
    batches of 16 (about 4 s each) left one worker idle for up to 4 s while the other
    finished its last batch.

    >>> [len(batch) for batch in tapered_batches(range(100), 16, 2)]
    [16, 16, 16, 16, 9, 7, 5, 4, 3, 2, 2, 2, 2]
    """
    items = iter(items)
    ahead = deque(islice(items, size * (jobs + 1)))
    exhausted = len(ahead) < size * (jobs + 1)
    while ahead:
        take = tapered_size(len(ahead), size, jobs, MIN_BATCH) if exhausted else size
        yield [ahead.popleft() for _ in range(min(take, len(ahead)))]
        if not exhausted:
            more = list(islice(items, size))
            ahead.extend(more)
            exhausted = len(more) < size


def tapered_size(remaining: int, size: int, workers: int, smallest: int) -> int:
    """The next piece of work's size near the end: at most half a worker's share of what is
    ``remaining``, never more than ``size`` nor less than ``smallest`` (local batches here,
    Dask partitions in :func:`kg.distributed.plan_partitions`).

    >>> tapered_size(1000, 125, 2, 16), tapered_size(100, 125, 2, 16), tapered_size(20, 125, 2, 16)
    (125, 25, 16)
    """
    return min(size, max(smallest, -(-remaining // (2 * max(1, workers)))))


class _TimedIterator:
    """An iterator that adds up the time spent producing its items (the read stage)."""

    def __init__(self, items: Iterable):
        self._items = iter(items)
        self.seconds = 0.0

    def __iter__(self):
        return self

    def __next__(self):
        started = time.perf_counter()
        try:
            return next(self._items)
        finally:
            self.seconds += time.perf_counter() - started


def _in_process(articles: Iterator[Article], extractors: tuple[str, ...], batch_size: int,
                n_process: int) -> Iterator[ArticleFacts]:
    started = time.perf_counter()
    load_nlp()  # start-up, not parsing: timed on its own
    add_seconds("load model", time.perf_counter() - started)
    source = _TimedIterator(articles)
    parsed = parse_articles(source, jobs=n_process, batch_size=batch_size)
    parse = extract = 0.0
    try:
        while True:
            started = time.perf_counter()
            try:
                article, doc = next(parsed)
            except StopIteration:
                break
            between = time.perf_counter()
            facts = extract_article(article, doc, extractors=extractors)
            del doc
            parse += between - started
            extract += time.perf_counter() - between
            yield facts
    finally:
        add_seconds("read", source.seconds)
        add_seconds("parse", parse - source.seconds)
        add_seconds("extract", extract)


@few_full_collections()
def extract_batch(articles: list[Article], extractors: tuple[str, ...] = DEFAULT_EXTRACTORS,
                  batch_size: int = BATCH_SIZE) -> tuple[list[ArticleFacts], dict[str, float]]:
    """Parse and extract a batch in this process: its facts, and seconds spent per stage.

    Used by worker processes, local or on a Dask cluster (the model loads once per process).
    """
    parse = extract = 0.0
    results = []
    parsed = parse_articles(articles, jobs=1, batch_size=batch_size)
    while True:
        started = time.perf_counter()
        try:
            article, doc = next(parsed)
        except StopIteration:
            break
        between = time.perf_counter()
        results.append(extract_article(article, doc, extractors=extractors))
        parse += between - started
        extract += time.perf_counter() - between
    return results, {"parse": parse, "extract": extract}


def _work(articles: list[Article], extractors: tuple[str, ...], batch_size: int):
    """A worker's task: only mentions and facts go back (the caller has the texts)."""
    results, seconds = extract_batch(articles, extractors, batch_size)
    return [(r.mentions, r.facts) for r in results], seconds


def warm_central_stages() -> None:
    """Import and load now what resolve, events and the exports need once the last article
    is in (the gazetteers, lemminflect's lexicon, scipy, rdflib, Oxigraph: about a second
    of CPU), so that it isn't on the build's critical path.

    :func:`start_warming` runs it in a thread of this process while worker processes (local
    or on Dask) parse: this process only waits for their results then. Failures are left
    for the stage itself to report.

    >>> warm_central_stages()
    """
    try:
        import scipy.cluster.hierarchy  # noqa: F401 - kg.events.stories, imported where used
        import scipy.sparse.linalg  # noqa: F401

        import kg.events  # noqa: F401
        import kg.export.html  # noqa: F401
        import kg.export.json  # noqa: F401
        import kg.export.rdf  # noqa: F401
        import kg.merge  # noqa: F401
        import kg.store  # noqa: F401
        from kg.events.classes import lemmas
        from kg.resolve import builtin_aliases
        from kg.resolve.names import first_names
        from kg.resolve.places import find_city, find_country, find_demonym

        lemmas("arrests")
        builtin_aliases(), first_names(), find_city("Lyon"), find_country("France"), find_demonym("French")
    except Exception:  # noqa: BLE001 - a missing extra is the stage's to report, not this
        pass


def start_warming() -> threading.Thread:
    """:func:`warm_central_stages` in a daemon thread, returned so the caller can join it.
    Start it only once every worker process is forked, and join it before forking again: a
    fork while a thread imports could copy a held import lock into the child."""
    thread = threading.Thread(target=warm_central_stages, name="kg-warm", daemon=True)
    thread.start()
    return thread


def _context():
    # fork, where there is one: workers start at once and share the loaded model's pages
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _in_workers(articles: Iterator[Article], jobs: int, extractors: tuple[str, ...],
                batch_size: int) -> Iterator[ArticleFacts]:
    from kg.processes import die_with_parent

    die_with_parent()  # the workers are forked from here: none outlives a kill -9 of kg
    source = _TimedIterator(articles)
    batches = tapered_batches(source, batch_size, jobs)
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=_context())
    running: dict = {}
    warming = None

    def submit() -> None:
        batch = next(batches, None)
        if batch:
            running[pool.submit(_work, batch, extractors, batch_size)] = batch

    try:
        for _ in range(jobs * _IN_FLIGHT_PER_JOB):
            submit()
        warming = start_warming()  # the pool forked all its workers at the first submit
        while running:
            done, _ = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                batch = running.pop(future)
                results, seconds = future.result()
                for name, value in seconds.items():
                    add_seconds(name, value, worker=True)
                submit()  # keep the workers busy while the caller takes these facts
                for article, (mentions, facts) in zip(batch, results):
                    yield ArticleFacts(article, mentions, facts)
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        if warming is not None:
            warming.join()
        add_seconds("read", source.seconds)
