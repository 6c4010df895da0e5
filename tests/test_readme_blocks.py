"""Every fenced code block of README.md, run as written in a temporary copy of the repository.

The copy holds the tracked files (seeds/, data/, Makefile, notebooks/, …) and a ``.venv``
whose ``bin/`` is the venv running the tests, with fresh ``make`` stamps: ``make graph`` and
``make test`` then run their build and test steps verbatim without reinstalling into it (the
install steps are what CI's own ``make test`` runs on its clean clone). Shell lines run with
that ``bin/`` first on PATH, as after ``. .venv/bin/activate``. Where a line needs a long job,
a network or a server, the test says how it still runs it (a small input, collection only,
a server started on a free port and stopped).

``test_every_readme_block_is_run`` fails when a block is added that no test here runs.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from importlib import metadata
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
SUMMARY = r"out: 5 articles, \d+ entities, \d+ facts in [0-9.]+ s"


def readme_blocks() -> list[tuple[str, str]]:
    """(language, text) of each fenced block, opening and closing fences told apart by order
    (a closing fence also looks like an unlabelled opening one); indented blocks dedented."""
    blocks, current, inside = [], [], None
    for line in README.splitlines():
        fence = re.fullmatch(r"(\s*)```(\w*)\s*", line)
        if fence and inside is None:
            inside, indent, current = fence.group(2), len(fence.group(1)), []
        elif fence:
            blocks.append((inside, "\n".join(current) + "\n"))
            inside = None
        elif inside is not None:
            current.append(line[indent:] if line[:indent].isspace() else line)
    return blocks


def block(first: str) -> str:
    """The one block whose first line starts with ``first``."""
    [text] = [t for _, t in readme_blocks() if t.startswith(first)]
    return text


# First line of each block → the test that runs it (SPARQL blocks: tests/test_readme.py).
RUNNERS = {
    "read → parse": "test_pipeline_diagram_names_the_stage_modules",
    "make graph   #": "test_setup_make_graph_and_make_test",
    "$ make graph": "test_session_runs_verbatim_and_prints_what_it_shows",
    "import kg\n": "test_library_block_runs_verbatim",
    "make graph                              # once": "test_notebooks_block_installs_and_starts_jupyter_lab",
    "same:": "test_aliases_yaml_and_profile_blocks",
    "$ kg explain out Peskov": "test_explain_block_prints_what_it_shows",
    "kg events out": "test_events_blocks",
    "g.events(": "test_events_blocks",
    "kg query out who-met": "test_query_blocks",
    "# kg/extract/acquisitions.py": "test_extractor_block_registers_an_extractor",
    "stage                 seconds": "test_aliases_yaml_and_profile_blocks",
    "kg build news/": "test_dask_block",
}


def test_every_readme_block_is_run():
    for lang, text in readme_blocks():
        if lang == "sparql":
            assert re.search(r"<!-- query: \w+ -->[^`]*```sparql\n" + re.escape(text), README), text
            continue
        runners = [name for first, name in RUNNERS.items() if text.startswith(first)]
        assert len(runners) == 1, f"no test runs this README block:\n{text}"
        assert callable(globals().get(runners[0])), runners[0]


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """The repository's files in a temporary folder, with a ready ``.venv`` (see the module doc)."""
    where = tmp_path_factory.mktemp("readme") / "kg"
    skip = {".venv", ".git", "out", "test-artifacts", ".pytest_cache", "__pycache__", ".cache", "kg.egg-info"}
    shutil.copytree(ROOT, where, ignore=lambda _, names: [n for n in names if n in skip])
    venv = where / ".venv"
    venv.mkdir()
    for part in ("bin", "lib", "pyvenv.cfg"):  # the venv running the tests
        (venv / part).symlink_to(Path(sys.prefix) / part)
    for stamp in (".installed", ".installed-test"):
        (venv / stamp).touch()  # newer than the copy's pyproject.toml: make installs nothing
    return where


def sh(where: Path, command: str, *, timeout: float = 600, env: dict | None = None):
    """Run one README line with bash in ``where`` (the copy or a folder of it), the venv's
    bin/ first on PATH."""
    venv = next(p for p in (where, *where.parents) if (p / ".venv").exists()) / ".venv"
    env = {**os.environ, "PATH": f"{venv / 'bin'}:{os.environ['PATH']}", **(env or {})}
    return subprocess.run(command, shell=True, executable="/bin/bash", cwd=where, env=env,
                          capture_output=True, text=True, timeout=timeout)


def lines(text: str) -> list[str]:
    """The commands of a shell block, comments dropped."""
    return [re.sub(r"\s+#.*$", "", line).strip() for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


@pytest.fixture(scope="module")
def made(copy):
    """``make graph`` run in the copy: its stdout."""
    result = sh(copy, lines(block("make graph   #"))[0])
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_pipeline_diagram_names_the_stage_modules(copy):
    stages, paths = block("read → parse").splitlines()
    assert re.split(r" → | / ", stages) == ["read", "parse", "extract", "resolve", "merge", "export", "query"]
    for path in re.split(r"[\s,]+", paths.strip()):
        assert (copy / path).exists(), path


def test_setup_make_graph_and_make_test(copy, made):
    """``make graph`` prints the summary line the README promises and writes the four files;
    ``make test`` runs the suite's collection in the copy (running it would recurse into this
    test): every test module imports, and the browser step finds Chromium or installs it."""
    assert re.fullmatch(SUMMARY, made.strip().splitlines()[-1]), made
    for name in ("graph.html", "graph.ttl", "graph.json", "mentions.tsv"):
        assert (copy / "out" / name).stat().st_size > 0, name
    result = sh(copy, lines(block("make graph   #"))[1], env={"PYTEST_ADDOPTS": "--collect-only -q"})
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    collected = int(re.search(r"(\d+) tests? collected", result.stdout).group(1))
    assert collected > 300, result.stdout[-500:]


def test_session_runs_verbatim_and_prints_what_it_shows(copy, made):
    """The "A session" block: ``make graph``'s last lines are the ones shown (the time aside);
    each ``$ .venv/bin/kg …`` line is run as written (the query's ``{ … }`` is the first example
    query, as the README says) and prints exactly what the block shows."""
    session = block("$ make graph")
    shown = session.split("…\n", 1)[1].split("\n$ ")[0].splitlines()
    assert made.strip().splitlines()[-2] == shown[0]
    assert re.fullmatch(re.escape(shown[1]).replace(r"1\.2", r"[0-9.]+"), made.strip().splitlines()[-1])
    met = re.search(r"<!-- query: met -->.*?```sparql\n(.*?)```", README, re.S).group(1)
    commands = re.findall(r"^\$ (\.venv/bin/kg .*?)$\n(.*?)(?=^\$ |\Z)", session, re.M | re.S)
    assert len(commands) == 2
    for command, expected in commands:
        command = command.split("   #")[0].replace("{ … }", "{" + met.split("{", 1)[1])
        result = sh(copy, command)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines() == expected.strip().splitlines()


def test_library_block_runs_verbatim(copy):
    result = subprocess.run([str(copy / ".venv" / "bin" / "python"), "-c", block("import kg\n")],
                            cwd=copy, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (copy / "articles-out" / "graph.json").is_file()


def test_notebooks_block_installs_and_starts_jupyter_lab(copy, made, tmp_path):
    """Line 1 is ``make graph`` (done). Line 2 is checked, not run (it would point the test
    venv's kg at the copy): every requirement of the ``notebooks`` extra is installed, so it
    has nothing left to fetch. Line 3 starts JupyterLab on notebooks/ (as root with the
    ``--allow-root`` the comment names), on a free port without a browser; it must answer
    and list the four notebooks, then it is stopped."""
    make, pip, lab = lines(block("make graph                              # once"))
    assert make == "make graph" and pip == ".venv/bin/pip install -e '.[notebooks]'"
    from packaging.requirements import Requirement

    extra = re.search(r"^notebooks = \[(.*?)\]$", (copy / "pyproject.toml").read_text(), re.M).group(1)
    for spec in re.findall(r'"([^"]+)"', extra):
        requirement = Requirement(spec)
        assert requirement.specifier.contains(metadata.version(requirement.name)), spec
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    root = " --allow-root" if os.geteuid() == 0 else ""
    command = f"exec {lab} --no-browser --port={port} --ServerApp.ip=127.0.0.1{root} --IdentityProvider.token=kgtest"
    env = {**os.environ, "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
           "JUPYTERLAB_WORKSPACES_DIR": str(tmp_path / "workspaces")}
    server = subprocess.Popen(command, shell=True, executable="/bin/bash", cwd=copy, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        listing, deadline = None, time.monotonic() + 90
        while listing is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/contents?token=kgtest", timeout=5) as r:
                    listing = json.load(r)
            except OSError:
                time.sleep(0.5)
        assert listing is not None, server.stderr.read() if server.poll() is not None else "no answer"
        names = {item["name"] for item in listing["content"]}
        assert {"01_quickstart.ipynb", "02_analysis.ipynb", "03_your_articles.ipynb", "04_events.ipynb"} <= names
    finally:
        server.send_signal(signal.SIGTERM)
        server.communicate(timeout=30)


def test_aliases_yaml_and_profile_blocks(copy, made):
    """The aliases file, saved as written, steers a build of the seeds; the same build with
    ``--profile`` prints the stage table the README shows (its figures aside)."""
    (copy / "aliases.yaml").write_text(block("same:"), encoding="utf-8")
    (copy / "clintons").mkdir()
    (copy / "clintons" / "ankara.txt").write_text(  # written without the ğ: the rule's label has it
        "Bill Clinton met Recep Tayyip Erdogan in Ankara on Monday. Hillary Clinton thanked "
        "Tayyip for the talks, and Erdogan said he would visit Washington.\n", encoding="utf-8")
    result = sh(copy, "kg build clintons -o aliases-out --aliases aliases.yaml --profile --jobs 1")
    assert result.returncode == 0, result.stderr
    nodes = json.loads((copy / "aliases-out" / "graph.json").read_text())["nodes"]
    erdogan = [n for n in nodes if {"Erdogan", "Recep Tayyip Erdogan", "Tayyip"} & set(n["aliases"])]
    assert [n["label"] for n in erdogan] == ["Recep Tayyip Erdoğan"], erdogan
    clintons = {n["label"] for n in nodes if "Clinton" in n["label"]}
    assert {"Bill Clinton", "Hillary Clinton"} <= clintons
    stages = [line.split("  ")[0] for line in block("stage                 seconds").splitlines()[1:-1]]
    printed = [line.split("  ")[0] for line in result.stderr.splitlines()]  # the table goes to stderr
    assert [s for s in printed if s in stages] == stages


def test_explain_block_prints_what_it_shows(copy, made):
    """The "Entity resolution" block: its lines up to the "…" are what it prints."""
    text = block("$ kg explain out Peskov").splitlines()
    result = sh(copy, text[0][2:])
    assert result.returncode == 0, result.stderr
    expected = text[1:text.index("  …")]
    assert result.stdout.splitlines()[:len(expected)] == expected


def test_events_blocks(copy, made):
    listing, explain = lines(block("kg events out"))
    result = sh(copy, listing)
    assert result.returncode == 0, result.stderr
    event = explain.split()[-1]
    assert event in result.stdout and "Vladimir Putin" in result.stdout
    result = sh(copy, explain)
    assert result.returncode == 0, result.stderr
    assert f"id: {event}" in result.stdout and "mentions" in result.stdout
    code = "import json, kg\ng = kg.load('out')\nprint(json.dumps(" + block("g.events(").split("#")[0].strip() + ", default=str))"
    result = subprocess.run([str(copy / ".venv" / "bin" / "python"), "-c", code], cwd=copy,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    events = json.loads(result.stdout)
    assert events and all(e["type"] == "meet" for e in events)
    assert [e["date"] for e in events] == sorted(e["date"] for e in events)  # oldest first


def test_query_blocks(copy, made):
    for line in lines(block("kg query out who-met")):
        result = sh(copy, line)
        assert result.returncode == 0, result.stderr
        rows = int(re.search(r"^\((\d+) rows?\)$", result.stdout, re.M).group(1))
        assert rows >= 4, result.stdout  # Erdoğan met Putin in four seeds


def test_extractor_block_registers_an_extractor(copy):
    code = block("# kg/extract/acquisitions.py") + (
        "\nfrom kg.extract import get_extractor\n"
        "assert get_extractor('acquisitions') is acquisition_tuples\nprint('ok')\n")
    result = subprocess.run([str(copy / ".venv" / "bin" / "python"), "-c", code], cwd=copy,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_dask_block(copy, made):
    """Line 1 with ``news/`` two seed articles: a LocalCluster of 2 workers builds them. Line 2
    has no scheduler at ``tcp://scheduler:8786`` here: it must say so in one line, no traceback."""
    local, remote = lines(block("kg build news/"))
    where = copy / "dask"  # its own folder: the lines write out/, which the other blocks read
    (where / "news").mkdir(parents=True)
    for name in sorted(os.listdir(copy / "seeds"))[:2]:
        shutil.copy(copy / "seeds" / name, where / "news")
    (where / "shards").mkdir()
    (where / "shards" / "a.jsonl").write_text(json.dumps({"id": "a", "text": "Putin met Erdogan."}) + "\n")
    unreachable = subprocess.Popen(remote, shell=True, executable="/bin/bash", cwd=where,
                                   env={**os.environ, "PATH": f"{copy / '.venv' / 'bin'}:{os.environ['PATH']}"},
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    result = sh(where, local)
    assert result.returncode == 0, result.stderr
    assert re.fullmatch(r"out: 2 articles, \d+ entities, \d+ facts in [0-9.]+ s", result.stdout.strip().splitlines()[-1])
    out, err = unreachable.communicate(timeout=120)
    assert unreachable.returncode != 0 and "Traceback" not in err
    assert "tcp://scheduler:8786" in err.strip().splitlines()[-1]


def test_make_graph_on_a_fresh_clone_shows_what_it_installs(tmp_path):
    """Issue 15: ``make graph`` was silent for a minute (pip ``--quiet``). On a clone with no
    .venv yet its recipe (``make -n``: printed, not run) says what it installs and lets pip
    list each package."""
    for name in ("Makefile", "pyproject.toml"):
        shutil.copy(ROOT / name, tmp_path)
    result = subprocess.run(["make", "-n", "graph"], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    steps = result.stdout.splitlines()
    [install] = [s for s in steps if re.search(r"pip install .*-e \.$", s)]
    assert "--quiet" not in install and "-q " not in install
    assert any(s.startswith("echo") and "Installing kg" in s and "spaCy" in s for s in steps)
    assert steps[-1] == ".venv/bin/kg build seeds -o out"


def test_troubleshooting_shadowing_folder_is_what_its_check_shows(tmp_path):
    """The Troubleshooting entry: a ``kg/`` folder in the working directory shadows the
    package (``kg.build`` is missing), and the command it gives shows it: ``kg.__file__`` is
    not the installed package's. From any other folder the same command finds kg."""
    [check] = re.findall(r'`(python -c "import kg; print\(kg.__file__\)")`', README)
    python = str(Path(sys.prefix) / "bin" / "python")
    (tmp_path / "kg").mkdir()
    shadowed = subprocess.run(check.replace("python", python, 1), shell=True, cwd=tmp_path,
                              capture_output=True, text=True)
    assert shadowed.stdout.strip() == "None"  # a namespace package: the empty folder
    build = subprocess.run([python, "-c", "import kg; kg.build"], cwd=tmp_path, capture_output=True, text=True)
    assert "has no attribute 'build'" in build.stderr
    found = subprocess.run(check.replace("python", python, 1), shell=True, cwd=tmp_path / "kg",
                           capture_output=True, text=True)
    assert Path(found.stdout.strip()).name == "__init__.py"
