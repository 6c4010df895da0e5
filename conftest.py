"""Repository-root conftest: what kg/'s doctests need to run for real.

Model-dependent doctests get ``nlp``. The library's examples (``kg``, ``kg.graph``, and those
of the modules that read a built ``out/``: the store, exports, the extractor preview) run in a
folder holding ``seeds/`` and their build ``out/``, with ``g`` the graph loaded from it, fresh
for each docstring (examples add, remove and save). Examples that talk to a SPARQL server
(``kg.push``, ``kg.store.query_endpoint``) get ``endpoint``, the base URL of an in-memory
Oxigraph server started once for the session.
"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
_LIBRARY_DOCTESTS = ("kg.graph", "kg.__init__", "kg.store", "kg.export.formats", "kg.export.tables",
                     "kg.extract.show", "kg.push", "kg.upstreams")
_SERVER_DOCTESTS = ("kg.push", "kg.store.query_endpoint")


@pytest.fixture(scope="session")
def _doctest_folder(tmp_path_factory) -> Path:
    import kg

    folder = tmp_path_factory.mktemp("doctests")
    (folder / "seeds").symlink_to(ROOT / "seeds")
    kg.build([folder / "seeds"], jobs=1).save(folder / "out")
    return folder


@pytest.fixture(scope="session")
def _doctest_endpoint():
    """``http://127.0.0.1:PORT`` of a read-write, in-memory Oxigraph server."""
    import subprocess

    from kg.store import oxigraph_binary
    from kg.upstreams import Server, free_port

    port = free_port()
    server = Server([oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}"], port)
    try:
        server.wait_until_listening()
        yield f"http://127.0.0.1:{port}"
    finally:
        server.stop()
        try:
            server.child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.child.kill()


@pytest.fixture(autouse=True)
def _doctest_namespace(request, doctest_namespace):
    if request.node.__class__.__name__ != "DoctestItem":
        return
    from kg.parse import load_nlp

    doctest_namespace["nlp"] = load_nlp()
    if request.node.name.startswith(_LIBRARY_DOCTESTS) or request.node.name == "kg":
        import kg

        folder = request.getfixturevalue("_doctest_folder")
        request.getfixturevalue("monkeypatch").chdir(folder)
        doctest_namespace["g"] = kg.load(folder / "out")
    if request.node.name.startswith(_SERVER_DOCTESTS):
        doctest_namespace["endpoint"] = request.getfixturevalue("_doctest_endpoint")
