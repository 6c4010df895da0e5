"""Event resolution on small real-text stories: same participants on other dates stay apart,
planned and happened reports join, denials conflict, sources come from the urls."""

import pytest

import kg
from kg.types import Article


def _article(id_, date, text, url=None):
    return Article(id=id_, text=text, date=date, url=url)


@pytest.fixture(scope="module")
def story():
    return kg.build([
        _article("before", "2022-09-05", "Italian Prime Minister Marco Bellini will meet Spanish "
                 "Prime Minister Lucia Ortega in Madrid on Thursday, his office said.",
                 "https://www.romatimes.example/a"),
        _article("after", "2022-09-09", "Marco Bellini met Lucia Ortega in Madrid on Thursday "
                 "and the two leaders discussed energy prices.", "https://iberianews.example/b"),
        _article("later", "2022-11-20", "Marco Bellini met Lucia Ortega in Rome on Saturday for a "
                 "second round of talks.", "https://www.romatimes.example/c"),
        _article("denial", "2022-09-10", "Lucia Ortega denied that she met Marco Bellini in "
                 "Madrid on Thursday.", "https://madridpost.example/d"),
    ], jobs=1)


def _meetings(g):
    return [e for e in g.events(participant="Marco Bellini") if e["type"] in ("meet", "discuss")]


def test_planned_and_happened_reports_are_one_event(story):
    madrid = [e for e in _meetings(story) if (e["place"] or {}).get("label") == "Madrid"]
    assert len(madrid) == 1
    event = madrid[0]
    assert event["date"] == "2022-09-08"
    assert {"before", "after"} <= {r["article"] for r in event["reports"]}
    assert event["status"] == "happened"
    assert event["first_report"] == "2022-09-05"


def test_same_leaders_on_another_date_and_place_are_another_event(story):
    rome = [e for e in _meetings(story) if (e["place"] or {}).get("label") == "Rome"]
    assert len(rome) == 1
    assert [r["article"] for r in rome[0]["reports"]] == ["later"]


def test_a_denial_conflicts_with_a_happened_report(story):
    madrid = [e for e in _meetings(story) if (e["place"] or {}).get("label") == "Madrid"][0]
    statuses = {r["article"]: r["status"] for r in madrid["reports"]}
    assert statuses.get("denial") == "denied"
    assert madrid["conflict"]


def test_sources_are_url_domains_without_www(story):
    madrid = [e for e in _meetings(story) if (e["place"] or {}).get("label") == "Madrid"][0]
    assert {"romatimes.example", "iberianews.example"} <= set(madrid["sources"])


def test_every_join_has_a_reason(story):
    for event in story.events():
        assert len(event["reasons"]) == len(event["mentions"]) - 1
        for reason in event["reasons"]:
            assert reason["rule"] in ("same-event", "same-story")
            assert ("shared participants" in reason["detail"]) == (reason["rule"] == "same-event")


def test_jsonl_source_names_the_outlet(tmp_path):
    import json

    lines = [{"id": "r1", "date": "2021-05-03", "source": "Reuters", "url": "https://www.example.com/1",
              "text": "Chancellor Erik Lund will visit Oslo on Friday, his office said."},
             {"id": "r2", "date": "2021-05-08", "source": "AFP",
              "text": "Chancellor Erik Lund visited Oslo on Friday."}]
    path = tmp_path / "wire.jsonl"
    path.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    g = kg.build([path], jobs=1)
    visits = [e for e in g.events(participant="Erik Lund") if e["type"] == "visit"]
    assert len(visits) == 1
    assert visits[0]["sources"] == ["AFP", "Reuters"]
    assert visits[0]["date"] == "2021-05-07"
