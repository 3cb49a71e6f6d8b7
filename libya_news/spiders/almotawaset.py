from .base import NewsSpider
from .sources import feed, listing, sitemap


class AlmotawasetSpider(NewsSpider):
    """صحيفة المتوسط: WordPress + Yoast SEO Premium, Arabic (outlets.md §16; its 2018 homepage
    [SRC]: Jannah-built 'hostnio' theme, /YYYY/MM/DD/<encoded slug>/ URLs, /category/<slug>/,
    /feed/, the glued 'خاص – المتوسط' byline). Yoast's sitemap index and @graph JSON-LD are the
    plugin's standard output; the selectors cover posts whose Yoast schema is switched off."""

    name = "almotawaset"
    outlet_name = "صحيفة المتوسط"
    outlet_name_en = "Almotawaset"
    base_url = "https://almotawaset.com"
    language = "ar"
    cms = "WordPress"
    sources = (sitemap(), feed("/feed/"), listing("/category/ليبيا/", "/"))
    article_url = r"^/\d{4}/\d{2}/\d{2}/[^/]+/?$"
    title_css = "h1.post-title.entry-title"
    body_css = ("#the-post div.entry-content",)
    date_css = ".entry-header .post-meta .date"
    author_css = ".entry-header .meta-author a"
    section_css = ".entry-header a.post-cat"
    tags_css = ".post-bottom-tags a[rel=tag]"
    site_names = ("صحيفة المتوسط", "صحيفة المتوسط الليبية", "Almotawaset")
    lead_boilerplate = (r"(خاص|متابعات)\s*[-–—]\s*(صحيفة\s+)?المتوسط",)
