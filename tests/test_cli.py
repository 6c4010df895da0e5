import json

import pytest
from click.testing import CliRunner

from kg.cli import cli

OUTPUTS = {"graph.html", "graph.ttl", "graph.json", "mentions.tsv"}


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_cli_build_writes_the_four_files_and_a_summary_line(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Chancellor Olaf Scholz met President Emmanuel Macron in Paris on Monday.")
    result = run("build", tmp_path / "in", "-o", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert OUTPUTS <= {p.name for p in (tmp_path / "out").iterdir()}
    line = result.stdout.strip().splitlines()[-1]
    assert line.startswith(f"{tmp_path / 'out'}: 1 articles, ")
    assert line.endswith(" s") and "entities" in line and "facts" in line


def test_cli_build_goes_on_past_bad_files_and_exits_1(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "good.txt").write_text("Angela Merkel visited Washington in 2015.")
    (src / "empty.txt").write_text("")
    (src / "image.txt").write_bytes(b"\x89PNG\x00\x00binary")
    result = run("build", src, "-o", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 1
    errors = result.stderr.strip().splitlines()
    assert errors == [f"error: {src / 'empty.txt'}: empty file",
                      f"error: {src / 'image.txt'}: binary file (contains NUL bytes)"]
    graph = json.loads((tmp_path / "out" / "graph.json").read_text())
    assert list(graph["graph"]["articles"]) == ["good"]


def test_cli_build_missing_path_is_a_clear_error(tmp_path):
    result = run("build", tmp_path / "nope.txt", "-o", tmp_path / "out")
    assert result.exit_code != 0
    assert f"{tmp_path / 'nope.txt'}: no such file or directory" in result.output
    assert not (tmp_path / "out").exists()


def test_cli_failed_build_keeps_what_was_built(tmp_path):
    (tmp_path / "a.txt").write_text("Boris Johnson met Joe Biden in Cornwall.")
    assert run("build", tmp_path / "a.txt", "-o", tmp_path / "out", "--jobs", "1").exit_code == 0
    before = {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()}
    (tmp_path / "bad.txt").write_bytes(b"\xff\xfe\x00")
    result = run("build", tmp_path / "bad.txt", "-o", tmp_path / "out")
    assert result.exit_code != 0
    assert {p.name: p.read_bytes() for p in (tmp_path / "out").iterdir() if p.is_file()} == before


def test_cli_query_formats(seeds_out, tmp_path):
    sparql = 'SELECT ?name WHERE { ?e kgv:entityType "PERSON" ; rdfs:label ?name } ORDER BY ?name LIMIT 3'
    table = run("query", seeds_out, sparql)
    assert table.exit_code == 0, table.output
    assert table.stdout.splitlines()[0].strip() == "name"
    assert table.stdout.strip().endswith("(3 rows)")
    csv_rows = run("query", seeds_out, sparql, "--format", "csv").stdout.splitlines()
    assert csv_rows[0] == "name" and len(csv_rows) == 4
    rows = json.loads(run("query", seeds_out, sparql, "--format", "json").stdout)
    assert [r["name"] for r in rows] == csv_rows[1:]
    query_file = tmp_path / "q.rq"
    query_file.write_text(sparql)
    assert run("query", seeds_out, "-f", query_file, "--format", "csv").stdout.splitlines() == csv_rows


def test_cli_query_errors_are_one_line(seeds_out, tmp_path):
    bad = run("query", seeds_out, "SELECT ?x WHERE {")
    assert bad.exit_code == 1 and bad.output.startswith("Error: SPARQL error:")
    missing = run("query", tmp_path, "SELECT * WHERE { ?s ?p ?o }")
    assert missing.exit_code == 1
    assert "no graph.json here (run 'kg build' first)" in missing.output


def test_cli_extract_sentences_writes_scorer_tsv(tmp_path):
    sentences = tmp_path / "s.txt"
    sentences.write_text("The company hired two engineers in May .\nNothing here\n")
    out = tmp_path / "t.tsv"
    result = run("extract", "--sentences", sentences, "-o", out)
    assert result.exit_code == 0, result.output
    rows = [line.split("\t") for line in out.read_text().splitlines()]
    assert rows, "no tuple for a plain SVO sentence"
    for row in rows:
        assert row[0] in sentences.read_text().splitlines()
        float(row[1])
        assert len(row) >= 4
    assert any(r[2] == "hired" and r[3] == "The company" and r[4] == "two engineers" for r in rows)


def test_cli_extract_article_prints_json_lines(tmp_path):
    (tmp_path / "a.txt").write_text("The council rejected the plan on Friday.")
    result = run("extract", tmp_path / "a.txt")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert any(r["lemma"] == "oppose" and r["arg1"] == "The council" for r in records)


@pytest.mark.parametrize("command", ["build", "query", "serve", "extract", "explain"])
def test_cli_every_command_has_help_with_an_example(command):
    result = run(command, "--help")
    assert result.exit_code == 0
    assert "Example: kg " in result.output


def test_cli_explain_shows_aliases_reasons_and_mentions(seeds_out):
    result = run("explain", seeds_out, "erdogan")
    assert result.exit_code == 0, result.output
    first, aliases = result.stdout.splitlines()[:2]
    assert "[PERSON]" in first
    assert "Erdoğan" in aliases and "Erdogan" in aliases
    assert "merged because:" in result.stdout and "mentions (" in result.stdout
    info = json.loads(run("explain", seeds_out, "Erdoğan", "--format", "json").stdout)
    assert info["type"] == "PERSON" and info["mentions"]
    assert {r["node"] for r in info["mentions"]} == {info["id"]}


def test_cli_explain_unknown_name_fails_with_one_line(seeds_out):
    result = run("explain", seeds_out, "Nobody Atall")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: no node named 'Nobody Atall'"


def test_cli_build_with_worker_processes_gives_the_same_graph(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    people = ["Anna Berg", "Carl Olsen", "Dora Lind", "Erik Moss", "Frida Holm", "Gustav Ek"]
    for i in range(26):  # enough articles for kg to start worker processes
        a, b = people[i % 6], people[(i + 1) % 6]
        (src / f"a{i:02d}.txt").write_text(f"{a} met {b} in Oslo on Monday. {a} criticized the plan.")
    one, two = tmp_path / "one", tmp_path / "two"
    assert run("build", src, "-o", one, "--jobs", "1").exit_code == 0
    assert run("build", src, "-o", two, "--jobs", "2").exit_code == 0
    assert (one / "graph.json").read_text() == (two / "graph.json").read_text()
    assert (one / "mentions.tsv").read_text() == (two / "mentions.tsv").read_text()


def test_cli_build_output_path_that_is_a_file_is_a_clear_error(tmp_path):
    (tmp_path / "a.txt").write_text("Justin Trudeau met Joe Biden.")
    (tmp_path / "out").write_text("not a folder")
    result = run("build", tmp_path / "a.txt", "-o", tmp_path / "out", "--jobs", "1")
    assert result.exit_code == 1
    assert result.output.strip() == f"Error: {tmp_path / 'out'}: exists and is not a folder"


def test_cli_importing_the_command_loads_no_spacy_rdflib_or_pyvis():
    import subprocess
    import sys

    code = ("import sys, kg.cli; heavy = [m for m in ('spacy', 'rdflib', 'pyvis', 'pandas') "
            "if m in sys.modules]; print(heavy)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_cli_query_loads_no_spacy(seeds_out):
    import subprocess
    import sys

    code = ("import sys; from kg.cli import cli\n"
            "try:\n    cli(['query', sys.argv[1], 'ASK { ?s ?p ?o }'])\n"
            "except SystemExit:\n    pass\n"
            "print('spacy' in sys.modules)")
    result = subprocess.run([sys.executable, "-c", code, str(seeds_out)], capture_output=True,
                            text=True, check=True)
    words = result.stdout.split()
    assert (words[0], words[2], words[-1]) == ("ask", "True", "False")  # the answer; no spaCy


def test_cli_query_errors_name_the_path_given(seeds_out, tmp_path):
    missing = run("query", tmp_path / "nosuch", "ASK {}")
    assert missing.exit_code == 1
    assert missing.output.strip() == (f"Error: {tmp_path / 'nosuch'}: no such folder "
                                      "(give the folder 'kg build -o' wrote)")
    # the README says queries run on graph.ttl: naming that file works too
    ttl = run("query", seeds_out / "graph.ttl", "ASK { ?s ?p ?o }")
    assert ttl.exit_code == 0 and "True" in ttl.output
    bad_url = run("query", "-", "--endpoint", "notaurl", "ASK {}")
    assert bad_url.exit_code == 1 and "Traceback" not in bad_url.output
    assert bad_url.output.strip() == "Error: notaurl: not an endpoint URL (expected http://HOST:PORT/query)"


def test_cli_unknown_extractor_fails_before_parsing(tmp_path):
    (tmp_path / "a.txt").write_text("Justin Trudeau met Joe Biden.")
    result = run("build", tmp_path / "a.txt", "-o", tmp_path / "out", "--extractor", "svoo")
    assert result.exit_code == 1
    assert result.output.strip() == "Error: unknown extractor 'svoo'; available: nominal, openie"
    assert not (tmp_path / "out").exists()


def test_cli_build_page_title_defaults_to_the_input_folder(tmp_path):
    src = tmp_path / "ukraine-talks"
    src.mkdir()
    (src / "a.txt").write_text("Justin Trudeau met Joe Biden in Ottawa.")
    assert run("build", src, "-o", tmp_path / "out", "--jobs", "1").exit_code == 0
    assert "<title>ukraine-talks</title>" in (tmp_path / "out" / "graph.html").read_text()
    assert run("build", src, "-o", tmp_path / "out2", "--title", "Ottawa & co").exit_code == 0
    assert "<title>Ottawa &amp; co</title>" in (tmp_path / "out2" / "graph.html").read_text()


def test_cli_extract_article_hides_the_date_marker_and_line_breaks(tmp_path):
    (tmp_path / "a.txt").write_text("date 2021-05-03 Justin Trudeau met Joe Biden\n\nThey talked.")
    result = run("extract", tmp_path / "a.txt")
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all(r["arg1"] == r["arg1"].strip() and "\n" not in (r["arg2"] or "")
                           and "2021-05-03" not in r["sentence"] for r in records)
    assert any(r["arg1"] == "Justin Trudeau" and r["arg2"] == "Joe Biden" for r in records)
