from .base import NewsSpider
from .sources import feed, listing


class LibyaupdateSpider(NewsSpider):
    """Libya Update: WordPress (inferred), English (outlets.md §13). Evidence: `/feed/` (live),
    `/category/news/`, tag pages `/tag/gnu/page/2/` headed "Browsing: GNU" (listings, never
    articles). The article URL scheme was not found: WordPress standard "postname" permalinks
    `/<slug>/` are assumed, so one-segment static pages are excluded by name. No REST API or
    sitemap evidence: the feed, then the listings. Selectors for a SmartMag-like theme."""

    name = "libyaupdate"
    outlet_name = "ليبيا أبديت"
    outlet_name_en = "Libya Update"
    base_url = "https://libyaupdate.com"
    language = "en"
    cms = "WordPress"
    sources = (feed("/feed/"), listing("/category/news/", "/"))
    article_url = r"^/[\w-]+/?$"
    exclude_url = r"^/(about(-us)?|contact(-us)?|advertise|privacy-policy|terms[\w-]*|feed)/?$"
    title_css = ".the-post-header h1.post-title"
    body_css = (".the-post .post-content.entry-content",)
    date_css = ".the-post-header .meta-below .date time.post-date"
    modified_css = ".the-post-header .date-modified time.post-date"
    author_css = ".the-post-header .post-author a[rel=author]"
    section_css = ".the-post-header .cat-labels a.category"
    tags_css = ".the-post-tags a[rel=tag]"
    summary_css = ".the-post-header .sub-title"
    site_names = ("Libya Update", "ليبيا أبديت")
