"""Bad input through the whole build: it is skipped or repaired and every output stays valid."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import kg
from kg.cli import cli


def test_an_article_longer_than_spacys_max_length_is_parsed_in_chunks(monkeypatch):
    import kg.parse

    nlp = kg.parse.load_nlp()
    monkeypatch.setattr(nlp, "max_length", 5000)
    monkeypatch.setattr(kg.parse, "CHUNK_CHARS", 2000)
    text = "date 2021-03-04 " + " ".join(f"Angela Merkel met Emmanuel Macron in Paris on day {i}." for i in range(300))
    assert len(text) > 3 * nlp.max_length
    [(article, doc)] = list(kg.parse.parse_articles([kg.read.text_article(text)]))
    assert doc.text == article.parse_text()
    g = kg.build([text], jobs=1)
    rows = g.mention_rows()
    assert len(rows) > 300 and all(text[s:e] == surface for _, s, e, surface, _ in rows)


def test_a_long_article_of_tiny_sentences_is_parsed_in_batches_of_bounded_size(monkeypatch):
    """spaCy's scratch memory grows with the tokens of a whole batch, not of one piece: a long
    article's pieces must not all go into one batch."""
    import kg.parse

    nlp = kg.parse.load_nlp()
    monkeypatch.setattr(kg.parse, "CHUNK_CHARS", 1000)
    monkeypatch.setattr(kg.parse, "BATCH_CHARS", 3000)
    batches, pipe = [], nlp.pipe

    def spy(texts, **options):
        texts = list(texts)
        batches.append(sum(len(t[0] if isinstance(t, tuple) else t) for t in texts))
        return pipe(texts, **options)

    monkeypatch.setattr(nlp, "pipe", spy)
    tiny = kg.read.text_article("Ok. Go on. " * 1500)  # 16,500 characters, 3,000 sentences
    short = kg.read.text_article("Angela Merkel met Emmanuel Macron in Paris.")
    parsed = list(kg.parse.parse_articles([short, tiny, short]))
    assert [a.id for a, _ in parsed] == [short.id, tiny.id, short.id]
    assert parsed[1][1].text == tiny.text and len(list(parsed[1][1].sents)) >= 2900
    assert len(batches) >= 6 and max(batches) <= 3000


def test_batches_are_bounded_in_tokens_not_only_characters(monkeypatch):
    """spaCy's scratch memory follows a batch's tokens: 80,000 characters of tiny sentences are
    40,000 tokens (830 MB), of news prose 16,000 (450 MB). Pieces and batches of token-dense
    text are cut shorter, prose's are not."""
    import kg.parse

    nlp = kg.parse.load_nlp()
    monkeypatch.setattr(kg.parse, "CHUNK_CHARS", 2000)
    monkeypatch.setattr(kg.parse, "BATCH_CHARS", 10**6)
    monkeypatch.setattr(kg.parse, "CHUNK_TOKENS", 500)
    monkeypatch.setattr(kg.parse, "BATCH_TOKENS", 1500)
    batches, pipe = [], nlp.pipe

    def spy(texts, **options):
        docs = list(pipe(list(texts), **options))
        batches.append(sum(len(d[0] if isinstance(d, tuple) else d) for d in docs))
        return iter(docs)

    monkeypatch.setattr(nlp, "pipe", spy)
    tiny = kg.read.text_article("Ok. Go on. " * 1000)  # 11,000 characters, 5,000 tokens
    [(_, doc)] = list(kg.parse.parse_articles([tiny]))
    assert doc.text == tiny.text and len(doc) == 5000
    assert len(batches) >= 4 and max(batches) <= 1500
    prose = kg.read.text_article("Angela Merkel met Emmanuel Macron in Paris. " * 250)  # 11,000 characters
    assert kg.parse.piece_chars(prose.text, 2000) == 2000 and kg.parse.piece_chars(tiny.text, 2000) < 1200


def test_an_article_over_the_length_limit_is_cut_with_a_one_line_error(tmp_path, monkeypatch):
    import kg.hygiene

    monkeypatch.setattr(kg.hygiene, "MAX_CHARS", 3000)
    src = tmp_path / "in"
    src.mkdir()
    text = "date 2021-03-04 Angela Merkel met Emmanuel Macron in Paris.\n\n" + "Ok. Go on. " * 500
    (src / "dump.txt").write_text(text)
    (src / "fine.txt").write_text("Joe Biden met Olaf Scholz in Berlin.")
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if "dump.txt" in line]
    assert line.startswith(f"error: {src / 'dump.txt'}: {len(text):,} characters, over kg's limit of 3,000")
    assert "(1 skipped: 1 too long)" in result.output
    rows = [r.split("\t") for r in (tmp_path / "out" / "mentions.tsv").read_text().splitlines()[1:]]
    assert {"dump", "fine"} == {r[0] for r in rows}  # the article's first 3,000 characters are built
    assert all(int(r[2]) <= 3000 and text[int(r[1]):int(r[2])] == r[3] for r in rows if r[0] == "dump")


def test_a_bad_alias_file_fails_before_any_parsing(tmp_path):
    bad = tmp_path / "aliases.yaml"
    bad.write_text("- [unclosed")
    started = time.perf_counter()
    with pytest.raises(kg.KgError, match=str(bad)):
        kg.KnowledgeGraph(aliases=bad)
    assert time.perf_counter() - started < 5


def test_weird_ids_and_urls_still_give_valid_outputs(tmp_path):
    rows = [{"id": "a b\n\"<x>\"\t", "text": "Angela Merkel met Emmanuel Macron in Paris.", "url": "https://e.com/a b"},
            {"id": "c", "text": "Vladimir Putin met Xi Jinping in Beijing.", "url": "javascript:alert(1)"},
            {"id": "c", "text": "Joe Biden met Olaf Scholz in Berlin."},
            {"id": "d", "text": "Angela Merkel met Emmanuel Macron in Paris."}]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    result = CliRunner().invoke(cli, ["build", str(feed), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 0, result.output  # all repaired, nothing skipped
    assert "4 repaired: 1 unsafe id, 1 bad url, 1 duplicate id, 1 duplicate text" in result.output
    out = tmp_path / "out"
    graph = json.loads((out / "graph.json").read_text())
    assert sorted(graph["graph"]["articles"]) == ["a-b-x", "c", "c-2"]
    assert graph["graph"]["articles"]["a-b-x"]["original_id"] == rows[0]["id"]
    for line in (out / "mentions.tsv").read_text().splitlines():
        assert len(line.split("\t")) == 5
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(out / "graph.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) > 0


def test_a_build_with_skips_exits_1_with_a_count_by_reason(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Angela Merkel visited Washington in 2015.")
    (src / "e1.txt").write_text("")
    (src / "e2.txt").write_text(" ")
    (src / "f.jsonl").write_text('{oops\n{"id": ["x"], "text": "X."}\n')
    os.mkfifo(src / "p.txt")
    result = CliRunner().invoke(cli, ["build", str(src), str(tmp_path / "missing"), "-o", str(tmp_path / "out"), "--jobs", "1"])
    assert result.exit_code == 1
    assert ("(6 skipped: 2 empty file, 1 invalid JSON, 1 bad id, 1 not a regular file, "
            "1 no such file or directory)") in result.output


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                    found.append(int(entry.name))
            except (OSError, IndexError, ValueError):
                pass
    return found


def alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs /proc and prctl")
def test_kill_9_of_a_build_leaves_no_spacy_worker_alive(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(30):  # enough articles for worker processes
        (src / f"a{i}.txt").write_text(f"Angela Merkel met Emmanuel Macron in Paris on day {i}. " * 20)
    build = subprocess.Popen([sys.executable, "-m", "kg", "build", str(src), "-o", str(tmp_path / "out"),
                              "--jobs", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline, workers = time.monotonic() + 90, []
    while time.monotonic() < deadline and build.poll() is None and len(workers) < 2:
        workers = children(build.pid)
        time.sleep(0.05)
    assert len(workers) >= 2, "no workers started"
    build.send_signal(signal.SIGKILL)
    build.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.1)
    assert not any(alive(w) for w in workers)


def test_a_saved_graph_with_line_separators_in_its_text_can_grow(tmp_path):
    g = kg.build(["Angela Merkel\u2028met Emmanuel Macron\u0085in Berlin."], jobs=1)
    g.save(tmp_path / "out")
    loaded = kg.load(tmp_path / "out")
    loaded.add(["Joe Biden met Olaf Scholz in Berlin."])
    assert loaded.summary()["articles"] == 2


def test_a_text_string_over_the_limit_is_reported_as_a_file_is_not_cut_silently():
    """kg.build(["..."]) used to cut a long string with no word; now it meets the same rule
    as a file: an error without on_error, a reported cut with it."""
    text = "Angela Merkel met Emmanuel Macron in Paris.\n\n" + "Ok. Go on. " * 400
    with pytest.raises(kg.InputError, match=r"^text-\w+: 4,445 characters, over kg's limit of 3,000"):
        kg.build([text], jobs=1, max_chars=3000)
    problems = []
    g = kg.build([text], jobs=1, max_chars=3000, on_error=problems.append)
    [problem] = problems
    assert problem.kind == "too long" and not problem.warning and "--max-chars" in problem.reason
    assert [e["label"] for e in g.entities()][:2] and all(s < 3000 for _, s, _, _, _ in g.mention_rows())
    assert kg.build([text], jobs=1, on_error=problems.append) and len(problems) == 1  # the default: whole


def test_max_chars_sets_the_length_limit_of_a_build(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    text = "Angela Merkel met Emmanuel Macron in Paris.\n\n" + "Ok. Go on. " * 400 + "\n\nJoe Biden met Olaf Scholz."
    (src / "long.txt").write_text(text)
    whole = CliRunner().invoke(cli, ["build", str(src), "-o", str(tmp_path / "a"), "--jobs", "1", "-q"])
    assert whole.exit_code == 0, whole.output
    cut = CliRunner().invoke(cli, ["build", str(src), "-o", str(tmp_path / "b"), "--jobs", "1", "-q",
                                   "--max-chars", "3000"])
    assert cut.exit_code == 1
    assert f"error: {src / 'long.txt'}: {len(text):,} characters, over kg's limit of 3,000" in cut.output
    assert "Biden" in (tmp_path / "a" / "mentions.tsv").read_text()
    assert "Biden" not in (tmp_path / "b" / "mentions.tsv").read_text()
    bad = CliRunner().invoke(cli, ["build", str(src), "-o", str(tmp_path / "c"), "--max-chars", "0"])
    assert bad.exit_code == 2 and "--max-chars" in bad.output


def test_an_article_of_tiny_sentences_is_cut_at_the_token_limit(tmp_path):
    """Parsing costs by the token and "Ok. Ok." has 2.5 times prose's tokens per character:
    800 KB of it (under the character limit) took minutes and a GB. An article is also cut
    after a quarter of the character limit in tokens, with one error line."""
    src = tmp_path / "in"
    src.mkdir()
    text = "Angela Merkel met Emmanuel Macron in Paris.\n\n" + "Ok. " * 900  # 3,645 characters
    (src / "tiny.txt").write_text(text)
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(tmp_path / "out"), "--jobs", "1", "-q",
                                      "--max-chars", "4000"])
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if "tiny.txt" in line]
    assert line.startswith(f"error: {src / 'tiny.txt'}: 1,808 words and punctuation marks, over kg's limit of 1,000")
    kept = int(line.split("only the first ")[1].split()[0].replace(",", ""))
    assert 1900 < kept <= 2100
    rows = [r.split("\t") for r in (tmp_path / "out" / "mentions.tsv").read_text().splitlines()[1:]]
    assert {"Angela Merkel", "Emmanuel Macron"} <= {r[3] for r in rows}
    assert all(int(r[2]) <= kept for r in rows)
    # prose of the same length is read whole
    (src / "tiny.txt").write_text("Angela Merkel met Emmanuel Macron in Paris. " * 80)
    assert CliRunner().invoke(cli, ["build", str(src), "-o", str(tmp_path / "out2"), "--jobs", "1", "-q",
                                    "--max-chars", "4000"]).exit_code == 0


def test_a_text_of_only_invisible_characters_is_reported_not_read(tmp_path):
    """Zero-width characters are removed from text; one made of nothing else used to go on as
    an empty article, with no word (a JSONL line or a .txt file alike)."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Angela Merkel met Emmanuel Macron in Paris.")
    (src / "z.txt").write_text("\u200b\u2060\ufeff\n")
    (src / "f.jsonl").write_text(json.dumps({"id": "x", "text": "\u200b\u200d\u202e"}) + "\n")
    result = CliRunner().invoke(cli, ["build", str(src), "-o", str(tmp_path / "out"), "--jobs", "1", "-q"])
    assert result.exit_code == 1
    assert f"error: {src / 'z.txt'}: empty file (only invisible or control characters)" in result.output
    assert f"error: {src / 'f.jsonl'}:1: needs a non-empty 'text' (only invisible" in result.output
    assert kg.load(tmp_path / "out").summary()["articles"] == 1
