"""One commit point for a save: generations, a ``current`` pointer and a lock.

Every file of a build is written into a fresh generation folder ``OUT/.kg/gen-…``; the build
is published by one atomic step, renaming a new ``OUT/.kg/current`` symlink over the old one.
The paths users open (``OUT/graph.json``, ``OUT/graph.ttl``, …) are relative symlinks into
``.kg/current``, so they switch from the old build to the new one all at once: a reader sees
one whole build, never files of two. A save that fails (full disk, read-only folder, kill -9)
leaves the old ``current`` as it was; its half-written generation is debris, removed by the
next save (with the temp files of the old one-file-at-a-time scheme). The generation a save
replaces is kept until the next save starts, so a reader that opened it can finish.

A lock file ``OUT/.kg/lock`` (``flock``: released by the kernel when its process dies, so a
killed build never leaves a stale lock) makes a second build into the same OUT fail at once
with a one-line message naming the process that holds it.

>>> import tempfile, pathlib
>>> out = pathlib.Path(tempfile.mkdtemp())
>>> [p.name for p in publish(out, {"graph.json": "{}"})]
['graph.json']
>>> (out / "graph.json").read_text(), (out / "graph.json").resolve().parent == current_generation(out)
('{}', True)
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import shutil
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from kg.errors import KgError

STATE = ".kg"  # generations, the current pointer and the lock live here, inside OUT
CURRENT = "current"
LOCK = "lock"
_GENERATION_PREFIX = "gen-"

_held: dict[str, list] = {}  # lock path -> [fd, depth]: the lock is re-entrant within a process


def current_generation(out: str | Path) -> Path | None:
    """The folder of OUT's published build, or None for a folder saved before generations."""
    pointer = Path(out) / STATE / CURRENT
    return pointer.resolve() if pointer.is_dir() else None


def readable_folder(out: str | Path) -> Path:
    """The folder a reader should open: the current generation (one whole build) or OUT."""
    return current_generation(out) or Path(out)


@contextlib.contextmanager
def build_lock(out: str | Path, *, create: bool = True) -> Iterator[None]:
    """Hold OUT's lock; a second process gets a one-line :class:`KgError` naming the holder.

    With ``create=False`` and no OUT folder yet, nothing is locked (the save locks it).
    """
    out = Path(out)
    if not create and not out.is_dir():
        yield
        return
    state = _state_folder(out)
    path = str((state / LOCK).resolve())
    if path in _held:
        _held[path][1] += 1
        try:
            yield
        finally:
            _held[path][1] -= 1
        return
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
    except OSError as err:
        raise _save_error(out, err) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as err:
        holder = _read_holder(fd)
        os.close(fd)
        if err.errno in (errno.EWOULDBLOCK, errno.EACCES):
            raise KgError(f"{out}: another kg process is saving here ({holder}); "
                          "wait for it to finish") from None
        raise KgError(f"{out}: cannot lock the output folder ({err.strerror})") from None
    os.ftruncate(fd, 0)
    os.write(fd, f"pid {os.getpid()}: {' '.join(sys.argv)[:200]}\n".encode(errors="replace"))
    _held[path] = [fd, 1]
    try:
        yield
    finally:
        del _held[path]
        os.close(fd)  # closing releases the flock


def _read_holder(fd: int) -> str:
    try:
        return os.pread(fd, 300, 0).decode(errors="replace").strip() or "pid unknown"
    except OSError:
        return "pid unknown"


def _state_folder(out: Path) -> Path:
    if out.exists() and not out.is_dir():
        raise KgError(f"{out}: exists and is not a folder")
    try:
        (out / STATE).mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise KgError(f"{out}: cannot create the output folder ({err.strerror})") from None
    return out / STATE


def publish(out: str | Path, files: dict[str, str | bytes], *,
            populate: Callable[[Path], None] | None = None) -> list[Path]:
    """Write ``{name: text}`` as one new generation of OUT and publish it atomically.

    ``populate(folder)`` may add more to the generation (e.g. a store) before it is published.
    Any failure removes the new generation and leaves the old build published; an
    ``OSError`` becomes a one-line :class:`KgError`.
    """
    out = Path(out)
    with build_lock(out):
        state = out / STATE
        clean(out)
        try:
            generation = Path(tempfile.mkdtemp(prefix=f"{_GENERATION_PREFIX}{time.time_ns()}-",
                                               dir=state))
        except OSError as err:
            raise _save_error(out, err) from None
        pointer = state / f".{CURRENT}.{os.getpid()}.tmp"
        try:
            os.chmod(generation, 0o777 & ~_umask())
            for name, text in files.items():
                _write_file(generation / name, text)
            if populate:
                populate(generation)
            _fsync_folder(generation)
            pointer.unlink(missing_ok=True)
            os.symlink(generation.name, pointer)
            os.replace(pointer, state / CURRENT)  # the commit point
            _fsync_folder(state)
        except BaseException as err:
            shutil.rmtree(generation, ignore_errors=True)
            with contextlib.suppress(OSError):
                pointer.unlink(missing_ok=True)
            if isinstance(err, OSError):
                raise _save_error(out, err) from None
            raise
        link_outputs(out)
    return [out / name for name in files]


def _save_error(out: Path, err: OSError) -> KgError:
    reason = err.strerror or str(err)
    return KgError(f"{out}: cannot save the graph ({reason}); the previous build is kept")


def link_outputs(out: Path) -> None:
    """Make ``OUT/NAME`` a symlink into ``.kg/current`` for each file of the current build,
    replacing regular files of a pre-generation save and dropping links to files it lacks."""
    current = out / STATE / CURRENT
    # a dot name is the build's own state (kg.cache), not an output: no link to it
    names = {p.name for p in current.iterdir() if not p.name.startswith(".")} if current.is_dir() else set()
    for name in names:
        link, target = out / name, Path(STATE) / CURRENT / name
        if link.is_symlink() and Path(os.readlink(link)) == target:
            continue
        if link.is_dir() and not link.is_symlink():
            continue  # a user's folder of that name: leave it alone
        temp = out / f".{name}.{os.getpid()}.link.tmp"
        temp.unlink(missing_ok=True)
        os.symlink(target, temp)
        os.replace(temp, link)
    for link in out.iterdir():
        if link.is_symlink() and os.readlink(link).startswith(f"{STATE}/{CURRENT}/") \
                and link.name not in names:
            link.unlink()


def clean(out: str | Path) -> list[Path]:
    """Remove what interrupted saves left in OUT: generations other than the current one,
    stray pointer/link temp files and ``.NAME.*.tmp`` files of the old scheme. Returns them.

    Call it holding the lock (:func:`publish` does).
    """
    out, removed = Path(out), []
    state = out / STATE
    keep = current_generation(out)
    if state.is_dir():
        for path in state.iterdir():
            if path.name == LOCK or path.name == CURRENT or (keep and path.resolve() == keep):
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            removed.append(path)
    if out.is_dir():
        for path in out.iterdir():
            if path.name.startswith(".") and path.name.endswith(".tmp") and not path.is_dir():
                path.unlink(missing_ok=True)
                removed.append(path)
        link_outputs(out)
    return removed


def _write_file(path: Path, text: str | bytes) -> None:
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
