from .base import NewsSpider
from .sources import feed, listing, wp_json

COUNTRIES = "Libya|Egypt|Tunisia|Algeria|Sudan|Chad|Niger|Turkey|Türkiye|Italy|Malta|Greece"


class AddresslibyaSpider(NewsSpider):
    """العنوان / The Libyan Address, English service (outlets.md §16, [PAGE] archives/47464):
    `/archives/<id>` URLs, bodies opening with the dateline "The Address | Benghazi – Libya"
    (stripped, the first sentence kept) and a "Related Articles" block. CMS not found: WordPress
    standard output with "Numeric" permalinks (term archives under `/archives/category/`, hence
    the strict article pattern); REST API first (blocked there), then `/feed/` and `/page/N/`.
    Jannah-like markup (its strings: Related Articles, Show More, Back to top button)."""

    name = "addresslibya"
    outlet_name = "العنوان"
    outlet_name_en = "The Libyan Address"
    base_url = "https://addresslibya.net"
    language = "en"
    cms = "WordPress"
    sources = (wp_json(), feed("/feed/"), listing("/"))
    article_url = r"^/archives/\d+/?$"
    title_css = "h1.post-title.entry-title"
    body_css = ("article#the-post .entry-content",)
    date_css = "#single-post-meta .date"
    author_css = "#single-post-meta .meta-author a.author-name"
    section_css = ".entry-header .post-cat-wrap a.post-cat"
    tags_css = ".post-bottom-tags .tagcloud a[rel=tag]"
    site_names = ("The Libyan Address", "The Address", "Address Libya", "العنوان")
    lead_boilerplate = (rf"The Address\s*\|\s*[A-Z][\w'. -]{{1,30}}?\s*[–—-]\s*(?:{COUNTRIES})",)
