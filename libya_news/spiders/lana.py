from .base import NewsSpider
from .sources import listing


class LanaSpider(NewsSpider):
    """وكالة الأنباء الليبية (وال), lana.gov.ly: custom PHP, Arabic and English (outlets.md §11a).
    Evidence: `post.php?lang=..&id=N` articles and `category.php?id=8&lang=en&page=N` listings
    (1-based; no feed or sitemap verified), the `Pulbished on:` label. Datelines in the body
    (`Tripoli, 31 January 2106(Lana) -`) are content, not dates: the date is the page's own
    (JSON-LD where present, else the visible `.post-date`). Each page's language is detected
    from its text, so English posts come out as "en"."""

    name = "lana"
    outlet_name = "وكالة الأنباء الليبية"
    outlet_name_en = "Libyan News Agency (LANA)"
    base_url = "https://lana.gov.ly"
    language = "ar"
    languages = ("ar", "en")
    cms = "custom PHP"
    sources = (
        listing(
            "/category.php?id=2&lang=ar",
            "/category.php?id=1&lang=ar",
            "/category.php?id=3&lang=ar",
            "/category.php?id=8&lang=en",
            "/category.php?id=9&lang=en",
        ),
    )
    article_url = r"^/post\.php$"
    title_css = "h1.post-title"
    body_css = (".post-body",)
    date_css = ".post-meta .post-date"
    section_css = ".post-meta .post-cat a"
    site_names = ("وكالة الأنباء الليبية", "Libyan News Agency", "Lana News", "وال")
