"""Score the Open IE extractor on CaRB dev and compare its speed with spaCy's bare parse.

Usage (from the repository root):
    python benchmarks/openie.py [--gold ../shared/bench/carb/dev.tsv] [--pred out.tsv] [--rounds 3]

It parses the gold file's distinct sentences with ``load_nlp(ner=False)`` (the components
``--sentences`` needs), writes the tuples with :func:`kg.extract.openie.openie_tsv_lines`,
scores them with the shared scorer (run as a subprocess, never copied), and times the same
pipeline's bare ``nlp.pipe`` over the same sentences in the same run. Rounds alternate
parse-only and parse+extract so machine load affects both alike; the best round of each
counts. The last line is a one-line summary.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kg.extract.openie import openie_tsv_lines
from kg.parse import load_nlp

BENCH = Path(__file__).resolve().parents[1].parent / "shared/bench"


def gold_sentences(gold: Path) -> list[str]:
    """The distinct sentences of a CaRB-style gold TSV, in order, trailing spaces stripped."""
    seen: dict[str, None] = {}
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            seen.setdefault(line.split("\t", 1)[0].rstrip(), None)
    return list(seen)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=BENCH / "carb/dev.tsv")
    ap.add_argument("--scorer", type=Path, default=BENCH / "openie_score.py")
    ap.add_argument("--pred", type=Path, help="keep the predicted TSV here")
    ap.add_argument("--rounds", type=int, default=3, help="timing rounds of each kind")
    ap.add_argument("--batch-size", type=int, default=256)
    a = ap.parse_args(argv)

    sentences = gold_sentences(a.gold)
    nlp = load_nlp(ner=False)
    list(nlp.pipe(sentences[:64], batch_size=a.batch_size))  # warm up
    bare, full, lines = [], [], []
    for _ in range(max(1, a.rounds)):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(sentences, batch_size=a.batch_size):
            pass
        bare.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        lines = list(openie_tsv_lines(sentences, nlp=nlp, batch_size=a.batch_size))
        full.append(time.perf_counter() - t0)

    pred = a.pred or Path(tempfile.mkstemp(suffix=".tsv")[1])
    pred.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    run = subprocess.run([sys.executable, str(a.scorer), "--gold", str(a.gold), "--pred", str(pred)],
                         capture_output=True, text=True)
    if a.pred is None:
        pred.unlink()
    if run.returncode:
        sys.stderr.write(run.stderr)
        return run.returncode
    print(run.stdout, end="")
    score = run.stdout.strip().splitlines()[-1]
    n = len(sentences)
    bare_rate, full_rate = n / min(bare), n / min(full)
    print(f"{len(lines)} tuples on {n} sentences; parse+extract {full_rate:.0f} sent/s, "
          f"bare parse {bare_rate:.0f} sent/s (best of {len(bare)} rounds each)")
    print(f"{score} | {full_rate:.0f} sent/s = {full_rate / bare_rate:.2f}x bare parse "
          f"({bare_rate:.0f} sent/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
