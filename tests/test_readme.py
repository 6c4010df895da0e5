"""Every SPARQL query in README.md runs on the seeds graph, through `kg query` and the library,
and returns the rows it promises."""

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
QUERIES = dict(re.findall(r"<!-- query: (\w+) -->.*?```sparql\n(.*?)```", README, re.S))


def test_readme_lists_the_queries_the_issue_asks_for():
    assert {"met", "about", "connected"} <= set(QUERIES)


@pytest.fixture(scope="module")
def rows(seeds_out):
    """Rows of each README query, asserting first that the CLI and the library agree."""
    graph = kg.load(seeds_out)
    results = {}
    for name, sparql in QUERIES.items():
        library = graph.query(sparql)
        cli_result = CliRunner().invoke(cli, ["query", str(seeds_out), sparql, "--format", "json"])
        assert cli_result.exit_code == 0, cli_result.output
        assert json.loads(cli_result.stdout) == [dict(zip(library.columns, r)) for r in library.rows]
        results[name] = [dict(zip(library.columns, r)) for r in library.rows]
    return results


def test_readme_query_whom_did_erdogan_meet(rows, seeds_graph):
    putin = [e for e in seeds_graph.entities(type="PERSON") if "Putin" in e["aliases"]]
    assert len(putin) == 1
    met = [r for r in rows["met"] if r["other"] == putin[0]["label"]]
    assert len({r["article"] for r in met}) >= 3
    # the seed dated 2020-03-02 says the talks are "on Thursday": that Thursday is 2020-03-05
    assert "2020-03-05" in {r["date"] for r in met}


def test_readme_query_facts_about_an_entity_quote_their_sentences(rows, seeds_graph):
    about = rows["about"]
    assert len(about) >= 5
    labels = {e["label"] for e in seeds_graph.entities() if "Putin" in e["aliases"]}
    for row in about:
        assert row["subject"] in labels or row["object"] in labels
        text = (Path(__file__).resolve().parents[1] / "seeds" / f"{row['article']}.txt").read_text()
        assert row["sentence"] in text


def test_readme_query_most_connected_entities(rows):
    connected = rows["connected"]
    counts = [r["facts"] for r in connected]
    assert counts == sorted(counts, reverse=True) and len(connected) == 10
    top = {r["name"] for r in connected[:5]}
    assert {"Turkey", "Russia"} <= top or {"Türkiye", "Russia"} <= top


def test_readme_query_planned_events(rows):
    assert rows["planned"], "the seeds announce planned visits and talks"
    assert all(re.fullmatch(r"[a-z_][a-z0-9_]*", r["relation"]) for r in rows["planned"])


# ---- every code block of the README, run verbatim in a temporary copy of the repository ----

def _blocks(lang: str) -> list[str]:
    """The README's fenced blocks of language ``lang`` ("" for none), opening and closing
    fences told apart by order (a closing fence also looks like an unlabelled opening one)."""
    blocks, current, inside = [], [], None
    for line in README.splitlines():
        fence = re.fullmatch(r"\s*```(\w*)\s*", line)
        if fence and inside is None:
            inside, current = fence.group(1), []
        elif fence:
            if inside == lang:
                blocks.append("\n".join(current) + "\n")
            inside = None
        elif inside is not None:
            current.append(line)
    return blocks


@pytest.fixture(scope="module")
def copy(tmp_path_factory):
    """A temporary copy of what the README's commands read (seeds/, data/, the venv link),
    so running them can't replace the clone's own out/."""
    import shutil

    root = Path(__file__).resolve().parents[1]
    where = tmp_path_factory.mktemp("readme")
    for folder in ("seeds", "data"):
        shutil.copytree(root / folder, where / folder)
    (where / ".venv").symlink_to(Path(sys.prefix))  # the venv running the tests
    return where


def test_readme_session_runs_verbatim_and_prints_what_it_shows(copy):
    """The "A session" block: each `$ .venv/bin/kg …` line is run as written (the query's
    `{ … }` is the first example query, as the README says) and its output compared."""
    [session] = [b for b in _blocks("") if b.startswith("$ make graph")]
    commands = re.findall(r"^\$ (\.venv/bin/kg .*?)$\n(.*?)(?=^\$ |\Z)", session, re.M | re.S)
    build = subprocess.run([".venv/bin/kg", "build", "seeds", "-o", "out"], cwd=copy,
                           capture_output=True, text=True)
    shown = re.search(r"^\.venv/bin/kg build seeds -o out\n(.*)$", session, re.M).group(1)
    assert build.returncode == 0, build.stderr
    assert re.fullmatch(re.escape(shown).replace(r"1\.2", r"[0-9.]+"), build.stdout.strip())
    assert len(commands) == 2
    for command, expected in commands:
        command = command.split("   #")[0].replace("{ … }", "{" + QUERIES["met"].split("{", 1)[1])
        result = subprocess.run(command, shell=True, cwd=copy, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert result.stdout.strip().splitlines() == expected.strip().splitlines()


def test_readme_library_block_runs_verbatim(copy):
    [library] = [b for b in _blocks("python") if b.startswith("import kg\n")]
    result = subprocess.run([str(copy / ".venv" / "bin" / "python"), "-c", library], cwd=copy,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert (copy / "articles-out" / "graph.json").is_file()


def test_readme_explain_block_prints_what_it_shows(copy):
    """The "Entity resolution" block: `kg explain out Peskov`, in a shell with the venv active;
    its lines up to the "…" are what it prints."""
    [block] = [b for b in _blocks("") if b.startswith("$ kg explain out Peskov")]
    expected = block.splitlines()[1:block.splitlines().index("  …")]
    if not (copy / "out" / "graph.json").exists():
        subprocess.run([".venv/bin/kg", "build", "seeds", "-o", "out"], cwd=copy, check=True,
                       capture_output=True)
    result = subprocess.run(".venv/bin/" + block.splitlines()[0][2:], shell=True, cwd=copy,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:len(expected)] == expected
