import json
import os

import pytest

from kg.errors import InputError
from kg.read import find_date, read_articles


def write(path, data):
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_read_text_file_id_is_stem_and_text_is_kept(tmp_path):
    text = "Ankara talks\n\nPutin met Erdoğan in Moscow.\n"
    write(tmp_path / "story-1.txt", text)
    [article] = read_articles([tmp_path / "story-1.txt"])
    assert (article.id, article.text, article.title) == ("story-1", text, "Ankara talks")


def test_read_folder_recurses_in_sorted_order_and_skips_other_suffixes(tmp_path):
    write(tmp_path / "b.md", "# B\n\nText b.")
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "a.txt", "Text a.")
    write(tmp_path / "notes.csv", "x,y")
    assert [a.id for a in read_articles([tmp_path])] == ["b", "a"]


def test_read_jsonl_takes_id_title_date_url(tmp_path):
    rows = [{"id": "x1", "text": "Putin spoke.", "title": "T", "date": "5 March 2020", "url": "https://e.org/x1"},
            {"text": "No id here."}]
    write(tmp_path / "feed.jsonl", "\n".join(json.dumps(r) for r in rows))
    first, second = read_articles([tmp_path / "feed.jsonl"])
    assert (first.id, first.title, first.date, first.url) == ("x1", "T", "2020-03-05", "https://e.org/x1")
    assert second.id == "feed-2"


@pytest.mark.parametrize("text, date", [
    ("date 2021-06-01 Some lead sentence.", "2021-06-01"),
    ("Published: 4 May 2019\n\nBody.", "2019-05-04"),
    ("| 12 January 2023, Thursday |\n\nHeadline\n\nBody.", "2023-01-12"),
    ("Headline\nJune 3, 2018\n\nBody.", "2018-06-03"),
    ("A long first sentence that mentions 3 March 2020 in passing is not a dated header line.", None),
    ("No date at all.", None),
])
def test_find_date_reads_header_dates_only(text, date):
    assert find_date(text)[0] == date


def test_dateline_marker_is_hidden_from_the_parser_but_offsets_hold(tmp_path):
    write(tmp_path / "d.txt", " date 2020-03-02 Turkey said so.")
    [article] = read_articles([tmp_path / "d.txt"])
    parse_text = article.parse_text()
    assert len(parse_text) == len(article.text)
    assert parse_text.strip() == "Turkey said so."
    assert parse_text.index("Turkey") == article.text.index("Turkey")


@pytest.mark.parametrize("name, data, reason", [
    ("empty.txt", "  \n\n", "empty file"),
    ("bin.txt", b"GIF89a\x00\x01\x02", "binary file (contains NUL bytes)"),
    ("latin.txt", "caf\xe9 au lait".encode("latin-1"), "not UTF-8 (byte 3)"),
    ("bad.jsonl", '{"id": "a", "text": "ok"}\n{oops', ":2: invalid JSON"),
    ("notext.jsonl", '{"id": "a"}', ":1: needs a non-empty 'text'"),
])
def test_bad_file_error_names_file_and_reason(tmp_path, name, data, reason):
    path = write(tmp_path / name, data)
    with pytest.raises(InputError) as err:
        list(read_articles([path]))
    assert str(err.value).startswith(f"{path}{reason}" if reason[0] == ":" else f"{path}: {reason}")
    assert "\n" not in str(err.value)


def test_bad_file_is_reported_and_the_others_still_read(tmp_path):
    write(tmp_path / "a.txt", "Putin spoke.")
    write(tmp_path / "b.txt", "")
    write(tmp_path / "c.txt", "Erdoğan spoke.")
    errors = []
    ids = [a.id for a in read_articles([tmp_path], on_error=errors.append)]
    assert ids == ["a", "c"]
    assert [str(e) for e in errors] == [f"{tmp_path / 'b.txt'}: empty file"]


def test_missing_path_is_a_clear_error_and_the_other_paths_still_read(tmp_path):
    with pytest.raises(InputError, match="no such file or directory"):
        list(read_articles([tmp_path / "nope"]))
    write(tmp_path / "a.txt", "Putin spoke.")
    errors = []
    assert [a.id for a in read_articles([tmp_path / "nope", tmp_path / "a.txt"], on_error=errors.append)] == ["a"]
    assert [str(e) for e in errors] == [f"{tmp_path / 'nope'}: no such file or directory"]


def test_read_folder_skips_readme_license_and_hidden_files(tmp_path):
    write(tmp_path / "README.md", "# About this corpus")
    write(tmp_path / "LICENSE.txt", "MIT")
    (tmp_path / ".cache").mkdir()
    write(tmp_path / ".cache" / "x.txt", "cached")
    write(tmp_path / "story.txt", "Putin spoke.")
    assert [a.id for a in read_articles([tmp_path])] == ["story"]
    assert [a.id for a in read_articles([tmp_path / "README.md"])] == ["README"]  # asked for by name


def test_title_skips_a_dated_header_line(tmp_path):
    write(tmp_path / "d.txt", "| 3 March 2024, Sunday |\n\nLeaders meet in Sochi\n\nBody.")
    [article] = read_articles([tmp_path / "d.txt"])
    assert (article.title, article.date) == ("Leaders meet in Sochi", "2024-03-03")


def test_bad_jsonl_line_is_reported_and_the_other_lines_read(tmp_path):
    path = write(tmp_path / "feed.jsonl", '{"id": "a", "text": "One."}\n{oops\n{"id": "c", "text": "Three."}\n')
    errors = []
    assert [a.id for a in read_articles([path], on_error=errors.append)] == ["a", "c"]
    assert [str(e) for e in errors] == [f"{path}:2: invalid JSON (Expecting property name enclosed in double quotes)"]


# -- every bad-input class is skipped with a one-line reason, or repaired, and the rest read --

def read_all(*paths, **options):
    problems = []
    articles = list(read_articles(paths, on_error=problems.append, **options))
    assert all("\n" not in str(p) for p in problems)
    return articles, problems


def test_a_fifo_named_txt_is_skipped_without_hanging(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    write(tmp_path / "ok.txt", "Putin spoke.")
    articles, problems = read_all(tmp_path)
    assert [a.id for a in articles] == ["ok"]
    assert [str(p) for p in problems] == [f"{tmp_path / 'pipe.txt'}: not a regular file (FIFO); skipped"]


def test_a_device_and_a_folder_named_txt_are_skipped(tmp_path):
    (tmp_path / "null.txt").symlink_to("/dev/null")
    (tmp_path / "dir.txt").mkdir()
    write(tmp_path / "dir.txt" / "inner.txt", "Erdoğan spoke.")
    articles, problems = read_all(tmp_path / "null.txt", tmp_path / "dir.txt")
    assert [a.id for a in articles] == ["inner"]  # a folder given by name is read as a folder
    assert [p.reason for p in problems] == ["not a regular file (character device); skipped"]


def test_an_unreadable_file_is_skipped_with_the_reason(tmp_path, monkeypatch):
    write(tmp_path / "a.txt", "Putin spoke.")
    write(tmp_path / "secret.txt", "Hidden.")
    real_open = os.open

    def refuse(path, *args, **kwargs):  # root ignores chmod 000, so refuse as the kernel would
        if str(path).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    articles, problems = read_all(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert [str(p) for p in problems] == [f"{tmp_path / 'secret.txt'}: cannot read (Permission denied)"]


def test_symlink_loops_are_skipped(tmp_path):
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "corpus").mkdir()
    write(tmp_path / "corpus" / "a.txt", "Putin spoke.")
    (tmp_path / "corpus" / "up").symlink_to(tmp_path / "corpus")  # a folder loop
    articles, problems = read_all(tmp_path / "loop.txt", tmp_path / "corpus")
    assert [a.id for a in articles] == ["a"]
    assert [str(p) for p in problems] == [f"{tmp_path / 'loop.txt'}: symbolic link loop"]


@pytest.mark.parametrize("encoding, bom", [("utf-16-le", b"\xff\xfe"), ("utf-16-be", b"\xfe\xff"),
                                           ("utf-16-le", b""), ("utf-32-le", b"\xff\xfe\x00\x00")])
def test_utf16_and_utf32_files_are_decoded(tmp_path, encoding, bom):
    text = "Erdoğan met Putin in Moscow.\n"
    write(tmp_path / "u.txt", bom + text.encode(encoding))
    articles, problems = read_all(tmp_path / "u.txt")
    assert ([a.text for a in articles], problems) == ([text], [])


def test_jsonl_lines_end_at_newline_only(tmp_path):
    rows = ['{"id": "a", "text": "Line\u2028separator and next\u0085line inside."}', "{oops",
            '{"id": "c", "text": "Three."}']
    path = write(tmp_path / "f.jsonl", "\n".join(rows) + "\n")
    articles, problems = read_all(path)
    assert [a.id for a in articles] == ["a", "c"]
    assert "\u2028" in articles[0].text
    assert [(p.line, p.kind) for p in problems] == [(2, "invalid JSON")]


def test_a_lone_surrogate_is_replaced_and_reported(tmp_path):
    path = write(tmp_path / "f.jsonl", '{"id": "a", "text": "Putin \\ud800 spoke."}\n')
    articles, problems = read_all(path)
    assert articles[0].text == "Putin \ufffd spoke."
    assert [(p.line, p.warning) for p in problems] == [(1, True)]
    articles[0].text.encode("utf-8")  # exportable


@pytest.mark.parametrize("raw, safe", [("a b", "a-b"), ('x"y', "x-y"), ("<t>", "t"), ("n\nl", "n-l"),
                                       ("t\tab", "t-ab"), ("Reuters/2020#3", "Reuters-2020-3"),
                                       ("İstanbul-1", "İstanbul-1")])
def test_ids_are_made_safe_for_iris_and_tsv_and_the_original_kept(tmp_path, raw, safe):
    path = write(tmp_path / "f.jsonl", json.dumps({"id": raw, "text": "Putin spoke."}) + "\n")
    [article], problems = read_all(path)
    assert article.id == safe
    assert (article.original_id, len(problems)) == ((raw, 1) if raw != safe else (None, 0))


@pytest.mark.parametrize("value, kind", [(["a"], "bad id"), ({"x": 1}, "bad id"), (True, "bad id")])
def test_an_id_that_is_not_a_string_skips_the_line(tmp_path, value, kind):
    path = write(tmp_path / "f.jsonl", json.dumps({"id": value, "text": "X."}) + '\n{"id": 7, "text": "Y."}\n')
    articles, problems = read_all(path)
    assert [a.id for a in articles] == ["7"]
    assert [(p.line, p.kind) for p in problems] == [(1, kind)]


@pytest.mark.parametrize("url, kept", [("https://example.com/a b", "https://example.com/a%20b"),
                                       ("https://例え.jp/記事", "https://%E4%BE%8B%E3%81%88.jp/%E8%A8%98%E4%BA%8B"),
                                       ("javascript:alert(1)", None), ("http://", None), (42, None),
                                       ('https://e.com/"><script>', "https://e.com/%22%3E%3Cscript%3E")])
def test_urls_are_percent_encoded_or_dropped(tmp_path, url, kept):
    path = write(tmp_path / "f.jsonl", json.dumps({"id": "a", "text": "X.", "url": url}) + "\n")
    [article], problems = read_all(path)
    assert article.url == kept
    assert [p.kind for p in problems] == ([] if kept else ["bad url"])


def test_duplicates_are_kept_apart_or_counted_once():
    from kg.hygiene import unique_articles
    from kg.types import Article

    problems = []
    articles = [Article("a", "Putin spoke.", source="x/a.txt"), Article("a", "Erdoğan spoke.", source="y/a.txt"),
                Article("b", "Putin spoke.", source="z/b.txt")]
    kept = list(unique_articles(articles, problems.append))
    assert [(a.id, a.text) for a in kept] == [("a", "Putin spoke."), ("a-2", "Erdoğan spoke.")]
    assert [str(p) for p in problems] == [
        "y/a.txt: id 'a' is already used by x/a.txt; kept apart as 'a-2'",
        "z/b.txt: same text as x/a.txt (id 'a'); counted once"]


def test_an_output_folder_inside_the_input_is_never_read(tmp_path):
    write(tmp_path / "a.txt", "Putin spoke.")
    (tmp_path / "out" / ".kg").mkdir(parents=True)
    write(tmp_path / "out" / "facts.jsonl", '{"article": {"id": "a", "text": "Putin spoke."}}\n')
    articles, problems = read_all(tmp_path)
    assert ([a.id for a in articles], problems) == (["a"], [])
    _, problems = read_all(tmp_path / "out")
    assert [p.reason for p in problems] == ["a kg output folder (a built graph), not articles"]


def test_other_file_types_are_reported_not_silently_skipped(tmp_path):
    write(tmp_path / "a.txt", "Putin spoke.")
    write(tmp_path / "table.csv", "x,y")
    articles, problems = read_all(tmp_path)
    assert [a.id for a in articles] == ["a"]
    assert [(p.path, p.kind, p.warning) for p in problems] == [(str(tmp_path / "table.csv"), "unsupported file type", True)]


def test_text_is_nfc_without_invisible_characters(tmp_path):
    write(tmp_path / "a.txt", "Mos\u200bcow and Ist\u00adanbul: Erdog\u0306an spoke\u202e.")
    [article], _ = read_all(tmp_path / "a.txt")
    assert article.text == "Moscow and Istanbul: Erdoğan spoke."


def test_a_scraped_pages_navigation_is_not_its_title(tmp_path):
    write(tmp_path / "a.txt", "Accessibility links\nSkip to content\nMenu\nPutin visits Pyongyang\n\nBody text here.")
    [article], _ = read_all(tmp_path / "a.txt")
    assert article.title == "Putin visits Pyongyang"


def test_file_names_with_a_newline_or_bytes_that_are_not_utf8_give_one_line_and_writable_text(tmp_path):
    (tmp_path / "a\nb.txt").write_text("Vladimir Putin met Xi Jinping.")
    with open(os.fsencode(tmp_path) + b"/caf\xe9.txt", "w") as f:
        f.write("Joe Biden met Olaf Scholz.")
    problems = []
    articles = list(read_articles([tmp_path], on_error=problems.append))
    assert sorted(a.id for a in articles) == ["a-b", "caf"]
    for text in [str(p) for p in problems] + [a.source for a in articles]:
        assert "\n" not in text and text.encode("utf-8")  # one line, and no lone surrogate
    assert {a.original_id for a in articles} == {"a\nb", "caf\\xe9"}  # the original, writable
    assert any(str(p).startswith(f"{tmp_path}/a\\nb.txt: id") for p in problems)


def test_a_glob_pattern_matching_nothing_is_skipped_like_a_missing_path(tmp_path):
    import kg

    (tmp_path / "a.txt").write_text("Vladimir Putin met Xi Jinping in Beijing.")
    problems = []
    g = kg.build([tmp_path / "a.txt", str(tmp_path / "*.nope")], jobs=1, on_error=problems.append)
    assert g.summary()["articles"] == 1
    assert [str(p) for p in problems] == [f"{tmp_path / '*.nope'}: no such file or directory"]


def test_a_huge_text_file_is_read_only_as_far_as_the_length_limit(tmp_path, monkeypatch):
    import kg.hygiene

    monkeypatch.setattr(kg.hygiene, "MAX_CHARS", 1000)
    (tmp_path / "dump.txt").write_text("Vladimir Putin met Xi Jinping in Beijing. Erdoğan spoke. " * 20000)  # 1.1 MB
    problems = []
    [article] = read_articles([tmp_path], on_error=problems.append)
    [problem] = problems
    assert str(problem).startswith(f"{tmp_path / 'dump.txt'}: 1,160,000 bytes, over kg's limit of 1,000 characters")
    assert 750 <= len(article.text) <= 1000 and article.text.endswith(". ")
