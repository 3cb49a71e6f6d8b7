"""The Article JSON Schema, shipped inside the package (and so inside the Scrapyd egg)."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any


@cache
def article_schema() -> dict[str, Any]:
    return json.loads(resources.files(__package__).joinpath("article.schema.json").read_text("utf-8"))
