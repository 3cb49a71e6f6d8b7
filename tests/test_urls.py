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
    ],
)
def test_canonical_url(variant, canonical):
    assert canonical_url(variant) == canonical


def test_url_id_is_stable_hex():
    assert url_id(AL24) == url_id(canonical_url(AL24 + "/"))
    assert len(url_id(AL24)) == 40
