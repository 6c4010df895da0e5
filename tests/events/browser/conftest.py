"""The browser fixtures of tests/browser (Debian's Chromium, offline), reused for the timeline."""

import importlib.util
from pathlib import Path

_spec = importlib.util.spec_from_file_location(
    "kg_browser_fixtures", Path(__file__).resolve().parents[2] / "browser" / "conftest.py")
_fixtures = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_fixtures)

browser = _fixtures.browser
page = _fixtures.page
open_graph = _fixtures.open_graph
pytest_runtest_makereport = _fixtures.pytest_runtest_makereport
ARTIFACTS = _fixtures.ARTIFACTS
