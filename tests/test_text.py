import random

import pytest

from libya_news.extract.boilerplate import Boilerplate, strip_title_suffix
from libya_news.extract.normalize import NUMBER, content_hash, dedup_form, normalise_for_dedup, word_hash
from libya_news.extract.text import clean_body, clean_text, detect_language


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("  المؤسسة   الوطنية\u00a0للنفط ", "المؤسسة الوطنية للنفط"),
        ("عاجـــل: بيان", "عاجل: بيان"),  # tatweel
        ("ليبيا\u200f \u200bاليوم\u200d", "ليبيا اليوم"),  # RLM, ZWSP, ZWJ
        ("\u202bنص\u202c", "نص"),  # bidi embedding
        ("Tom &amp; Jerry &#8211; &quot;x&quot;", 'Tom & Jerry – "x"'),
        ("e\u0301", "é"),  # NFC
        ("طرابلس ، ليبيا ؟", "طرابلس، ليبيا؟"),
        ("تَسْعى الحكومة", "تَسْعى الحكومة"),  # diacritics stay in emitted text
        ("line\none", "line one"),
        (None, ""),
    ],
)
def test_clean_text(raw, expected):
    assert clean_text(raw) == expected


def test_clean_body_keeps_paragraphs():
    assert clean_body("  أول \n\n\n ثاني\u0640 \n \n") == "أول\n\nثاني"


def test_generic_boilerplate_paragraphs_dropped():
    rules = Boilerplate()
    paragraphs = [
        "نص الخبر.",
        "اقرأ أيضا: خبر آخر",
        "مشاركة :",
        "اترك تعليقاً",
        "Exit mobile version",
        "The post Oil output rises appeared first on Libya Review.",
        "يمكنك ايضا قراءة الخبر في المصدر من موقع قناة ليبيا 24",
        "آخر فقرة.",
    ]
    assert rules.strip(paragraphs) == ["نص الخبر.", "آخر فقرة."]


def test_trailing_aggregator_footer_cut_from_last_paragraph():
    rules = Boilerplate()
    text = "ارتفع الإنتاج. The post ارتفاع الإنتاج appeared first on صحيفة المتوسط."
    assert rules.strip([text]) == ["ارتفع الإنتاج."]


@pytest.mark.parametrize(
    ("first", "expected"),
    [
        ("أخبار ليبيا 24 – متابعات", None),
        ("أخبار ليبيا 24 - أعلنت الحكومة", "أعلنت الحكومة"),
        ("عين ليبياباشر المجلس", "باشر المجلس"),
    ],
)
def test_lead_bylines(first, expected):
    rules = Boilerplate(lead=(r"أخبار ليبيا 24(\s*[-–—]\s*متابعات)?", r"عين ليبيا"))
    out = rules.strip([first, "تتمة."])
    assert out == ([expected, "تتمة."] if expected else ["تتمة."])


@pytest.mark.parametrize(
    ("title", "names", "expected"),
    [
        ("الدولار يرتفع - أخبار ليبيا 24", ["أخبار ليبيا 24"], "الدولار يرتفع"),
        ("الدولار يرتفع | بوابة الوسط", ["بوابة الوسط"], "الدولار يرتفع"),
        ("Oil output rises – Libya Herald", ["Libya Herald"], "Oil output rises"),
        ("Libya Herald - Oil output rises", ["Libya Herald"], "Oil output rises"),
        ("Oil – a short history", ["Libya Herald"], "Oil – a short history"),
    ],
)
def test_title_suffix(title, names, expected):
    assert strip_title_suffix(title, names) == expected


def test_detect_language():
    assert detect_language("أعلنت المؤسسة الوطنية للنفط ارتفاع الإنتاج اليوم") == "ar"
    assert detect_language("The National Oil Corporation announced a rise in output") == "en"
    assert detect_language("OK") is None


def test_dedup_normalisation_folds_arabic_variants():
    a = normalise_for_dedup("أعلنت المؤسسةُ الوطنيةُ للنفط إنتاج ١٢٠٠ برميل، على مستوى ليبيا")
    b = normalise_for_dedup("اعلنت المؤسسه الوطنيه للنفط انتاج 1200 برميل على مستوي ليبيا")
    assert a == b
    assert content_hash("عنوان", "نص") == content_hash("عنوان", "نـص")
    assert content_hash("عنوان", "نص") != content_hash("عنوان", "نص آخر")


def test_compiled_words_are_the_words_of_normalise_for_dedup():
    texts = [
        "أعلنت المؤسسةُ الوطنيةُ للنفط، إنتاج ١٢٠٠ برميل (7.85 %) — «على» مستوى ليبيا-تونس ـــ",
        "The U.S. envoy said: 1,200 barrels/day; \u200fمرحبا\u200f http://x.ly/a?b=1 ... !!",
        "؟؟ … ــ",
        "كلمة",
        "",
        " ".join(map(str, range(300))),  # short tokens whose hashes differ in one bit
        " ".join(a + b for a in "abcdefأإاى" for b in "abcdefةه"),
        "ΟΔΟΣ a\x00b «» ـ x٫5 \u0651شدة",  # final sigma, a NUL in a token, tokens that vanish
        # decomposed hamza (NFC), non-BMP letters and digits, İ (lower case grows), odd whitespace
        "ا\u0654علن e\u0301t\u00e9 😀abc \U0001d7ce9 İstanbul \x1c\x1dq\u3000w\u2028e\xa0r ۱۲ ٣٤x",
        "Привет МИР ÀÉÎ ǅ ΣΟΦΟΣ Σ",
    ]
    rng = random.Random(7)
    alphabet = "".join(texts) + "\t\n\r\u200b\u0640"
    texts += ["".join(rng.choices(alphabet, k=rng.randrange(80))) for _ in range(500)]
    for text in texts:
        form = dedup_form(text)
        words = normalise_for_dedup(text).split()
        assert form.hashes.tolist() == [word_hash(w) for w in words], text
        assert form.numbers == {n for w in words for n in NUMBER.findall(w)}, text


def test_word_hash_tells_apart_words_of_one_letter_difference():
    words = [a + b for a in "abcdefابتثجحخ" for b in "abcdefابتثجحخ0123456789"]
    assert len({word_hash(w) for w in words}) == len(words)
