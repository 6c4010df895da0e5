"""Repository-root conftest: what kg/'s doctests need to run for real.

Model-dependent doctests get ``nlp``. The library's examples (``kg`` and ``kg.graph``) run in
a folder holding ``seeds/`` and their build ``out/``, with ``g`` the graph loaded from it,
fresh for each docstring (examples add, remove and save).
"""

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
_LIBRARY_DOCTESTS = ("kg.graph", "kg.__init__")


@pytest.fixture(scope="session")
def _doctest_folder(tmp_path_factory) -> Path:
    import kg

    folder = tmp_path_factory.mktemp("doctests")
    (folder / "seeds").symlink_to(ROOT / "seeds")
    kg.build([folder / "seeds"], jobs=1).save(folder / "out")
    return folder


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
