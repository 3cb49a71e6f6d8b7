from .base import NewsSpider
from .sources import feed, listing, sitemap, wp_json


class LibyaheraldSpider(NewsSpider):
    """Libya Herald: WordPress (inferred), English (outlets.md §4): REST API first, then the
    Yoast sitemap, `/feed/` and category listings."""

    name = "libyaherald"
    outlet_name = "ليبيا هيرالد"
    outlet_name_en = "Libya Herald"
    base_url = "https://libyaherald.com"
    language = "en"
    cms = "WordPress"
    sources = (wp_json(), sitemap(), feed("/feed/"), listing("/category/libya/"))
    article_url = r"^/\d{4}/\d{2}/[^/]+/?$"
    title_css = "h1.entry-title"
    body_css = (".td-post-content",)
    date_css = ".td-post-date time.entry-date"
    author_css = ".td-post-author-name a"
    section_css = "ul.td-category li.entry-category a"
    tags_css = "ul.td-tags li a"
    site_names = ("Libya Herald",)
