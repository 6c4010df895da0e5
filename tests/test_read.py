import json

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
    ("bad.jsonl", '{"id": "a", "text": "ok"}\n{oops', "line 2: invalid JSON"),
    ("notext.jsonl", '{"id": "a"}', "line 1: needs a non-empty 'text'"),
])
def test_bad_file_error_names_file_and_reason(tmp_path, name, data, reason):
    path = write(tmp_path / name, data)
    with pytest.raises(InputError) as err:
        list(read_articles([path]))
    assert str(err.value).startswith(f"{path}: {reason}")
    assert "\n" not in str(err.value)


def test_bad_file_is_reported_and_the_others_still_read(tmp_path):
    write(tmp_path / "a.txt", "Putin spoke.")
    write(tmp_path / "b.txt", "")
    write(tmp_path / "c.txt", "Erdoğan spoke.")
    errors = []
    ids = [a.id for a in read_articles([tmp_path], on_error=errors.append)]
    assert ids == ["a", "c"]
    assert [str(e) for e in errors] == [f"{tmp_path / 'b.txt'}: empty file"]


def test_missing_path_is_a_clear_error(tmp_path):
    with pytest.raises(InputError, match="no such file or directory"):
        list(read_articles([tmp_path / "nope"], on_error=lambda e: None))


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
    assert [str(e) for e in errors] == [f"{path}: line 2: invalid JSON (Expecting property name enclosed in double quotes)"]
