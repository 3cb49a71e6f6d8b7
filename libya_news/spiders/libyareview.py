from .base import NewsSpider
from .sources import feed, listing, sitemap, wp_json


class LibyareviewSpider(NewsSpider):
    """Libya Review: WordPress (outlets.md §5, [PAGE]: `/?p=54118` is the article `/54118/<slug>/`),
    English. Evidence: `/<post-id>/<slug>/` URLs, `/feed/`, `/category/libya/`; bodies open
    "On Wednesday, ..." with no dateline to strip. CMS standard output (no HTML evidence): the
    core REST API first, then the Yoast sitemap, the feed and the category listing; selectors for a
    JNews-like theme back up the Yoast JSON-LD and meta tags."""

    name = "libyareview"
    outlet_name = "ليبيا ريفيو"
    outlet_name_en = "Libya Review"
    base_url = "https://libyareview.com"
    language = "en"
    cms = "WordPress"
    sources = (wp_json(), sitemap(), feed("/feed/"), listing("/category/libya/", "/"))
    article_url = r"^/\d+/[\w-]+/?$"
    title_css = "h1.jeg_post_title"
    body_css = (".entry-content .content-inner",)
    date_css = ".entry-header .jeg_meta_date a"
    author_css = ".entry-header .jeg_meta_author a"
    section_css = ".entry-header .jeg_meta_category a[rel~=category]"
    tags_css = ".jeg_post_tags a[rel=tag]"
    summary_css = "h2.jeg_post_subtitle"
    site_names = ("Libya Review", "ليبيا ريفيو")
