from .base import NewsSpider
from .sources import feed, listing


class AlwasatSpider(NewsSpider):
    """بوابة الوسط: custom "Chitoi CMS", Arabic, no NewsArticle JSON-LD (outlets.md §2).
    Its feed is unverified, so listings (`?ls-art0=` offsets of 13) back it up."""

    name = "alwasat"
    outlet_name = "بوابة الوسط"
    outlet_name_en = "Al Wasat"
    base_url = "https://alwasat.ly"
    language = "ar"
    cms = "Chitoi CMS"
    sources = (feed("/rss"), listing("/section/all"))
    article_url = r"^/news/[\w-]+/\d+/?$"
    exclude_url = r"^/news/video/"
    title_css = "h1.art-title"
    body_css = ("div.art-content",)
    date_css = "div.art-info time"
    author_css = ".art-author a"
    section_css = "ol.breadcrumb li:nth-child(2) a"
    tags_css = "div.art-tags a[rel=tag]"
    site_names = ("بوابة الوسط", "Alwasat News", "الوسط")
    boilerplate = (
        r"تردد قناتي «الوسط».*",
        r"شاهد في «وسط الخبر».*",
        r".{0,200}\(بوابة الوسط\)",
    )
