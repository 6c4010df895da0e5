"""The notebooks in notebooks/ run top to bottom, and are committed without outputs."""

import json
from pathlib import Path

import pytest

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"
EXPECTED = ["01_quickstart.ipynb", "02_analysis.ipynb", "03_your_articles.ipynb", "04_events.ipynb"]
CELL_TIMEOUT = 300  # seconds; the first cell of each notebook also loads the spaCy model


def notebooks() -> list[Path]:
    return sorted(NOTEBOOKS.glob("*.ipynb"))


def test_notebooks_are_the_three_the_readme_lists():
    assert [path.name for path in notebooks()] == EXPECTED


@pytest.mark.parametrize("path", notebooks(), ids=lambda path: path.name)
def test_notebooks_are_committed_without_outputs(path):
    # Read as plain JSON, so this runs without the notebooks extra installed.
    nb = json.loads(path.read_text(encoding="utf-8"))
    dirty = [n for n, cell in enumerate(nb["cells"]) if cell["cell_type"] == "code"
             and (cell.get("outputs") or cell.get("execution_count") is not None)]
    assert not dirty, f"{path.name}: cells {dirty} have outputs; clear them before committing"


@pytest.mark.slow
@pytest.mark.parametrize("path", notebooks(), ids=lambda path: path.name)
def test_notebooks_run_top_to_bottom(path):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    before = sorted(p.name for p in NOTEBOOKS.iterdir())
    nb = nbformat.read(path, as_version=4)
    # jupyter_client runs the "python3" kernelspec with this interpreter (sys.executable),
    # so the kernel sees the same installed kg as the tests.
    client = nbclient.NotebookClient(nb, timeout=CELL_TIMEOUT, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOKS)}})
    client.execute()  # raises CellExecutionError, naming the cell, when one fails
    assert sorted(p.name for p in NOTEBOOKS.iterdir()) == before, "a notebook left files behind"
