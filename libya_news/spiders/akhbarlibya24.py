from .base import NewsSpider
from .sources import listing, sitemap, wp_json


class Akhbarlibya24Spider(NewsSpider):
    """أخبار ليبيا 24: WordPress (inferred), Arabic. outlets.md §1: no feed found, bot protection
    (its REST API answers 403); date permalinks with upper-case percent-encoded Arabic slugs."""

    name = "akhbarlibya24"
    outlet_name = "أخبار ليبيا 24"
    outlet_name_en = "Akhbar Libya 24"
    base_url = "https://akhbarlibya24.net"
    language = "ar"
    cms = "WordPress"
    sources = (wp_json(), sitemap("/wp-sitemap.xml"), listing("/category/libya-news/", "/"))
    article_url = r"^/\d{4}/\d{2}/\d{2}/[^/]+/?$"
    title_css = "h1.entry-title"
    body_css = ("div.entry-content",)
    date_css = "time.entry-date"
    author_css = ".meta-author a"
    section_css = ".entry-header .post-cat"
    tags_css = ".post-bottom-tags a[rel=tag]"
    site_names = ("أخبار ليبيا 24", "Akhbar Libya 24")
    lead_boilerplate = (r"أخبار ليبيا 24(\s*[-–—]\s*متابعات)?",)
