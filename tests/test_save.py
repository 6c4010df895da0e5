"""A save commits all files of a build at once: kill -9, full disks and concurrent builds
leave either the old build or the new one, whole, and no debris."""

import errno
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

import kg
from kg.export import commit

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
A_TEXT = "date 2021-05-02 Angela Merkel met Emmanuel Macron in Berlin."
B_TEXT = "date 2022-07-09 Joe Biden visited Kyiv and met Volodymyr Zelensky."


def snapshot(out: Path) -> dict[str, bytes]:
    """What a user sees in OUT: every file name and its bytes (through the links)."""
    return {p.name: p.read_bytes() for p in sorted(out.iterdir()) if p.is_file()}


def debris(out: Path) -> list[str]:
    """Anything a save leaves besides the published build, the replaced one and the lock."""
    state = out / commit.STATE
    keep = {commit.LOCK, commit.CURRENT, commit.current_generation(out).name}
    generations = [p.name for p in state.iterdir() if p.name not in keep]
    return [p.name for p in out.iterdir() if p.name.endswith(".tmp")] + \
        (generations[1:] if len(generations) == 1 else generations)


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    """Two different saved builds, A and B, and their snapshots."""
    root = tmp_path_factory.mktemp("builds")
    for name, text in (("a", A_TEXT), ("b", B_TEXT)):
        kg.build([text], jobs=1).save(root / f"{name}-built")
        # saved again by a fresh process, as the kill tests do, so the bytes compare alike
        subprocess.run([sys.executable, "-c", "import kg, sys; kg.load(sys.argv[1]).save(sys.argv[2])",
                        str(root / f"{name}-built"), str(root / name / "out")], check=True)
    return root, snapshot(root / "a" / "out"), snapshot(root / "b" / "out")


def fresh_out(builds, tmp_path) -> Path:
    root, old, _ = builds
    out = tmp_path / "out"
    kg.load(root / "a" / "out").save(out)
    assert snapshot(out) == old
    return out


KILLER = textwrap.dedent("""
    import os, signal, sys
    import kg
    from kg.export import commit
    point, target = sys.argv[1], int(sys.argv[2])
    calls = {"write": 0, "replace": 0}
    real_write, real_replace = commit._write_file, os.replace

    def write(path, text):
        calls["write"] += 1
        if point == "write" and calls["write"] == target:
            data = text.encode() if isinstance(text, str) else text
            real_write(path, data[: len(data) // 2])  # half a file on disk, then die
            os.kill(os.getpid(), signal.SIGKILL)
        real_write(path, text)

    def replace(src, dst):
        calls["replace"] += 1
        if point == "replace-before" and calls["replace"] == target:
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(src, dst)
        if point == "replace-after" and calls["replace"] == target:
            os.kill(os.getpid(), signal.SIGKILL)

    commit._write_file, os.replace = write, replace
    kg.load(sys.argv[3]).save(sys.argv[4])
""")


@pytest.mark.parametrize("point, target, expect", [
    ("write", 3, "old"),  # mid-write of the third file
    ("replace-before", 1, "old"),  # everything written, not yet published
    ("replace-after", 1, "new"),  # published, the links not yet checked
])
def test_kill_9_during_a_save_leaves_the_old_or_the_new_build_whole(builds, tmp_path, point, target, expect):
    root, old, new = builds
    out = fresh_out(builds, tmp_path)
    run = subprocess.run([sys.executable, "-c", KILLER, point, str(target), str(root / "b" / "out"), str(out)],
                         capture_output=True, text=True)
    assert run.returncode == -signal.SIGKILL, run.stderr
    assert snapshot(out) == (old if expect == "old" else new)
    assert kg.load(out).summary() == kg.load(root / ("a" if expect == "old" else "b") / "out").summary()
    kg.load(root / "b" / "out").save(out)  # the next save cleans up after the killed one
    assert snapshot(out) == new
    assert debris(out) == []


def test_kill_9_of_a_real_build_as_soon_as_its_generation_appears(builds, tmp_path):
    """The issue's case: kill -9 the moment the new build's first file shows up."""
    _, old, _ = builds
    out = fresh_out(builds, tmp_path)
    state = out / commit.STATE
    before = set(state.iterdir())
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(small_input(tmp_path)),
                                "-o", str(out), "--jobs", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        if set(state.iterdir()) - before:
            break
        time.sleep(0.001)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL, "the build ended before it could be killed"
    assert snapshot(out) == old


def small_input(tmp_path) -> Path:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "c.txt").write_text("date 2023-01-05 Olaf Scholz met Rishi Sunak in London.")
    return tmp_path / "in"


@pytest.mark.parametrize("seconds", [1.5])
def test_kill_9_of_a_real_build_at_a_fixed_time(builds, tmp_path, seconds):
    _, old, _ = builds
    out = fresh_out(builds, tmp_path)
    process = subprocess.Popen([sys.executable, "-m", "kg", "build", str(small_input(tmp_path)),
                                "-o", str(out), "--jobs", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(seconds)
    process.send_signal(signal.SIGKILL)
    process.wait()
    after = snapshot(out)
    assert after == old or kg.load(out).summary()["articles"] == 1  # killed before, or done


def test_injected_disk_full_keeps_the_old_build_and_leaves_no_debris(builds, tmp_path, monkeypatch):
    root, old, _ = builds
    out = fresh_out(builds, tmp_path)
    real, calls = commit._write_file, []

    def full(path, text):
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))
        real(path, text)

    monkeypatch.setattr(commit, "_write_file", full)
    with pytest.raises(kg.KgError) as err:
        kg.load(root / "b" / "out").save(out)
    assert str(err.value) == f"{out}: cannot save the graph (No space left on device); the previous build is kept"
    assert snapshot(out) == old
    assert debris(out) == []


@pytest.fixture()
def small_disk(tmp_path):
    """A 3 MB tmpfs (needs root; skipped elsewhere)."""
    mount = tmp_path / "disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_a_really_full_disk_keeps_the_old_build_and_frees_its_space(builds, small_disk):
    root, old, _ = builds
    out = small_disk / "out"
    kg.load(root / "a" / "out").save(out)
    filler = small_disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)
    try:  # fill the disk
        while True:
            os.write(fd, b"x" * 4096)
    except OSError:
        pass
    os.ftruncate(fd, os.fstat(fd).st_size - 20000)  # leave less room than one build takes
    os.close(fd)
    free = os.statvfs(small_disk).f_bavail
    with pytest.raises(kg.KgError, match="No space left on device"):
        kg.load(root / "b" / "out").save(out)
    assert snapshot(out) == old
    assert debris(out) == []
    assert os.statvfs(small_disk).f_bavail == free


def test_a_read_only_output_folder_is_a_one_line_error(builds, small_disk):
    root, old, _ = builds
    out = small_disk / "out"
    kg.load(root / "a" / "out").save(out)
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    with pytest.raises(kg.KgError, match=r"read-only file system|Read-only file system"):
        kg.load(root / "b" / "out").save(out)
    assert snapshot(out) == old


HOLDER = textwrap.dedent("""
    import sys, time
    from kg.export.commit import build_lock
    with build_lock(sys.argv[1]):
        print("locked", flush=True)
        time.sleep(60)
""")


def test_a_second_build_into_the_same_folder_fails_naming_the_first(builds, tmp_path):
    root, old, _ = builds
    out = fresh_out(builds, tmp_path)
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, str(out)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        with pytest.raises(kg.KgError) as err:
            kg.load(root / "b" / "out").save(out)
        assert f"another kg process is saving here (pid {holder.pid}:" in str(err.value)
        from click.testing import CliRunner

        from kg.cli import cli

        result = CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(out)])
        assert result.exit_code == 1
        assert result.output.strip().splitlines()[-1].startswith(f"Error: {out}: another kg process")
        assert snapshot(out) == old
    finally:
        holder.kill()
        holder.wait()
    kg.load(root / "b" / "out").save(out)  # a killed holder leaves no stale lock
    assert debris(out) == []


def test_a_reader_sees_one_build_while_another_is_published(builds, tmp_path):
    """kg.load pins the generation it opened: facts.jsonl comes from the same build."""
    root, _, _ = builds
    out = fresh_out(builds, tmp_path)
    g = kg.load(out)
    kg.load(root / "b" / "out").save(out)
    assert set(g.summary()) and [a for a in g._ensure().graph["articles"]] == \
        list(kg.load(root / "a" / "out")._ensure().graph["articles"])
    g.add([A_TEXT])  # reads the old generation's facts.jsonl, still there
    assert g.summary() == kg.load(root / "a" / "out").summary()


def test_a_pre_generation_folder_is_taken_over(builds, tmp_path):
    root, _, new = builds
    out = tmp_path / "legacy" / "out"
    out.mkdir(parents=True)
    for name in ("graph.json", "graph.ttl", "mentions.tsv"):
        (out / name).write_text("old")
    (out / ".graph.json.abc123.tmp").write_text("left by a kill")
    kg.load(root / "b" / "out").save(out)
    assert snapshot(out) == new
    assert all((out / name).is_symlink() for name in new)
    assert not list(out.glob(".*.tmp"))


def store_dump(out: Path) -> bytes:
    """The store's quads, in the store's own order (N-Quads)."""
    from pyoxigraph import RdfFormat, Store

    return Store.read_only(str(out / "store")).dump(format=RdfFormat.N_QUADS)


def test_two_builds_of_the_same_input_are_byte_identical(tmp_path):
    """Whatever the hash seed: every set kg iterates is sorted first, the layout is seeded,
    graph.ttl has no blank nodes. The seeds are five real articles of ~40 nodes: enough
    for set order to reach the layout, the merge and the events."""
    outs = []
    for seed in ("1", "2"):
        outs.append(tmp_path / f"out{seed}")
        subprocess.run([sys.executable, "-m", "kg", "build", str(SEEDS), "-o", str(outs[-1]), "--jobs", "1", "-q"],
                       check=True, capture_output=True, env={**os.environ, "PYTHONHASHSEED": seed})
    first, second = snapshot(outs[0]), snapshot(outs[1])
    assert {"graph.html", "graph.ttl", "graph.json", "mentions.tsv", "events.tsv", "facts.jsonl"} <= set(first)
    assert [name for name in first if first[name] != second.get(name)] == []
    assert store_dump(outs[0]) == store_dump(outs[1])
