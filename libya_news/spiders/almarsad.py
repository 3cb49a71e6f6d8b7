from .base import NewsSpider
from .sources import feed, listing, sitemap, wp_json


class AlmarsadSpider(NewsSpider):
    """المرصد (almarsad.co): WordPress (inferred), Arabic (outlets.md §6). Evidence: date permalinks
    `/YYYY/MM/DD/<encoded slug>/` [CFG], `/feed/` [CFG], the `/category/محلي/` listing with
    `.cb-post-title` [SCR] (Codetipi's Valenti/15Zine theme family). CMS standard output, not
    evidenced: REST API and sitemap (tried, none answer in the replica), Yoast meta, the theme's
    `.cb-byline` (author, `time[datetime]`, category) and `section.cb-entry-content`."""

    name = "almarsad"
    outlet_name = "المرصد"
    outlet_name_en = "Al Marsad"
    base_url = "https://almarsad.co"
    language = "ar"
    cms = "WordPress"
    sources = (wp_json(), sitemap(), feed("/feed/"), listing("/category/محلي/", "/"))
    article_url = r"^/\d{4}/\d{2}/\d{2}/[^/]+/?$"
    title_css = "h1.cb-entry-title"
    body_css = ("section.cb-entry-content",)
    date_css = ".cb-entry-header .cb-date time"
    author_css = ".cb-entry-header .cb-author a"
    section_css = ".cb-entry-header .cb-category a"
    tags_css = ".cb-tags a[rel=tag]"
    site_names = ("صحيفة المرصد", "المرصد", "Al Marsad")
