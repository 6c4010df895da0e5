"""The event layer's outputs on the seeds: kg events, kg explain for an event, g.events, RDF."""

import json

from click.testing import CliRunner

import kg
from kg.cli import cli


def _moscow(events):
    return next(e for e in events if (e["place"] or {}).get("id") == "moscow" and e["type"] == "meet")


def test_kg_events_lists_putins_events_chronologically(seeds_out):
    result = CliRunner().invoke(cli, ["events", str(seeds_out), "--participant", "Putin", "--format", "json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and all(any(p["id"] == "vladimir-putin" for p in e["participants"]) for e in rows)
    dated = [e["date_range"][0] for e in rows if e["date_range"][0]]
    assert dated == sorted(dated)
    table = CliRunner().invoke(cli, ["events", str(seeds_out), "--participant", "Putin"])
    assert "Moscow, 2020-03-05" in table.output


def test_kg_explain_shows_why_an_events_mentions_joined(seeds_out):
    event = _moscow(kg.load(seeds_out).events())
    result = CliRunner().invoke(cli, ["explain", str(seeds_out), event["id"]])
    assert result.exit_code == 0, result.output
    assert "joined because:" in result.output and "a visit and the talks held during it" in result.output
    missing = CliRunner().invoke(cli, ["explain", str(seeds_out), "event-nothing-like-this"])
    assert missing.exit_code != 0 and "no event" in missing.output


def test_library_filters_by_type_and_dates(seeds_graph):
    meetings = seeds_graph.events(participant="Erdogan", type="meet", since="2020-03", until="2020-03-31")
    assert [e["date"] for e in meetings] == ["2020-03-05"]
    assert seeds_graph.events(participant="Erdogan", since="2030") == []


def test_sparql_finds_the_moscow_talks_with_their_reports(seeds_graph):
    result = seeds_graph.query("""
        SELECT ?e (COUNT(DISTINCT ?article) AS ?reports) WHERE {
          ?e a sem:Event ; sem:hasPlace ent:moscow ; sem:hasActor ent:vladimir-putin ;
             sem:hasTimeStamp "2020-03-05"^^xsd:date ; prov:wasDerivedFrom ?article ;
             kge:status "planned" .
        } GROUP BY ?e""")
    assert [int(row[1]) for row in result.rows] == [3]


def test_readme_events_query_counts_three_reports_for_the_moscow_talks(seeds_graph):
    import re
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    sparql = re.search(r"<!-- query: events -->.*?```sparql\n(.*?)```", readme, re.S).group(1)
    rows = seeds_graph.query(sparql).rows
    moscow = [r for r in rows if str(r[1]) == "2020-03-05"]
    assert [(str(r[2]), int(r[3])) for r in moscow] == [("planned", 3)]
