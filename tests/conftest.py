import os
from pathlib import Path

import pytest

# `make test` runs this suite: the README's `make` lines the tests run must behave as a user's
# own, not as sub-makes (which print "Entering directory" lines and inherit make's flags)
for _name in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS", "MAKEOVERRIDES"):
    os.environ.pop(_name, None)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def nlp():
    from kg.parse import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def seeds_out(tmp_path_factory):
    """The seeds built once through the CLI, as a user would: ``kg build seeds -o OUT``."""
    from click.testing import CliRunner

    from kg.cli import cli

    out = tmp_path_factory.mktemp("seeds-out")
    result = CliRunner().invoke(cli, ["build", str(SEEDS), "-o", str(out), "--jobs", "1"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="session")
def seeds_graph(seeds_out):
    import kg

    return kg.load(seeds_out)
