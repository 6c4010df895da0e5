"""Start-up time of the kg command: ``kg --help`` and ``kg query`` on a built graph.

Each command runs in a fresh interpreter ``--runs`` times; the median wall time is printed.
With ``--against SRC`` (another checkout's folder holding ``kg/``) the same commands run on
that source too, alternating, so the ratio is measured within one run on a shared machine.

    .venv/bin/python benchmarks/startup.py out                      # targets: 0.5 s and 1 s
    .venv/bin/python benchmarks/startup.py out --against /tmp/old   # and the ratio to an old tree
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS = {"kg --help": ["--help"], "kg query": ["query", "{out}", "ASK { ?s ?p ?o }"]}


def timed(args: list[str], source: Path) -> float:
    env = dict(os.environ, PYTHONPATH=str(source))
    started = time.perf_counter()
    # cwd=/: a kg/ folder in the working directory would shadow the source under test
    subprocess.run([sys.executable, "-c", "from kg.cli import cli; cli()", *args], env=env, cwd="/",
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="a folder kg build wrote (e.g. out/)")
    parser.add_argument("--against", type=Path, help="another source tree to compare with")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    sources = {"this": ROOT} | ({"against": args.against} if args.against else {})
    for name, template in COMMANDS.items():
        command = [a.replace("{out}", str(args.out.resolve())) for a in template]
        times: dict[str, list[float]] = {s: [] for s in sources}
        for _ in range(args.runs):
            for label, source in sources.items():
                times[label].append(timed(command, source))
        medians = {label: statistics.median(t) for label, t in times.items()}
        line = f"{name}: {medians['this']:.2f} s (median of {args.runs})"
        if args.against:
            line += f"; against {args.against}: {medians['against']:.2f} s, " \
                    f"{medians['against'] / medians['this']:.1f}x faster now"
        print(line)


if __name__ == "__main__":
    main()
