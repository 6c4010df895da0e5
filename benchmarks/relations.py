"""Typed relations on CoNLL04 through ``kg build`` and the shared scorer.

Usage (from the repository root):
    python benchmarks/relations.py                 # dev split
    python benchmarks/relations.py --split train   # the split the rules were developed on

Each sentence becomes one JSONL article (``conll04_score.py prepare``), ``kg build`` writes
graph.json and mentions.tsv, and ``conll04_score.py score -v`` prints micro P/R/F1 and each
type's figures; its last line is the summary. Nothing of the scorer is copied.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _bench() -> Path:
    for candidate in (ROOT.parent / "shared/bench", ROOT.parents[1] / "shared/bench",
                      Path("/work/shared/bench")):
        if (candidate / "conll04_score.py").is_file():
            return candidate
    sys.exit("relations.py: ../shared/bench/conll04_score.py not found")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--split", choices=("dev", "train"), default="dev")
    ap.add_argument("--out", type=Path, help="keep the build here")
    a = ap.parse_args(argv)
    bench = _bench()
    gold = bench / f"conll04/conll04_{a.split}.json"
    scorer = bench / "conll04_score.py"
    with tempfile.TemporaryDirectory() as tmp:
        articles = Path(tmp) / f"{a.split}.jsonl"
        out = a.out or Path(tmp) / "out"
        subprocess.run([sys.executable, str(scorer), "prepare", str(gold), str(articles)], check=True)
        subprocess.run([sys.executable, "-m", "kg.cli", "build", str(articles), "-o", str(out),
                        "--jobs", "1"], check=True, stdout=subprocess.DEVNULL)
        run = subprocess.run([sys.executable, str(scorer), "score", str(gold), str(out), "-v"],
                             capture_output=True, text=True, check=True)
    print(run.stdout, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
