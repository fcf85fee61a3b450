"""docs/architecture.md draws the layers as `.importlinter` checks them, line for line."""

from __future__ import annotations

import configparser
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def _contract_layers() -> list[str]:
    config = configparser.ConfigParser()
    config.read(ROOT / ".importlinter")
    lines = config["importlinter:contract:layers"]["layers"].strip().splitlines()
    return [
        " | ".join(m.strip().removeprefix("technopark.") for m in line.split("|")) for line in lines
    ]


def _drawn_layers() -> list[str]:
    text = (ROOT / "docs" / "architecture.md").read_text()
    section = text.split("## The layers, and what enforces them", 1)[1]
    drawing = re.search(r"```\n(.*?)```", section, re.S).group(1)
    return [re.split(r"\s{2,}", line.strip())[0] for line in drawing.splitlines() if line.strip()]


def test_the_drawing_is_the_layers_contract():
    assert _drawn_layers() == _contract_layers()
