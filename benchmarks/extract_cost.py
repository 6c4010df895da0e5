"""What the fact layer (typed relations, phrase nodes, scope, mention typing) costs a build.

Parses a fixed sample of BBC articles (``random.Random(0)``) once, then extracts every article
in interleaved rounds two ways: as kg does, and with the fact layer switched off (typed
relations, ``about`` links, clause-chain scope, phrase nodes cut to their head, and the
mention fixes of :mod:`kg.extract.retype`, :mod:`kg.extract.datelines` and
:mod:`kg.extract.parties`). The layer's cost is the difference, printed as a share of parse +
extract time, the article stage that dominates a build (so it overstates the share of a
whole build, which also resolves, merges and exports). Ratios within one run only.

    .venv/bin/python benchmarks/extract_cost.py          # 60 articles, 3 rounds
    .venv/bin/python benchmarks/extract_cost.py -n 200 --rounds 5
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

from kg.extract import link, mentions, phrases
from kg.extract.link import extract_article
from kg.extract.scope import Scope
from kg.parse import load_nlp
from kg.types import Article

ROOT = Path(__file__).resolve().parents[1]


def _corpus() -> Path:
    for candidate in (ROOT.parent / "shared/data/news", ROOT.parents[1] / "shared/data/news",
                      Path("/work/shared/data/news")):
        if candidate.is_dir():
            return candidate
    sys.exit("extract_cost.py: ../shared/data/news not found")


@contextmanager
def layer_off():
    """kg's extraction without the fact layer."""
    def head_only(head, article):
        m = phrases.Mention(article, head.idx, head.idx + len(head), head.text, "CONCEPT",
                            phrases.sentence_span(head), head.lemma_.lower(),
                            key=f"{head.lemma_.lower()}@{article}")
        return m
    with mock.patch.object(link, "typed_facts", lambda *a, **k: []), \
            mock.patch.object(link, "about_facts", lambda *a, **k: []), \
            mock.patch.object(link, "chain_scope", lambda *a, **k: Scope()), \
            mock.patch.object(link, "phrase_mention", head_only), \
            mock.patch.object(mentions, "retyped", lambda doc, ms: ms), \
            mock.patch.object(mentions, "source_line_mentions", lambda doc, ms, make: ms), \
            mock.patch.object(mentions, "party_mentions", lambda doc, ms, make: ms):
        yield


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("-n", type=int, default=60)
    ap.add_argument("--rounds", type=int, default=3)
    a = ap.parse_args(argv)
    files = sorted(_corpus().glob("*.txt"))
    sample = random.Random(0).sample(files, min(a.n, len(files)))
    articles = [Article(p.stem, p.read_text(encoding="utf-8")) for p in sample]
    nlp = load_nlp()
    start = time.perf_counter()
    docs = list(nlp.pipe([x.text for x in articles], batch_size=16))
    parse = time.perf_counter() - start
    full, bare = [], []
    for _ in range(a.rounds):
        for on in (True, False):
            start = time.perf_counter()
            if on:
                facts = sum(len(extract_article(x, d).facts) for x, d in zip(articles, docs))
            else:
                with layer_off():
                    sum(len(extract_article(x, d).facts) for x, d in zip(articles, docs))
            (full if on else bare).append(time.perf_counter() - start)
    extract, without = min(full), min(bare)
    share = (extract - without) / (parse + extract)
    print(f"EXTRACT_COST articles={len(articles)} facts={facts} parse={parse:.1f}s "
          f"extract={extract:.2f}s without_layer={without:.2f}s "
          f"layer_share_of_parse_extract={share:.1%}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
