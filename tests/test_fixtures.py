"""Every stored page gives exactly its reviewed article (Fundus-style). A failure names the field.

Regenerate after a deliberate change with `scrapy savefixture --rerun [<outlet>]` and review the diff.
"""

from __future__ import annotations

import pytest
from scrapy.spiderloader import get_spider_loader
from scrapy.utils.project import get_project_settings

from libya_news.fixtures import derive, fixture_paths, load_fixture

LOADER = get_spider_loader(get_project_settings())
FIXTURES = fixture_paths()


@pytest.mark.parametrize("path", FIXTURES, ids=[f"{p.parent.name}/{p.stem}" for p in FIXTURES])
def test_fixture(path):
    meta, body = load_fixture(path)
    got = derive(LOADER.load(path.parent.name), meta, body)
    want = meta["expected"]
    assert sorted(got) == sorted(want), "different fields"
    for field, value in want.items():
        assert got[field] == value, f"{path.parent.name}/{path.stem}: field {field!r} differs"


@pytest.mark.parametrize("path", FIXTURES, ids=[f"{p.parent.name}/{p.stem}" for p in FIXTURES])
def test_expected_articles_have_their_required_fields(path):
    """An expected article (not a dropped page or a non-article) names every required field."""
    expected = load_fixture(path)[0]["expected"]
    if "dropped" in expected or "not_an_article" in expected:
        return
    for field in ("id", "url", "outlet", "language", "title", "body", "published_at", "content_hash"):
        assert expected.get(field), f"{path.parent.name}/{path.stem}: {field} is empty"
    assert expected["outlet"] == path.parent.name
