"""Time and peak memory of ``kg build`` on one article of many tiny sentences ("Ok. " repeated).

Four settings, each a fresh ``kg build --jobs 1`` in its own process (peak RSS from
``getrusage`` of the child), run in one go so the ratios hold on a shared machine:

- ``kg``: as shipped: the article is cut at :func:`kg.hygiene.max_tokens` (250,000 words and
  punctuation marks; one error line) and parsed in pieces of at most
  :data:`kg.parse.CHUNK_CHARS` characters and ``CHUNK_TOKENS`` tokens, in batches of at most
  ``BATCH_CHARS`` and ``BATCH_TOKENS``;
- ``no limit``: the same with the length limits lifted (the whole article is parsed);
- ``by chars``: the limits lifted, pieces and batches bounded in characters only (kg before
  the token bounds: 2.5 times prose's tokens in a batch);
- ``one batch``: the limits lifted and every piece in one spaCy batch (kg before either fix).

    .venv/bin/python benchmarks/long_article.py                      # the 800 KB, 200,000-sentence article
    .venv/bin/python benchmarks/long_article.py --sentences 20000    # a quicker, smaller instance
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SETTINGS = {
    "kg": "",
    "no limit": "import kg.hygiene; kg.hygiene.MAX_CHARS = 10**9; ",
    "by chars": "import kg.hygiene, kg.parse; kg.hygiene.MAX_CHARS = 10**9; kg.parse.BATCH_TOKENS = 10**9; "
                "kg.parse.CHUNK_TOKENS = 10**9; ",
    "one batch": "import kg.hygiene, kg.parse; kg.hygiene.MAX_CHARS = 10**9; kg.parse.BATCH_CHARS = 10**9; "
                 "kg.parse.CHUNK_CHARS = 50_000; kg.parse.BATCH_TOKENS = kg.parse.CHUNK_TOKENS = 10**9; ",
}


def run(setting: str, src: Path, out: Path) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB and the build's last line."""
    code = SETTINGS[setting] + "from kg.cli import cli; cli()"
    log = tempfile.TemporaryFile()
    started = time.perf_counter()
    child = subprocess.Popen([sys.executable, "-c", code, "build", str(src), "-o", str(out), "--jobs", "1", "-q"],
                             stdout=log, stderr=subprocess.STDOUT, cwd="/")
    _, _, usage = os.wait4(child.pid, 0)  # this child's own peak, not the largest child's
    seconds = time.perf_counter() - started
    log.seek(0)
    lines = log.read().decode(errors="replace").strip().splitlines() or [""]
    return seconds, usage.ru_maxrss / 1024, " | ".join(line[:110] for line in lines[-2:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=200_000)
    parser.add_argument("--settings", nargs="+", default=list(SETTINGS), choices=list(SETTINGS))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "in"
        src.mkdir()
        (src / "tiny.txt").write_text("Ok. " * args.sentences)
        print(f"one article: {args.sentences:,} sentences, {4 * args.sentences:,} characters")
        print(f"{'setting':<10} {'seconds':>8} {'peak MB':>8}  last line")
        for setting in args.settings:
            seconds, peak, last = run(setting, src, Path(tmp) / setting.replace(" ", "-"))
            print(f"{setting:<10} {seconds:8.1f} {peak:8.0f}  {last}", flush=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    main()
