from .base import NewsSpider
from .sources import feed, listing


class AfrigatenewsSpider(NewsSpider):
    """بوابة أفريقيا الإخبارية: Drupal 7 (theme `simpl`), Arabic (outlets.md §9). Evidence: the
    Generator meta, `/rss.xml`, `/article/<encoded title>` (2018: `/content/…`, still redirected),
    `/section/ليبيا` with `.section-content .wt a`. Node markup (`.submitted time`, `.field-name-*`)
    is Drupal 7 standard output; moment.js `ar-ly` fills `.js-date` client-side, so the date is
    read from `time[datetime]`, never from that span."""

    name = "afrigatenews"
    outlet_name = "بوابة أفريقيا الإخبارية"
    outlet_name_en = "Afrigate News"
    base_url = "https://www.afrigatenews.net"
    language = "ar"
    cms = "Drupal 7"
    sources = (feed("/rss.xml"), listing("/section/%D9%84%D9%8A%D8%A8%D9%8A%D8%A7", "/"))
    article_url = r"^/(article|content)/[^/]+$"
    title_css = "h1#page-title"
    body_css = (".field-name-body .field-item",)
    date_css = ".node-article .submitted time.date-display-single[datetime]"
    modified_css = ".node-article .submitted time.date-changed[datetime]"
    author_css = ".field-name-field-writer .field-item"
    section_css = ".field-name-field-section .field-item a"
    tags_css = ".field-name-field-tags .field-item a"
    summary_css = ".field-name-field-subtitle .field-item"
    site_names = ("بوابة أفريقيا الإخبارية", "بوابة أفريقيا", "Afrigate News")
