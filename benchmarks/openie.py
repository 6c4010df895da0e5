"""Score the Open IE extractor on CaRB dev and compare its speed with spaCy's bare parse.

Usage (from the repository root):
    python benchmarks/openie.py [--gold ../shared/bench/carb/dev.tsv] [--pred out.tsv] [--rounds 5]
    python benchmarks/openie.py --cv     # also: 2-fold cross-validated score of the confidence
    python benchmarks/openie.py --fit    # print confidence weights fitted on the whole file

It parses the gold file's distinct sentences with ``load_nlp(ner=False)`` (the components
``--sentences`` needs), writes the tuples with :func:`kg.extract.openie.openie_tsv_lines`,
scores them with the shared scorer (run as a subprocess, never copied), and times the same
pipeline's bare ``nlp.pipe`` over the same sentences in the same run. Rounds alternate
parse-only and parse+extract so machine load affects both alike; the best round of each
counts. The last line is a one-line summary.

The confidence model (:mod:`kg.extract.openie.confidence`) is fitted on this same file, so
``--cv`` also reports an honest figure: the sentences are split in two (alternately), weights
are fitted on one half and score the other half's tuples, and vice versa; the merged
predictions are then scored as usual. The tuples themselves don't change, only their order.
"""

from __future__ import annotations

import argparse
import importlib.util
import subprocess
import sys
import tempfile
import time
from pathlib import Path


import numpy as np

from kg.extract.openie import openie_tsv_lines
from kg.extract.openie.confidence import clause_features, confidence_of
from kg.parse import load_nlp

_ROOT = Path(__file__).resolve().parents[1]
# ../shared beside the clone (CI), or the shared folder two levels up (a worktree)
BENCH = next((c for c in (_ROOT.parent / "shared/bench", _ROOT.parents[1] / "shared/bench",
                          Path("/work/shared/bench")) if (c / "openie_score.py").is_file()),
             _ROOT.parent / "shared/bench")


def gold_sentences(gold: Path) -> list[str]:
    """The distinct sentences of a CaRB-style gold TSV, in order, trailing spaces stripped."""
    seen: dict[str, None] = {}
    for line in gold.read_text(encoding="utf-8").splitlines():
        if line.strip():
            seen.setdefault(line.split("\t", 1)[0].rstrip(), None)
    return list(seen)


def _scorer(path: Path):
    """The shared scorer as a module (imported from its file, not copied): for its matcher."""
    spec = importlib.util.spec_from_file_location("openie_score", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _labels(lines: list[str], gold: Path, scorer: Path) -> list[float]:
    """Per predicted line, how well it matches its best gold tuple: ``(2 P + R) / 3``.

    Token precision P weighs most (a tuple above the threshold costs precision), but recall
    R counts too: of two precise tuples, the one covering more of a gold tuple should rank
    first, since F1 and the area under the curve reward recall as well.
    """
    sc = _scorer(scorer)
    golds = sc.read_gold(str(gold))
    out = []
    for line in lines:
        cols = line.split("\t")
        pred = sc.OieTuple(cols[2], cols[3:], float(cols[1]))
        out.append(max(((2 * p + r) / 3 for p, r in (
            sc.match(g, pred) for g in golds.get(sc.sentence_key(cols[0]), []))), default=0.0))
    return out


def fit_weights(feats: list[dict[str, float]], labels: list[float], *, l2: float = 2.0,
                steps: int = 30) -> dict[str, float]:
    """Logistic regression on soft labels (Newton steps, L2 penalty except on the bias)."""
    names = sorted({k for f in feats for k in f})
    x = np.array([[f.get(k, 0.0) for k in names] for f in feats])
    y = np.array(labels)
    w = np.zeros(len(names))
    penalty = np.full(len(names), l2)
    penalty[names.index("bias")] = 0.0
    for _ in range(steps):
        prob = 1 / (1 + np.exp(-np.clip(x @ w, -30, 30)))
        grad = x.T @ (prob - y) + penalty * w
        hess = (x.T * (prob * (1 - prob))) @ x + np.diag(penalty + 1e-6)
        w -= np.linalg.solve(hess, grad)
    return {k: round(float(v), 2) for k, v in zip(names, w) if round(float(v), 2)}


def _score(scorer: Path, gold: Path, lines: list[str]) -> tuple[str, str]:
    """Run the shared scorer on ``lines``: (its full output, its last line)."""
    with tempfile.NamedTemporaryFile("w", suffix=".tsv", encoding="utf-8", delete=False) as f:
        f.write("".join(line + "\n" for line in lines))
    try:
        run = subprocess.run([sys.executable, str(scorer), "--gold", str(gold), "--pred", f.name],
                             capture_output=True, text=True, check=True)
    finally:
        Path(f.name).unlink()
    return run.stdout, run.stdout.strip().splitlines()[-1]


def _with_confidence(lines: list[str], confidences: list[float]) -> list[str]:
    out = []
    for line, conf in zip(lines, confidences):
        cols = line.split("\t")
        cols[1] = f"{conf:g}"
        out.append("\t".join(cols))
    return out


def _fit_and_cv(a: argparse.Namespace, sentences: list[str], nlp) -> None:
    feats: list[dict[str, float]] = []

    def record(c, p):
        feats.append(clause_features(c, p))
        return 1.0

    lines = list(openie_tsv_lines(sentences, nlp=nlp, batch_size=a.batch_size, score=record))
    labels = _labels(lines, a.gold, a.scorer)
    if a.fit:
        print("WEIGHTS =", fit_weights(feats, labels))
    if a.cv:
        fold_of = {s: i % 2 for i, s in enumerate(sentences)}
        folds = [fold_of[line.split("\t", 1)[0]] for line in lines]
        conf = [0.0] * len(lines)
        for k in (0, 1):
            train = [i for i, f in enumerate(folds) if f != k]
            w = fit_weights([feats[i] for i in train], [labels[i] for i in train])
            for i, f in enumerate(folds):
                if f == k:
                    conf[i] = confidence_of(feats[i], w)
        print(f"2-fold CV (weights fitted on the other half): "
              f"{_score(a.scorer, a.gold, _with_confidence(lines, conf))[1]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--gold", type=Path, default=BENCH / "carb/dev.tsv")
    ap.add_argument("--scorer", type=Path, default=BENCH / "openie_score.py")
    ap.add_argument("--pred", type=Path, help="keep the predicted TSV here")
    ap.add_argument("--rounds", type=int, default=5,
                    help="timing rounds of each kind (best counts: fewer rounds are noisier)")
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--cv", action="store_true", help="also report a 2-fold cross-validated score")
    ap.add_argument("--fit", action="store_true", help="print confidence weights fitted on --gold")
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
    if a.fit or a.cv:
        _fit_and_cv(a, sentences, nlp)
    n = len(sentences)
    bare_rate, full_rate = n / min(bare), n / min(full)
    print(f"{len(lines)} tuples on {n} sentences; parse+extract {full_rate:.0f} sent/s, "
          f"bare parse {bare_rate:.0f} sent/s (best of {len(bare)} rounds each)")
    print(f"{score} | {full_rate:.0f} sent/s = {full_rate / bare_rate:.2f}x bare parse "
          f"({bare_rate:.0f} sent/s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
