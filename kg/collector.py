"""Fewer full garbage collections while a build runs.

A build keeps every article's mentions and facts until it saves, then builds the graph and
its exports from them: hundreds of thousands of objects that live to the end. Python's
collector walks *all* tracked objects at each full (oldest-generation) collection, and
those grow with the corpus, so full collections were a tenth of ``kg build``'s time on 100
BBC articles (2.4 s of 21 s CPU, 8 collections). Inside :func:`few_full_collections` the
young generations are collected as usual (short-lived cycles, a Doc's, are still freed at
once); the oldest one runs about a hundred times less often, and normally again after.

>>> import gc
>>> before = gc.get_threshold()
>>> with few_full_collections():
...     gc.get_threshold()[2] >= 1000
True
>>> gc.get_threshold() == before
True
"""

from __future__ import annotations

import contextlib
import gc
import threading
from collections.abc import Iterator

FULL_COLLECTION_EVERY = 1000  # middle-generation collections per full one (Python's default: 10)


_lock = threading.Lock()
_depth = 0  # blocks running, in any thread
_saved: tuple[int, int, int] | None = None  # the thresholds before the first of them


@contextlib.contextmanager
def few_full_collections() -> Iterator[None]:
    """Run the block with full collections rare (also usable as a decorator); blocks nest
    and may run in several threads: the last one to end restores the thresholds."""
    global _depth, _saved
    with _lock:
        if _depth == 0:
            _saved = gc.get_threshold()
            gc.set_threshold(_saved[0], _saved[1], max(_saved[2], FULL_COLLECTION_EVERY))
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _saved is not None:
                gc.set_threshold(*_saved)
