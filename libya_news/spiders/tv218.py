from .base import NewsSpider
from .sources import feed, listing, sitemap, wp_json


class Tv218Spider(NewsSpider):
    """قناة 218: WordPress + Jannah theme behind Cloudflare, Arabic (outlets.md §8).
    Evidence [SRC 2018]: `/feed/`, slug permalinks `/<encoded slug>/`, `/category/<encoded>/`
    listings (`li.post-item` > `h3.post-title`), dates '19 مارس، 2018', Yoast-style meta.
    CMS standard output, not evidenced: REST API (403 behind Cloudflare in the replica), the Yoast
    sitemap, Jannah's single-post markup. Video posts and programme pages are no articles."""

    name = "tv218"
    outlet_name = "قناة 218"
    outlet_name_en = "218 TV"
    base_url = "https://www.218tv.net"
    language = "ar"
    cms = "WordPress"
    sources = (
        wp_json(),
        sitemap(),
        feed("/feed/"),
        listing("/category/سياسة/أخبار-ليبيا/", "/category/اقتصاد/", "/category/رياضة/", "/"),
    )
    article_url = r"^/[^/]+/?$"
    exclude_url = r"^/(live|about-us|contact-us|privacy-policy|feed|wp-json|comments)/?$|\.(xml|php|txt)$"
    title_css = "h1.post-title.entry-title"
    body_css = ("div.entry-content",)
    date_css = "#single-post-meta span.date"
    author_css = "#single-post-meta .meta-author a"
    section_css = ".entry-header .post-cat"
    tags_css = ".post-bottom-tags a[rel=tag]"
    site_names = ("قناة 218", "218TV", "218tv")
