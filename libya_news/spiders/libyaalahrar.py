from .base import NewsSpider
from .sources import feed, listing, sitemap


class LibyaalahrarSpider(NewsSpider):
    """ليبيا الأحرار: WordPress (inferred), Arabic AND English on one install (outlets.md §7):
    /%postname%/ URLs without date or id [PAGE], /feed/ with both languages [CFG], /category/news/
    [CFG]. English posts sit in an 'English' category under the Arabic chrome, so each article's
    language comes from its text. Core sitemap and listings are WordPress's standard routes; the
    footer widgets 'More Posts' / 'Send Us A Message' [PAGE] stay out of the body."""

    name = "libyaalahrar"
    outlet_name = "ليبيا الأحرار"
    outlet_name_en = "Libya Al Ahrar"
    base_url = "https://libyaalahrar.net"
    language = "ar"
    languages = ("ar", "en")
    cms = "WordPress"
    sources = (
        sitemap("/wp-sitemap.xml"),
        feed("/feed/"),
        listing("/category/news/", "/category/english/", "/"),
    )
    article_url = r"^/[^/]+/?$"
    exclude_url = r"^/(feed|live|wp-[\w-]+|من-نحن|اتصل-بنا|about-us|contact-us)(/|$)"
    title_css = "h1.jeg_post_title"
    body_css = ("div.entry-content div.content-inner",)
    date_css = ".entry-header .jeg_meta_date a"
    author_css = ".entry-header .jeg_meta_author a"
    section_css = ".entry-header .jeg_meta_category a"
    tags_css = ".jeg_post_tags a[rel=tag]"
    summary_css = "h2.jeg_post_subtitle"
    site_names = ("ليبيا الأحرار", "قناة ليبيا الأحرار", "Libya Al Ahrar", "Libya Alahrar")
