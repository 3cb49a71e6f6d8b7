"""Every outlet spider is declared the same way and has its replica and fixtures."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from scrapy.spiderloader import get_spider_loader
from scrapy.utils.project import get_project_settings

from libya_news.replica.site import Site
from libya_news.spiders.base import NewsSpider
from tests.groundtruth import SITES, expected_articles

FIXTURES = SITES.parent / "fixtures"

LOADER = get_spider_loader(get_project_settings())
OUTLETS = [n for n in LOADER.list() if getattr(LOADER.load(n), "enabled", True)]


@pytest.mark.parametrize("name", OUTLETS)
def test_outlet_declaration(name):
    cls = LOADER.load(name)
    assert issubclass(cls, NewsSpider)
    assert Path(inspect.getfile(cls)).stem == name, "the spider's name is its file name"
    assert cls.base_url.startswith("https://") and cls.language in ("ar", "en") and cls.sources
    assert cls.outlet_name and cls.outlet_name_en and cls.cms
    assert len(Path(inspect.getfile(cls)).read_text("utf-8").splitlines()) <= 45, "keep outlet files small"


# The first four outlets also carry the foundation's hostile cases (no date, no JSON-LD, 12+ articles).
FOUNDATION = {"akhbarlibya24", "alwasat", "libyaobserver", "libyaherald"}


@pytest.mark.parametrize("name", OUTLETS)
def test_outlet_has_a_replica_and_fixtures(name):
    site = Site(SITES / name)
    assert len(expected_articles(name)) >= (12 if name in FOUNDATION else 8)
    hosts = {h.removeprefix("www.") for h in site.hosts}
    assert LOADER.load(name).base_url.split("/")[2].removeprefix("www.") in hosts
    assert len(list((FIXTURES / name).glob("*.json"))) >= (3 if name in FOUNDATION else 2)
    if name in FOUNDATION:
        assert any(not a["jsonld"] for a in site.articles), "at least one article without JSON-LD"
        assert any(a["published"] is None for a in site.articles), "at least one page without any date"


def test_readme_outlets_table_is_up_to_date():
    from libya_news.outlets_table import readme_with_table

    readme = (Path(__file__).parents[1] / "README.md").read_text("utf-8")
    assert readme_with_table(readme) == readme, "run `make outlets` and commit the README"
