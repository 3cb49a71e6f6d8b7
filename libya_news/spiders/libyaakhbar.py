from .base import NewsSpider
from .sources import feed, listing, sitemap, wp_json


class LibyaakhbarSpider(NewsSpider):
    """اخبار ليبيا (www.libyaakhbar.com): an AGGREGATOR (outlets.md §15; 2018 homepage [SRC]):
    WordPress 4.9.4, Voice theme, Yoast SEO 6.2 (og:/article: meta, no Article JSON-LD) and the
    wp-automatic plugin re-posting other outlets as /<category>/<id>.html. Routes: the REST API it
    links (closed now), Yoast's sitemap, /feed, the paginated homepage. Copies keep their source's
    footers ('The post … appeared first on …', 'يمكنك ايضا قراءة الخبر في المصدر …', dropped by
    the generic rules) and bylines (dropped here); the WordPress 'author' is the source outlet."""

    name = "libyaakhbar"
    aggregator = True
    outlet_name = "اخبار ليبيا"
    outlet_name_en = "Libya Akhbar"
    base_url = "https://www.libyaakhbar.com"
    language = "ar"
    cms = "WordPress"
    sources = (wp_json(), sitemap(), feed("/feed"), listing("/"))
    article_url = r"^/[\w-]+/\d+\.html$"
    title_css = "article.vce-single h1.entry-title"
    body_css = ("article.vce-single div.entry-content",)
    section_css = "article.vce-single .meta-category a"
    tags_css = "article.vce-single .meta-tags a[rel=tag]"
    site_names = ("اخبار ليبيا", "أخبار ليبيا", "Libya Akhbar")
    boilerplate = (
        r"أخبار ليبيا 24(\s*[-–—]\s*متابعات)?",  # Akhbar Libya 24's byline, carried over
        r"تردد قناتي «الوسط».*",  # Al Wasat's TV footer, carried over
        r"شاهد في «وسط الخبر».*",
    )
    lead_boilerplate = (r"(خاص|متابعات)\s*[-–—]\s*(صحيفة\s+)?المتوسط",)  # Almotawaset's byline
