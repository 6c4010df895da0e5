"""Progress and stage timings of one build: read, parse, extract, resolve, merge, export.

Stages report through :func:`stage` (a no-op unless a :class:`Recorder` is active), so the
library records timings without knowing who displays them. While :func:`recording` is on:

- on a terminal, a rich progress bar per stage, with articles/s and the time left;
- elsewhere (a batch job's log), once a build passes ``every`` articles, a line every
  ``every`` articles and one per finished stage; small builds stay silent;
- ``quiet=True``: nothing, timings are still recorded (for ``kg build --profile``).

>>> with recording(quiet=True) as rec:
...     with stage("parse", total=2) as advance:
...         advance(2)
>>> rec.counts["parse"], sorted(rec.seconds)
(2, ['parse'])
"""

from __future__ import annotations

import contextlib
import contextvars
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator

_CURRENT: contextvars.ContextVar[Recorder | None] = contextvars.ContextVar("kg_progress", default=None)
STAGE_ORDER = ("load model", "read", "parse", "extract", "read+parse+extract", "resolve", "merge")


class Recorder:
    """Seconds and item counts per stage, and their display.

    ``seconds`` is wall time spent in each stage by this process; ``worker_seconds`` is time
    worker processes spent (summed over workers), for stages that run there.
    """

    def __init__(self, *, quiet: bool = False, every: int = 100, stream=None):
        self.seconds: dict[str, float] = defaultdict(float)
        self.worker_seconds: dict[str, float] = defaultdict(float)
        self.counts: dict[str, int] = defaultdict(int)
        self.every = every
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self._bar = None
        self._logging = False  # line mode has started (the build passed `every` articles)
        if not quiet and getattr(self.stream, "isatty", lambda: False)():
            from rich.console import Console
            from rich.progress import (BarColumn, Progress, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)

            self._bar = Progress(TextColumn("{task.description:<18}"), BarColumn(),
                                 TextColumn("{task.fields[count]}"), TextColumn("{task.fields[rate]}"),
                                 TimeElapsedColumn(), TextColumn("{task.fields[eta]}"),
                                 TimeRemainingColumn(), console=Console(file=self.stream),
                                 transient=True)

    def __enter__(self) -> Recorder:
        if self._bar is not None:
            self._bar.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    @contextlib.contextmanager
    def stage(self, name: str, total: int | None = None) -> Iterator[Callable[..., None]]:
        started = time.perf_counter()
        task = self._bar.add_task(name, total=total, rate="", count="", eta="ETA" if total else "") \
            if self._bar is not None else None
        done = 0

        def advance(n: int = 1) -> None:
            nonlocal done
            done += n
            self.counts[name] += n
            elapsed = time.perf_counter() - started
            rate = f"{done / elapsed:.1f}/s" if elapsed > 0 else ""
            if task is not None:
                count = f"{done}/{total} articles" if total else f"{done} articles"
                self._bar.update(task, advance=n, rate=rate, count=count)
            elif not self.quiet and done // self.every != (done - n) // self.every:
                self._logging = True
                left = f", {(total - done) * elapsed / done:.0f} s left" if total else ""
                self._line(f"{name}: {done}{f'/{total}' if total else ''} articles, {rate}{left}")

        try:
            yield advance
        finally:
            elapsed = time.perf_counter() - started
            self.seconds[name] += elapsed
            if task is not None:
                self._bar.remove_task(task)
            elif self._logging and not self.quiet:
                self._line(f"{name}: done in {elapsed:.1f} s")

    def _line(self, text: str) -> None:
        print(f"kg: {text}", file=self.stream, flush=True)

    def table(self, wall: float | None = None) -> str:
        """Stage timings as aligned text lines (``kg build --profile``).

        >>> r = Recorder(quiet=True); r.seconds.update(parse=2.0, resolve=0.5); r.counts["parse"] = 4
        >>> print(r.table(wall=2.5))
        stage                 seconds  share  notes
        parse                   2.000    80%  4 articles, 2.0 articles/s
        resolve                 0.500    20%
        total (wall)            2.500   100%
        """
        names = [n for n in STAGE_ORDER if n in self.seconds or n in self.worker_seconds]
        names += [n for n in {**self.seconds, **self.worker_seconds} if n not in names]
        wall = wall if wall is not None else sum(self.seconds.values())
        lines = [f"{'stage':<20} {'seconds':>8} {'share':>6}  notes"]
        for name in names:
            seconds = self.seconds.get(name, 0.0)
            notes = []
            if name in self.worker_seconds:
                notes.append(f"{self.worker_seconds[name]:.3f} s in worker processes")
            if self.counts.get(name) and seconds:
                notes.append(f"{self.counts[name]} articles, {self.counts[name] / seconds:.1f} articles/s")
            share = f"{100 * seconds / wall:.0f}%" if wall else ""
            lines.append(f"{name:<20} {seconds:>8.3f} {share:>6}  {', '.join(notes)}".rstrip())
        lines.append(f"{'total (wall)':<20} {wall:>8.3f} {'100%':>6}")
        return "\n".join(lines)


@contextlib.contextmanager
def recording(**options) -> Iterator[Recorder]:
    """Make a :class:`Recorder` the one :func:`stage` reports to, for the ``with`` block."""
    with Recorder(**options) as recorder:
        token = _CURRENT.set(recorder)
        try:
            yield recorder
        finally:
            _CURRENT.reset(token)


def current() -> Recorder | None:
    """The active recorder, if any."""
    return _CURRENT.get()


@contextlib.contextmanager
def stage(name: str, total: int | None = None) -> Iterator[Callable[..., None]]:
    """Time the ``with`` block as stage ``name``; the callable it gives advances its count.

    >>> with stage("merge") as advance:  # no recorder active: costs nothing
    ...     advance()
    """
    recorder = _CURRENT.get()
    if recorder is None:
        yield _ignore
        return
    with recorder.stage(name, total) as advance:
        yield advance


def add_seconds(name: str, seconds: float, *, worker: bool = False) -> None:
    """Add time measured elsewhere (in a worker process, or inside a stream) to ``name``."""
    recorder = _CURRENT.get()
    if recorder is not None:
        (recorder.worker_seconds if worker else recorder.seconds)[name] += seconds


def _ignore(n: int = 1) -> None:
    pass
