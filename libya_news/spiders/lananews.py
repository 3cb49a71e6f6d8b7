from .base import NewsSpider
from .sources import feed, listing, sitemap, wp_json


class LananewsSpider(NewsSpider):
    """الأنباء الليبية (lananews.com, Benghazi): WordPress, Arabic (outlets.md §11b). Evidence:
    `/ar/?p=<id>` URLs and the dateline `بنغازي 4 نوفمبر 2024 (الأنباء الليبية)-`, which opens the
    body and stays in it (it is content; its date is not the publication date). The rest is
    WordPress standard output, not evidence: REST API, Yoast sitemap and JSON-LD, `/feed/`,
    `/category/<slug>/`, `/ar/<id>/` permalinks and a JNews-like theme."""

    name = "lananews"
    outlet_name = "الأنباء الليبية"
    outlet_name_en = "Libyan News Agency (LANA, Benghazi)"
    base_url = "https://lananews.com"
    language = "ar"
    cms = "WordPress"
    sources = (wp_json(), sitemap(), feed("/feed/"), listing("/category/politics/", "/"))
    article_url = r"^/ar/\d+/?$"
    title_css = "h1.jeg_post_title"
    body_css = (".entry-content .content-inner",)
    date_css = ".entry-header .jeg_meta_date"
    author_css = ".entry-header .jeg_meta_author a"
    section_css = ".entry-header .jeg_meta_category a"
    tags_css = ".jeg_post_tags a[rel=tag]"
    site_names = ("الأنباء الليبية", "وكالة الأنباء الليبية", "Libyan News Agency")
