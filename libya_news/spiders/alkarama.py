from .base import NewsSpider
from .sources import feed, listing, sitemap, wp_json


class AlkaramaSpider(NewsSpider):
    """الكرامة (al-karama.media): WordPress (inferred), Arabic (outlets.md §12). Evidence [PAGE]:
    listings `/category/news-ar/page/N` and Arabic-slug categories, 'Post image' alt text, الإثنين
    with hamza. Not found there, so CMS standard output: 'Post name' permalinks `/<encoded slug>/`,
    REST API (401 in the replica), core `/wp-sitemap.xml`, `/feed/`, and a JNews-like theme with
    its own NewsArticle JSON-LD; the visible date reads 'الإثنين، 23 نوفمبر 2026 - 10:50'."""

    name = "alkarama"
    outlet_name = "الكرامة"
    outlet_name_en = "Al-Karama Media"
    base_url = "https://al-karama.media"
    language = "ar"
    cms = "WordPress"
    sources = (wp_json(), sitemap(), feed("/feed/"), listing("/category/news-ar/", "/"))
    article_url = r"^/[^/]+/?$"
    exclude_url = r"^/(feed|wp-json|من-نحن|اتصل-بنا)/?$|\.(xml|php|txt)$"
    title_css = "h1.jeg_post_title"
    body_css = ("div.content-inner",)
    date_css = ".entry-header .jeg_meta_date a"
    author_css = ".entry-header .jeg_meta_author a"
    section_css = ".entry-header .jeg_meta_category a"
    tags_css = ".jeg_post_tags a[rel=tag]"
    site_names = ("الكرامة", "Al-Karama Media", "Al-Karama")
