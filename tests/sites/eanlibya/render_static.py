"""Render Ean Libya's static pages from this replica's own templates and articles: the top-level
section listings /<section> and /<section>/page/N (the shared wordpress replica only routes
/category/<slug>/) and the non-article pages /exchangerate and /about.

    .venv/bin/python tests/sites/eanlibya/render_static.py     # after any change to articles.json
"""

import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT.parents[2]))
from libya_news.replica.site import Site  # noqa: E402

site = Site(ROOT, host="www.eanlibya.com")
static = ROOT / "static"
PER_PAGE = int(site.features.get("per_page", 10))

def write(rel: str, html: str):
    target = static / rel.strip("/") / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, "utf-8")

for s in site.config["sections"]:
    slug, base = s["slug"], s["path"].rstrip("/")
    d = static / base.strip("/")
    if d.exists():
        shutil.rmtree(d)
    items = [a for a in site.articles if a.get("section") == slug]
    pages = max(1, -(-len(items) // PER_PAGE))
    for page in range(1, pages + 1):
        resp = site.listing(slug, items, page, PER_PAGE,
                            lambda n, base=base: f"{base}/page/{n}" if n > 1 else base, kind="category")
        write(base if page == 1 else f"{base}/page/{page}", resp.body.decode())

rates = [("الدولار الأمريكي", "USD", "5.42", "7.85", "7.90"), ("اليورو", "EUR", "5.86", "8.41", "8.46"),
         ("الجنيه الإسترليني", "GBP", "6.87", "9.88", "9.95"), ("الدينار التونسي", "TND", "1.74", "2.38", "2.40"),
         ("الجنيه المصري", "EGP", "0.11", "0.16", "0.16"), ("الليرة التركية", "TRY", "0.16", "0.23", "0.23")]
rows = "\n".join(f'<tr class="row-{i + 2}"><td class="column-1">{n}</td><td class="column-2">{c}</td>'
                 f'<td class="column-3">{o}</td><td class="column-4">{b}</td><td class="column-5">{s}</td></tr>'
                 for i, (n, c, o, b, s) in enumerate(rates))
table = ('<p>أسعار صرف العملات الأجنبية مقابل الدينار الليبي في السوق الرسمية والسوق الموازية، '
         'محدثة يومياً بتوقيت طرابلس.</p>\n'
         '<table id="tablepress-3" class="tablepress tablepress-id-3"><thead><tr class="row-1">'
         '<th class="column-1">العملة</th><th class="column-2">الرمز</th><th class="column-3">السعر الرسمي</th>'
         '<th class="column-4">السوق الموازية (شراء)</th><th class="column-5">السوق الموازية (بيع)</th></tr></thead>'
         f'<tbody class="row-hover">\n{rows}\n</tbody></table>\n'
         '<p class="rates-updated">آخر تحديث: الأحد، 29 نوفمبر 2026 | 11:00 طرابلس</p>')
write("/exchangerate", site.render("page.html", page_title="أسعار العملات", page_path="/exchangerate",
      page_template="exchangerate", page_id=26540, latest=site.dated[:6],
      page_description="أسعار صرف الدولار واليورو والعملات الأجنبية مقابل الدينار الليبي في السوق الرسمية والموازية.",
      page_body=table))
about = ('<p>«عين ليبيا» صحيفة إلكترونية ليبية مستقلة انطلقت عام 2012، تهتم بنقل الأخبار المحلية والعربية '
         'والدولية، وتفتح صفحاتها لأقلام الكتّاب الليبيين في قسم «أقلام وآراء».</p>\n'
         '<p>للتواصل مع هيئة التحرير يرجى استخدام صفحة «اتصل بنا».</p>')
write("/about", site.render("page.html", page_title="من نحن", page_path="/about", page_template="default",
      page_id=26529, latest=site.dated[:6], page_description="تعرف على صحيفة عين ليبيا الإلكترونية.",
      page_body=about))
print(sorted(str(p.relative_to(static)) for p in static.rglob("*.html")))
