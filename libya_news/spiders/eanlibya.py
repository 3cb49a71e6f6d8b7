from .base import NewsSpider
from .sources import feed, listing, sitemap, wp_json


class EanlibyaSpider(NewsSpider):
    """عين ليبيا: WordPress with the custom theme `eanlibya` and Yoast, Arabic (outlets.md §10).
    Evidence: `/wp-json/` advertised and `/feed` [SRC 2018]; sections are top-level paths
    (`/local-news/page/N`), body `div.entry > p`, date `li.ndate` ('14 فبراير 2018 - 15:05') and
    the byline 'عين ليبيا' glued to the first word [SCR]; slug permalinks (later scheme).
    CMS standard output, not evidenced: the Yoast sitemap index and NewsArticle JSON-LD.
    `/exchangerate` and the other WordPress pages are no articles."""

    name = "eanlibya"
    outlet_name = "عين ليبيا"
    outlet_name_en = "Ean Libya"
    base_url = "https://www.eanlibya.com"
    language = "ar"
    cms = "WordPress"
    sources = (
        wp_json(),
        sitemap(),
        feed("/feed"),
        listing("/local-news", "/news", "/economy", "/sport", "/"),
    )
    article_url = r"^/[^/]+/?$"
    exclude_url = (
        r"^/(news|local-news|economy|sport|sciences|ealth|culture|visitors|varieties|community|videos|"
        r"exchangerate|about|contact|send-article|advertise|pollsarchive|feed|wp-json)/?$|\.(xml|php|txt)$"
    )
    title_css = "h1.post-title"
    body_css = ("div.entry",)
    date_css = "ul.info-meta li.ndate"
    author_css = "ul.info-meta li.nauthor a"
    section_css = "ul.info-meta li.ncat a"
    tags_css = "div.post-tags a[rel=tag]"
    site_names = ("عين ليبيا | آخر أخبار ليبيا", "عين ليبيا", "Ean Libya")
    lead_boilerplate = (r"عين ليبيا",)
