from .base import NewsSpider
from .sources import feed, listing, sitemap

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


class LibyanexpressSpider(NewsSpider):
    """Libyan Express: WordPress (inferred), English (outlets.md §16). Evidence: `/<slug>/` URLs on
    www.libyanexpress.com, the "How to submit an Op-Ed: ..." footer followed by the author's latest
    posts ("<title> - November 05, 2023") after the body, a cookie banner. Not found, so WordPress
    standard output: the core sitemap (robots.txt), `/feed/`, `/page/N/`; selectors for a
    Publisher-like theme. The Op-Ed footer and cookie text are generic boilerplate already."""

    name = "libyanexpress"
    outlet_name = "ليبيان إكسبرس"
    outlet_name_en = "Libyan Express"
    base_url = "https://www.libyanexpress.com"
    language = "en"
    cms = "WordPress"
    sources = (sitemap(), feed("/feed/"), listing("/"))
    article_url = r"^/[\w-]+/?$"
    exclude_url = r"^/(about-us|contact-us|submit-op-ed|privacy-policy|advertise|feed)/?$"
    title_css = "h1.single-post-title .post-title"
    body_css = ("article .entry-content.single-post-content",)
    date_css = ".single-post-meta time.post-published"
    author_css = ".single-post-meta .post-author-name b"
    section_css = ".post-header .term-badges .term-badge a"
    tags_css = ".entry-terms.post-tags a[rel=tag]"
    summary_css = ".post-header h2.post-subtitle"
    site_names = ("Libyan Express", "ليبيان إكسبرس")
    boilerplate = (rf".{{5,300}} - ({MONTHS}) \d{{1,2}}, \d{{4}}",)
