"""The Dask build on a real 2-worker LocalCluster gives the local build's graph, even when a
worker is killed in the middle."""

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

import kg
from kg.distributed import extract_on_dask, plan_partitions

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
NEWS = next((p for p in (Path(os.environ.get("KG_SHARED", "/nonexistent")) / "data" / "news",
                         ROOT.parent / "shared" / "data" / "news", Path("/work/shared/data/news"))
             if p.is_dir()), None)
BBC = ("bbc_politics_001.txt", "bbc_business_002.txt", "bbc_tech_003.txt", "bbc_entertainment_004.txt")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """The seeds and a few BBC articles, in one folder."""
    folder = tmp_path_factory.mktemp("corpus")
    for path in SEEDS.glob("*.txt"):
        shutil.copy(path, folder)
    if NEWS is not None:
        for name in BBC:
            shutil.copy(NEWS / name, folder)
    return folder


@pytest.fixture(scope="module")
def local_json(corpus, tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("local")
    kg.build([corpus], jobs=1).save(out)
    return (out / "graph.json").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def client():
    from dask.distributed import Client, LocalCluster

    cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                           dashboard_address=":0")
    with Client(cluster) as client:
        yield client
    cluster.close()


def _graph_json(articles, out: Path) -> str:
    graph = kg.KnowledgeGraph(jobs=1)
    graph._add_extracted(articles)
    graph.save(out)
    return (out / "graph.json").read_text(encoding="utf-8")


def test_dask_build_gives_the_local_graph(corpus, local_json, client, tmp_path):
    articles = extract_on_dask(client, [corpus], tmp_path / "parts", extractors=("openie", "nominal"),
                               size=3)
    assert len({a.article.id for a in articles}) == len(list(corpus.glob("*.txt")))
    assert len(list((tmp_path / "parts").glob("part-*.jsonl"))) == len(plan_partitions([corpus], size=3))
    assert _graph_json(articles, tmp_path / "out") == local_json


def test_a_worker_killed_mid_build_still_ends_in_the_same_graph(corpus, local_json, client, tmp_path):
    parts = tmp_path / "parts"
    partitions = len(plan_partitions([corpus], size=1))
    pids = list(client.run(os.getpid).values())
    result: dict = {}

    def build():
        try:
            result["articles"] = extract_on_dask(client, [corpus], parts, extractors=("openie", "nominal"),
                                                 size=1)
        except Exception as err:  # reported by the assertion below
            result["error"] = err

    thread = threading.Thread(target=build)
    thread.start()
    deadline = time.monotonic() + 300
    while not list(parts.glob("part-*.jsonl")) and time.monotonic() < deadline:
        time.sleep(0.05)
    finished_at_kill = len(list(parts.glob("part-*.jsonl")))
    os.kill(pids[0], signal.SIGKILL)  # a worker lost mid-build: its partition runs again
    thread.join(timeout=600)
    assert "error" not in result, result.get("error")
    assert 0 < finished_at_kill < partitions
    assert _graph_json(result["articles"], tmp_path / "out") == local_json


def test_cli_dask_on_a_scheduler_address_builds_the_same_graph_json(corpus, local_json, client, tmp_path):
    from click.testing import CliRunner

    from kg.cli import cli

    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), "--dask",
                                      client.scheduler.address, "--partition-size", "4", "--quiet"])
    assert result.exit_code == 0, result.output
    assert (out / "graph.json").read_text(encoding="utf-8") == local_json
    assert not (out / ".kg-partitions").exists()  # partitions removed once the graph is saved


def test_cli_dask_local_forks_workers_that_build_the_same_graph_json(corpus, local_json, tmp_path):
    """``--dask local`` starts its own cluster, its workers forked from the process holding
    the model (kg.distributed.connect); their graph is the local build's."""
    from click.testing import CliRunner

    from kg.cli import cli

    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["build", str(corpus), "-o", str(out), "--dask", "local",
                                      "--jobs", "2", "--quiet"])
    assert result.exit_code == 0, result.output
    assert (out / "graph.json").read_text(encoding="utf-8") == local_json


def test_tapered_partitions_cover_every_article_once_and_end_small(tmp_path):
    """Tapering cuts JSONL shards into line ranges wherever a partition ends: every line is
    in exactly one partition, none is over the size, and they shrink towards the end."""
    import json

    shard = tmp_path / "a.jsonl"
    shard.write_text("".join(json.dumps({"id": str(i), "text": f"Text {i}."}) + "\n" for i in range(230)))
    for i in range(7):
        (tmp_path / f"b{i}.txt").write_text(f"Article {i}.")
    partitions = plan_partitions([tmp_path], size=60, taper=2)
    lines = [n for p in partitions for item in p.items if item[0] == "lines" for n in range(item[2], item[3])]
    files = [item[1] for p in partitions for item in p.items if item[0] == "file"]
    assert sorted(lines) == list(range(230)) and sorted(files) == sorted(str(p) for p in tmp_path.glob("*.txt"))
    sizes = [sum(item[3] - item[2] if item[0] == "lines" else 1 for item in p.items) for p in partitions]
    assert max(sizes) == 60 and sizes == sorted(sizes, reverse=True) and sizes[-2] <= 16
    assert [len(p.items) for p in plan_partitions([tmp_path], size=60)] != [len(p.items) for p in partitions]
