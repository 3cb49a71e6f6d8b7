from .base import NewsSpider
from .sources import feed, listing, sitemap


class Libya24Spider(NewsSpider):
    """ليبيا 24 (Libya 24 TV): WordPress, Arabic. outlets.md §16: /YYYY/MM/DD/<post id>/ article
    URLs and the /category/news listing [CFG/SCR]; §15: its feed ends with Yoast's 'appeared first
    on Libya 24 – ليبيا 24' footer, so Yoast SEO is inferred and the rest is that plugin's standard
    output (sitemap index in robots.txt, @graph JSON-LD). The selectors cover posts without a Yoast
    head; the channel itself ('ليبيا 24') is sometimes the WordPress author and is no person."""

    name = "libya24"
    outlet_name = "ليبيا 24"
    outlet_name_en = "Libya 24"
    base_url = "https://libya24.tv"
    language = "ar"
    cms = "WordPress"
    sources = (sitemap(), feed("/feed/"), listing("/category/news/", "/"))
    article_url = r"^/\d{4}/\d{2}/\d{2}/\d+/?$"
    title_css = "h1.single-article__title"
    body_css = ("div.single-article__content",)
    date_css = "time.single-article__date"
    author_css = ".single-article__author a"
    section_css = "a.single-article__cat"
    tags_css = ".single-article__tags a[rel=tag]"
    summary_css = "p.single-article__excerpt"
    image_css = "figure.single-article__thumb img"
    site_names = ("Libya 24 – ليبيا 24", "قناة ليبيا 24", "ليبيا 24", "Libya 24")
