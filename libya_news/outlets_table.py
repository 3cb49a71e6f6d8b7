"""The README's outlets table, generated from the spider classes (a test keeps the README in step)."""

from __future__ import annotations

import re
from pathlib import Path

from scrapy.spiderloader import get_spider_loader
from scrapy.utils.project import get_project_settings

START, END = "<!-- outlets:start -->", "<!-- outlets:end -->"
ROUTE_NAMES = {"wp_json": "wp-json", "sitemap": "sitemap", "feed": "feed", "listing": "listings"}


def outlets_table() -> str:
    loader = get_spider_loader(get_project_settings())
    rows = [
        "| spider | outlet | domain | language | CMS | discovery (in order) |",
        "|---|---|---|---|---|---|",
    ]
    for name in sorted(loader.list()):
        cls = loader.load(name)
        if not getattr(cls, "enabled", True):
            continue
        domain = cls.base_url.split("/")[2].removeprefix("www.")
        languages = " + ".join(getattr(cls, "languages", None) or (cls.language,))
        routes = " → ".join(dict.fromkeys(ROUTE_NAMES[s.kind] for s in cls.sources))
        note = " (aggregator, crawled last)" if getattr(cls, "aggregator", False) else ""
        rows.append(
            f"| `{name}` | {cls.outlet_name} ({cls.outlet_name_en}){note} | {domain} | {languages} "
            f"| {cls.cms} | {routes} |"
        )
    return "\n".join(rows)


def readme_with_table(readme: str) -> str:
    return re.sub(f"{START}.*?{END}", f"{START}\n{outlets_table()}\n{END}", readme, flags=re.DOTALL)


def main() -> None:
    path = Path("README.md")
    path.write_text(readme_with_table(path.read_text("utf-8")), "utf-8")
    print(f"{path}: outlets table regenerated")


if __name__ == "__main__":
    main()
