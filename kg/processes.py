"""Child processes that never outlive kg: spaCy workers and the Oxigraph server.

On Linux a child can ask the kernel to send it SIGKILL when its parent dies
(``prctl(PR_SET_PDEATHSIG)``), so a ``kill -9`` of ``kg build --jobs 2`` or of ``kg serve``
leaves no worker or server behind. Elsewhere these are no-ops.

>>> die_with_parent()  # later forks of this process die with it
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import signal
import sys

_PR_SET_PDEATHSIG = 1
_installed = False


def set_death_signal() -> None:
    """Ask the kernel to SIGKILL this process when its parent dies (Linux only)."""
    if not sys.platform.startswith("linux"):
        return
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass


def _in_forked_child() -> None:
    set_death_signal()
    # A progress bar on a terminal swaps sys.stdout/sys.stderr for proxies that write through
    # its console's lock, which its refresh thread may have held at the fork: a child that
    # then wrote (a warning, a worker's error log) would wait for it forever.
    sys.stdout, sys.stderr = sys.__stdout__ or sys.stdout, sys.__stderr__ or sys.stderr


def die_with_parent() -> None:
    """Make every process forked from now on (multiprocessing or Dask workers) die with this
    one, and write to the real stdout and stderr rather than a progress bar's proxies."""
    global _installed
    if not _installed and hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=_in_forked_child)
        _installed = True
