"""The documents of the format and the figures say what the program does (no drift)."""

from __future__ import annotations

import importlib.util

from django.conf import settings


def _tool():
    path = settings.PROJECT_DIR / "tools" / "write_docs.py"
    spec = importlib.util.spec_from_file_location("write_docs", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_documents_are_written_from_the_code():
    tool = _tool()
    for path in tool.DOCS:
        current, wanted = tool.rendered(path)
        assert current == wanted, f"{path} is out of date: run tools/write_docs.py"


def test_every_table_column_and_figure_is_documented():
    from technopark.impact.definitions import FIGURES
    from technopark.interchange.tables import TABLES

    interchange = (settings.PROJECT_DIR / "docs" / "interchange.md").read_text()
    figures = (settings.PROJECT_DIR / "docs" / "figures.md").read_text()
    for table in TABLES:
        assert f"### `{table.name}`" in interchange
        for column in table.columns:
            assert f"| `{column.name}` |" in interchange
    for figure in FIGURES:
        assert f"`{figure.key}`" in figures
