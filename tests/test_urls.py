import pytest

from libya_news.extract.urls import canonical_url, url_id

AL24 = "https://akhbarlibya24.net/2024/04/01/%D8%A7%D9%84%D8%AF%D9%88%D9%84%D8%A7%D8%B1"


@pytest.mark.parametrize(
    ("variant", "canonical"),
    [
        (AL24 + "/", AL24),
        (AL24.replace("%D8", "%d8").replace("%D9", "%d9"), AL24),
        ("http://www.akhbarlibya24.net/2024/04/01/الدولار/", AL24),
        (AL24 + "/amp/", AL24),
        (AL24 + "/?amp=1&noamp=mobile", AL24),
        (AL24 + "?utm_source=facebook&utm_medium=social&fbclid=abc", AL24),
        (
            "http://www.libyaherald.com/2014/03/23/ahly-benghazi/#axzz2wwOJBuRT",
            "https://libyaherald.com/2014/03/23/ahly-benghazi",
        ),
        (
            "https://www.libyaobserver.ly/archive/201611?qt-libya_weather=0",
            "https://libyaobserver.ly/archive/201611",
        ),
        ("https://lana.gov.ly/post.php?lang=ar&id=241388", "https://lana.gov.ly/post.php?id=241388&lang=ar"),
        ("HTTPS://WWW.ALWASAT.LY/news/libya/218727", "https://alwasat.ly/news/libya/218727"),
        ("https://alwasat.ly/", "https://alwasat.ly/"),
        ("http://127.0.0.1:8765/2026/11/a-b-c/", "http://127.0.0.1:8765/2026/11/a-b-c"),
        # outlets.md's own examples, one variant per pitfall it names
        (
            "https://almarsad.co/2022/05/02/%d8%a7%d9%84%d8%b9%d9%85%d9%84%d9%8a%d8%a9/",
            "https://almarsad.co/2022/05/02/%D8%A7%D9%84%D8%B9%D9%85%D9%84%D9%8A%D8%A9",
        ),
        (
            "https://almarsad.co/2022/05/02/%D8%A7%D9%84%D8%B9%D9%85%D9%84%D9%8A%D8%A9",
            "https://almarsad.co/2022/05/02/%D8%A7%D9%84%D8%B9%D9%85%D9%84%D9%8A%D8%A9",
        ),
        (
            "https://www.218tv.net/%d8%b1%d9%8a%d8%a7%d8%b6%d8%a9/",
            "https://218tv.net/%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9",
        ),
        (
            "https://218tv.net/%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9",
            "https://218tv.net/%D8%B1%D9%8A%D8%A7%D8%B6%D8%A9",
        ),
        (
            "http://www.afrigatenews.net/content/%D9%84%D9%8A%D8%A8%D9%8A%D8%A7",
            "https://afrigatenews.net/content/%D9%84%D9%8A%D8%A8%D9%8A%D8%A7",
        ),
        (
            "https://afrigatenews.net/article/ليبيا",
            "https://afrigatenews.net/article/%D9%84%D9%8A%D8%A8%D9%8A%D8%A7",
        ),
        ("https://www.eanlibya.com/archives/158661", "https://eanlibya.com/archives/158661"),
        (
            "http://www.eanlibya.com/archives/158661/?utm_source=twitter",
            "https://eanlibya.com/archives/158661",
        ),
        (
            "https://libyareview.com/54118/egypt-expands-presence-in-libyas-400-billion-reconstruction-market/",
            "https://libyareview.com/54118/egypt-expands-presence-in-libyas-400-billion-reconstruction-market",
        ),
        ("https://libyareview.com/?p=54118", "https://libyareview.com/?p=54118"),
        ("https://libyareview.com/?p=54118&utm_campaign=x&fbclid=IwAR0", "https://libyareview.com/?p=54118"),
        (
            "https://www.libyaobserver.ly/news/dbeibah-80-libyan-institutions-have-been-unified",
            "https://libyaobserver.ly/news/dbeibah-80-libyan-institutions-have-been-unified",
        ),
        (
            "https://libyaobserver.ly/news/libyan-pm-says-gnus-stance-elections-immutable#comments",
            "https://libyaobserver.ly/news/libyan-pm-says-gnus-stance-elections-immutable",
        ),
        (
            "https://libyaherald.com/2018/05/cbl-warns-that-dealing-in-virtual-currencies/amp/",
            "https://libyaherald.com/2018/05/cbl-warns-that-dealing-in-virtual-currencies",
        ),
        (
            "https://www.libyaherald.com/2019/06/12/sewage-contaminated-tripoli-beaches/?amp",
            "https://libyaherald.com/2019/06/12/sewage-contaminated-tripoli-beaches",
        ),
        ("https://lananews.com/ar/?p=383190", "https://lananews.com/ar?p=383190"),
        ("https://www.lananews.com/ar/?p=466851", "https://lananews.com/ar?p=466851"),
        (
            "https://lana.gov.ly/category.php?lang=en&id=8&page=790",
            "https://lana.gov.ly/category.php?id=8&lang=en&page=790",
        ),
        (
            "https://al-karama.media/category/news-ar/page/10/",
            "https://al-karama.media/category/news-ar/page/10",
        ),
        ("https://libya24.tv/2025/12/20/19961/", "https://libya24.tv/2025/12/20/19961"),
        (
            "https://www.libyaakhbar.com/libya-news/1898992.html",
            "https://libyaakhbar.com/libya-news/1898992.html",
        ),
        ("https://addresslibya.net/archives/47464?output=amp", "https://addresslibya.net/archives/47464"),
        (
            "https://libyanexpress.com/libyas-presidential-council-and-central-bank-review-economic-conditions/?mc_cid=1",
            "https://libyanexpress.com/libyas-presidential-council-and-central-bank-review-economic-conditions",
        ),
        ("HTTPS://Libya24.TV/2025/12/20/19961", "https://libya24.tv/2025/12/20/19961"),
    ],
)
def test_canonical_url(variant, canonical):
    assert canonical_url(variant) == canonical


def test_url_id_is_stable_hex():
    assert url_id(AL24) == url_id(canonical_url(AL24 + "/"))
    assert len(url_id(AL24)) == 40
