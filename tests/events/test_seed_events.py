"""The seeds' events: the Moscow talks of 5 March 2020 are one event reported by three
articles; the planned Sochi talks, Putin's visit to Türkiye and the Sochi meeting of
October 2019 are three other events, each with its status."""

import json
from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def events(seeds_out):
    return json.loads((seeds_out / "graph.json").read_text(encoding="utf-8"))["graph"]["events"]


def _with(events, *, type_family, participants, place=None):
    return [e for e in events if e["type"] in type_family
            and set(participants) <= {p["id"] for p in e["participants"]}
            and (place is None or (e["place"] or {}).get("id") == place)]


SUMMIT = {"meet", "visit", "discuss"}
LEADERS = ("recep-tayyip-erdogan", "vladimir-putin")


def test_moscow_talks_are_one_event_of_three_articles(events):
    moscow = _with(events, type_family=SUMMIT, participants=LEADERS, place="moscow")
    assert len(moscow) == 1
    talks = moscow[0]
    assert talks["date"] == "2020-03-05"
    assert [r["article"][:3] for r in talks["reports"]] == ["000", "001", "003"]
    assert talks["status"] == "planned"
    assert not talks["conflict"]
    # the visit announced in 003 ("will visit Russia on Thursday") is part of it
    assert any(m["article"].startswith("003") and m["trigger"] == "visit" for m in talks["mentions"])


def test_other_meetings_stay_apart_with_their_status(events):
    sochi = _with(events, type_family=SUMMIT, participants=LEADERS, place="sochi")
    by_date = {e["date"]: e for e in sochi}
    assert by_date["2019-10"]["status"] == "happened"  # "agreed at a meeting in ... Sochi in October 2019"
    assert [r["article"][:3] for r in by_date["2019-10"]["reports"]] == ["001"]
    planned = [e for e in sochi if e["status"] == "planned"]
    assert [[r["article"][:3] for r in e["reports"]] for e in planned] == [["002"]]
    moscow_ids = {e["id"] for e in _with(events, type_family=SUMMIT, participants=LEADERS, place="moscow")}
    assert not moscow_ids & {e["id"] for e in sochi}


def test_putins_visit_to_turkiye_is_its_own_planned_event(events):
    visits = [e for e in events if e["type"] == "visit"
              and [p["id"] for p in e["participants"]] == ["vladimir-putin"]]
    assert len(visits) == 1
    visit = visits[0]
    assert visit["place"]["id"] == "turkey"
    assert visit["status"] == "planned"
    assert {m["status"] for m in visit["mentions"]} >= {"planned", "hypothetical"}  # "might visit"


def test_events_tsv_rows_point_at_their_triggers(seeds_out, events):
    from kg.read import read_articles

    texts = {a.id: a.text for a in read_articles([Path(__file__).resolve().parents[2] / "seeds"])}
    lines = (seeds_out / "events.tsv").read_text(encoding="utf-8").splitlines()
    assert lines[0] == "article\tstart\tend\ttrigger\tevent"
    ids = {e["id"] for e in events}
    for line in lines[1:]:
        article, start, end, trigger, event = line.split("\t")
        assert texts[article][int(start):int(end)] == trigger
        assert event in ids
    assert len(lines) - 1 == sum(len(e["mentions"]) for e in events)
