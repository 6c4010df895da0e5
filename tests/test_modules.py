"""The module graph: no import cycle among kg's modules (counting the imports a module runs
when it is imported, not those inside functions), and old import paths keep working."""

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1] / "kg"


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _top_level_imports(path: Path, modules: set[str]) -> set[str]:
    """kg modules ``path`` imports at import time (module level, not under TYPE_CHECKING)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in tree.body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for sub in ast.walk(node) if not isinstance(node, (ast.FunctionDef, ast.ClassDef)) else ():
            if isinstance(sub, (ast.FunctionDef, ast.AsyncFunctionDef)):
                break
            if isinstance(sub, ast.Import):
                names = [a.name for a in sub.names]
            elif isinstance(sub, ast.ImportFrom) and sub.module and not sub.level:
                # "from pkg import submodule" needs the submodule; "from pkg import name" needs
                # pkg's body to have run: the case that made kg.extract's cycle
                subs = [f"{sub.module}.{a.name}" for a in sub.names]
                names = subs if all(n in modules for n in subs) else [sub.module, *subs]
            else:
                continue
            found |= {n for n in names if n in modules}
    return found


def test_kg_has_no_import_cycle():
    paths = {_module(p): p for p in ROOT.rglob("*.py")}
    graph = nx.DiGraph()
    for name, path in paths.items():
        graph.add_node(name)
        for target in _top_level_imports(path, set(paths)):
            if target != name:
                graph.add_edge(name, target)
    cycles = [c for c in nx.simple_cycles(graph) if len(c) > 1]
    assert cycles == [], cycles[:3]


def test_old_import_paths_still_work():
    from kg.explore import entity_rows, extract_sentence, fact_rows, find_entity, read_inputs, to_dataframe
    from kg.extract import DEFAULT_EXTRACTORS, EXTRACTORS, extract_article, get_extractor, register_extractor

    assert callable(fact_rows) and callable(register_extractor) and "openie" in EXTRACTORS.get_all()
    assert {entity_rows, find_entity, read_inputs, to_dataframe, extract_sentence, extract_article,
            get_extractor} and DEFAULT_EXTRACTORS == ("openie", "nominal")


def test_doctests_run_unless_they_block_or_need_a_cluster():
    """Examples are run, not skipped: those needing seeds, a build, a model or a SPARQL server
    get them from the root conftest.py. Only serving forever and starting a Dask cluster stay
    skipped (test_serve.py and test_distributed.py run those for real)."""
    skipped = sorted(f"{path.relative_to(ROOT.parent)}" for path in ROOT.rglob("*.py")
                     for line in path.read_text(encoding="utf-8").splitlines() if "doctest: +SKIP" in line)
    assert skipped == ["kg/distributed.py", "kg/serve.py"]


def test_dead_code_issue_15_named_is_gone(seeds_out):
    """ArticleFacts.corefs was never filled (coreference is resolved in kg.resolve) but rode
    through workers, Dask partitions and every facts.jsonl line."""
    from dataclasses import fields

    from kg.types import ArticleFacts

    assert "corefs" not in {f.name for f in fields(ArticleFacts)}
    first = (seeds_out / "facts.jsonl").read_text(encoding="utf-8").split("\n")[0]
    assert '"corefs"' not in first and '"facts"' in first
