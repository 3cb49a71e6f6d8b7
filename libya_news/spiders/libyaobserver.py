from .base import NewsSpider
from .sources import feed, listing


class LibyaobserverSpider(NewsSpider):
    """The Libya Observer: Drupal 7 (inferred), English (outlets.md §3). `/rss.xml` for the newest,
    the front page pager (0-based `?page=N`) for the rest."""

    name = "libyaobserver"
    outlet_name = "ليبيا أوبزرفر"
    outlet_name_en = "The Libya Observer"
    base_url = "https://www.libyaobserver.ly"
    language = "en"
    cms = "Drupal 7"
    sources = (feed("/rss.xml"), listing("/"))
    article_url = r"^/news/[\w-]+/?$"
    title_css = "h1#page-title"
    body_css = (".field-name-body .field-item",)
    date_css = ".submitted .date-display-single"
    author_css = ".field-name-field-writer .field-item"
    section_css = ".field-name-field-section .field-item a"
    tags_css = ".field-name-field-tags .field-item a"
    site_names = ("The Libya Observer", "Libya Observer")
