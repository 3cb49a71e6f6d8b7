"""Parse the publication dates written on Libyan news pages (Arabic and English).

Fast, explicit paths run first (ISO 8601, RFC 822, our own regexes and month
table, relative ages); dateparser is only a slow fallback for short strings.
"""

import re
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from email.utils import parsedate_to_datetime
from zoneinfo import ZoneInfo

import dateparser
from dateutil.relativedelta import relativedelta

# Libya is UTC+02:00 without DST since 2013; zoneinfo also gets older dates right.
TRIPOLI: tzinfo = ZoneInfo("Africa/Tripoli")

_EARLIEST_YEAR = 1990  # nothing we crawl is older; smaller years are typos or junk
_DATEPARSER_MAX_LEN = 120  # dateparser is slow and over-eager on long prose

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)
# Tatweel, harakat/tanween, Quranic marks and invisible bidi/zero-width marks.
_MARKS = re.compile(
    "[\u0640\u064b-\u065f\u0670\u06d6-\u06ed\u200b-\u200f\u202a-\u202e\u2066-\u2069\u061c\ufeff]"
)
# Hamza/madda alef variants are spelled inconsistently, so fold them to bare alef.
_FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "،": ","})


_EASTERN_DIGIT = re.compile("[\u0660-\u0669\u06f0-\u06f9]")


def normalise_digits(text: str) -> str:
    """Turn Arabic-Indic (٠-٩) and Persian (۰-۹) digits into ASCII 0-9."""
    # str.translate walks every character of a non-ASCII string: only call it when needed.
    return text.translate(_DIGITS) if _EASTERN_DIGIT.search(text) else text


def _tidy(text: str) -> str:
    """ASCII digits, no diacritics or tatweel, single spaces."""
    return " ".join(_MARKS.sub("", normalise_digits(text)).split())


def _fold(text: str) -> str:
    """_tidy plus alef folding and lower case: the form our regexes and tables use."""
    return _tidy(text).translate(_FOLD).lower()


# Month names as people write them; keys are folded with _fold when the table is built.
_MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("يناير", "جانفي", "كانون الثاني", "كانون ثاني", "january", "jan"),
    2: ("فبراير", "فيفري", "شباط", "february", "feb"),
    3: ("مارس", "آذار", "march", "mar"),
    4: ("أبريل", "إبريل", "أفريل", "نيسان", "april", "apr"),
    5: ("مايو", "ماي", "أيار", "may"),
    6: ("يونيو", "جوان", "حزيران", "june", "jun"),
    7: ("يوليو", "يوليوز", "جويلية", "جويليه", "تموز", "july", "jul"),
    8: ("أغسطس", "أغشت", "غشت", "أوت", "آب", "august", "aug"),
    9: ("سبتمبر", "شتنبر", "أيلول", "september", "sept", "sep"),
    10: ("أكتوبر", "تشرين الأول", "تشرين أول", "october", "oct"),
    11: ("نوفمبر", "نونبر", "تشرين الثاني", "تشرين ثاني", "november", "nov"),
    12: ("ديسمبر", "دجنبر", "كانون الأول", "كانون أول", "december", "dec"),
}
# Libyan Jamahiriya months (official until 2011). Several are ordinary words
# ("spring", "water", "summer"), so they are only accepted between a day number
# and a year, never in the "Month D, YYYY" order.
_JAMAHIRIYA: dict[str, int] = {
    "أي النار": 1,
    "أين النار": 1,
    "النوار": 2,
    "الربيع": 3,
    "الطير": 4,
    "الماء": 5,
    "الصيف": 6,
    "ناصر": 7,
    "هانيبال": 8,
    "الفاتح": 9,
    "التمور": 10,
    "الحرث": 11,
    "الكانون": 12,
}
_COMMON_MONTHS = {_fold(n): num for num, names in _MONTH_NAMES.items() for n in names}
MONTHS: dict[str, int] = _COMMON_MONTHS | {_fold(n): v for n, v in _JAMAHIRIYA.items()}


def _alternation(names: Iterable[str]) -> str:
    # Longest first so "مايو" wins over "ماي" and "كانون الثاني" over "كانون".
    ordered = sorted(names, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, name.split())) for name in ordered)


_ALL_RE, _COMMON_RE = _alternation(MONTHS), _alternation(_COMMON_MONTHS)

# Optional time after a date: "- 15:05", "| 15:12", "الساعة 3:05 م", "T08:09Z", "10:15 am".
_TIME = (
    r"(?:[\s,|\-–—@]*(?:t|في\s*|الساعة\s*|الساعه\s*|at\s+)?"
    r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?(?!\d)"
    r"(?P<tz>z|[+-]\d{2}:?\d{2}|\s?(?:gmt|utc)(?![a-z]))?"
    r"(?:\s*(?P<ap>صباحا|مساءا|مساء|ص|م|a\.m\.|p\.m\.|am|pm)(?!\w))?)?"
)
_PM = {"م", "مساء", "مساءا", "pm", "p.m."}

_ABSOLUTE = [
    re.compile(p + _TIME)
    for p in (
        # 18 مارس 2018 / 15 الطير 2010 / 18 آذار (مارس) 2018 / 24 March 2023
        (
            rf"(?<![\d:./])(?P<d>\d{{1,2}})(?:st|nd|rd|th)?[\s-]*(?:of\s+|من\s+)?"
            rf"(?:شهر\s+)?(?P<m>{_ALL_RE})(?!\w)\.?(?:\s*[/(]\s*(?:{_ALL_RE})\s*\)?)?"
            rf"[\s,-]*(?:سنة\s+|عام\s+)?(?P<y>\d{{4}})(?!\d)"
        ),
        # March 30, 2021 / Nov 20, 2026
        (
            rf"(?<!\w)(?P<m>{_COMMON_RE})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+"
            rf"(?P<y>\d{{4}})(?!\d)"
        ),
        # 10.11.2016, 20/11/2026, 20-11-2026: Libyan pages put the day first.
        r"(?<![\d.:/-])(?P<d>\d{1,2})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)",
        # 2026-11-20, 2026/11/20
        r"(?<![\d.:/-])(?P<y>\d{4})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})(?!\d)",
    )
]

_ISO = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[t ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?)?(?:z|[+-]\d{2}:?\d{2})?",
    re.IGNORECASE,
)
_RFC822 = re.compile(
    r"(?:[a-z]{3},?\s*)?\d{1,2}\s+[a-z]{3}\s+\d{4}\s+\d{1,2}:\d{2}(?::\d{2})?\s*(?:[+-]\d{4}|[a-z]{1,5})",
    re.IGNORECASE,
)


# Relative-age units, field: (singular, plural, dual) words. A plural with no
# number ("منذ ساعات", "hours ago") is too vague to date, so its count is None.
_UNIT_WORDS: dict[str, tuple[str, str, str]] = {
    "seconds": ("ثانية ثانيه second sec", "ثوان ثواني seconds secs", "ثانيتين ثانيتان"),
    "minutes": ("دقيقة دقيقه minute min", "دقائق minutes mins", "دقيقتين دقيقتان"),
    "hours": ("ساعة ساعه hour hr", "ساعات hours hrs", "ساعتين ساعتان"),
    "days": ("يوم day", "ايام days", "يومين يومان"),
    "weeks": ("اسبوع week", "اسابيع weeks", "اسبوعين اسبوعان"),
    "months": ("شهر month", "اشهر شهور months", "شهرين شهران"),
    "years": ("سنة سنه عام year", "سنوات سنين اعوام years", "سنتين سنتان عامين عامان"),
}
# word -> (relativedelta field, count when no number is given)
_UNITS: dict[str, tuple[str, int | None]] = {
    word: (field, count)
    for field, forms in _UNIT_WORDS.items()
    for count, words in zip((1, None, 2), forms, strict=True)
    for word in words.split()
}
_UNIT_RE = _alternation(_UNITS)
# "منذ 3 ساعات", "قبل 5 دقائق", "منذ يومين", Al Wasat's bare "2 يوم". A following
# number means a year ("منذ عام 2011" = since 2011), not an age.
_REL_AR = re.compile(
    rf"(?:(?P<pre>منذ|قبل)\s+)?(?:(?P<n>\d{{1,6}})\s*)?(?<![^\W\d])(?P<u>{_UNIT_RE})(?!\w)(?!\s*\d)"
)
_REL_EN = re.compile(rf"(?<!\w)(?P<n>\d{{1,6}}|an?|one)\s+(?P<u>{_UNIT_RE})\s+ago(?!\w)")
_TODAY = {"اليوم", "today"}
_YESTERDAY = {"امس", "الامس", "yesterday"}
_NOW = {"الان", "now", "just now", "منذ قليل", "قبل قليل", "منذ لحظات"}


def parse_date(
    text: str | None, now: datetime | None = None, *, default_tz: tzinfo = TRIPOLI
) -> datetime | None:
    """Return the aware datetime written in *text*, or None if there is none."""
    try:
        return _parse(text, now, default_tz)
    except Exception:
        return None


def to_iso(dt: datetime) -> str:
    """ISO 8601 with offset and seconds precision; naive datetimes count as Tripoli."""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=TRIPOLI)
    return dt.isoformat(timespec="seconds")


def _parse(text: str | None, now: datetime | None, tz: tzinfo) -> datetime | None:
    if not isinstance(text, str) or not text.strip():
        return None
    if now is None:
        now = datetime.now(tz)
    elif now.tzinfo is None:
        now = now.replace(tzinfo=tz)
    raw = normalise_digits(text).strip()
    dt = _from_iso(raw, tz) or _from_rfc822(raw)
    if dt is None:
        folded = _fold(raw)
        match = _first_absolute(folded)
        if match is not None:  # an explicit but impossible date is not retried
            dt = _from_match(match, tz)
        else:
            dt = _relative(folded, now, tz) or _with_dateparser(_tidy(raw), now, tz)
    if dt is None or dt.year < _EARLIEST_YEAR or dt > now + timedelta(days=1):
        return None
    return dt


def _from_iso(raw: str, tz: tzinfo) -> datetime | None:
    if not _ISO.fullmatch(raw):
        return None
    dt = datetime.fromisoformat(raw.upper())
    return dt if dt.tzinfo else dt.replace(tzinfo=tz)


def _from_rfc822(raw: str) -> datetime | None:
    if not _RFC822.fullmatch(raw):
        return None
    dt = parsedate_to_datetime(raw)
    # "-0000" means UTC with unknown local zone; Python returns it naive.
    return dt if dt.tzinfo else dt.replace(tzinfo=UTC)


def _first_absolute(text: str) -> re.Match[str] | None:
    """The earliest date in the text: a dateline beats dates quoted later on."""
    found = [m for p in _ABSOLUTE if (m := p.search(text))]
    return min(found, key=lambda m: m.start(), default=None)


def _from_match(m: re.Match[str], tz: tzinfo) -> datetime | None:
    name = " ".join(m["m"].split())
    month = int(name) if name.isdigit() else MONTHS[name]
    hour = _hour_24(int(m["H"] or 0), m["ap"])
    minute, second = int(m["M"] or 0), int(m["S"] or 0)
    try:
        when = datetime(int(m["y"]), month, int(m["d"]), hour, minute, second)
    except ValueError:  # 31 February, month 13, hour 25...
        return None
    return when.replace(tzinfo=_offset(m["tz"]) or tz)


def _hour_24(hour: int, marker: str | None) -> int:
    """Apply ص/م (AM/PM); a marker after a 24-hour time like 15:00 is redundant."""
    if marker is None or hour > 12:
        return hour
    return hour % 12 + (12 if marker in _PM else 0)


def _offset(text: str | None) -> tzinfo | None:
    if not text:
        return None
    text = text.strip()
    if text in ("z", "gmt", "utc"):
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _midnight(now: datetime, tz: tzinfo, days_back: int) -> datetime:
    day = now.astimezone(tz).date() - timedelta(days=days_back)
    return datetime(day.year, day.month, day.day, tzinfo=tz)


def _relative(text: str, now: datetime, tz: tzinfo) -> datetime | None:
    bare = text.strip(" .,:;!-|()")
    if bare in _TODAY or bare in _YESTERDAY:  # a day, not a moment: keep no time
        return _midnight(now, tz, 1 if bare in _YESTERDAY else 0)
    if bare in _NOW:
        return now
    for m in _REL_AR.finditer(text):
        # Without منذ/قبل a "number unit" is only an age when it is the whole text
        # (Al Wasat's "2 يوم"); inside prose it may be a duration ("بعد 2 يوم").
        if m["pre"] or (m["n"] and m.group() == bare):
            return _ago(now, m["u"], m["n"])
    m = _REL_EN.search(text)
    return _ago(now, m["u"], m["n"] if m["n"].isdigit() else "1") if m else None


def _ago(now: datetime, unit: str, number: str | None) -> datetime | None:
    field, default = _UNITS[unit]
    count = int(number) if number else default
    return None if count is None else now - relativedelta(**{field: count})


def _with_dateparser(text: str, now: datetime, tz: tzinfo) -> datetime | None:
    # Fallback only for short strings with a digit and a letter: bare digit runs
    # would be read as Unix timestamps and lone words as "this year's March".
    if len(text) > _DATEPARSER_MAX_LEN:
        return None
    if not (any(map(str.isdigit, text)) and any(map(str.isalpha, text))):
        return None
    settings = {
        "DATE_ORDER": "DMY",
        "PREFER_DAY_OF_MONTH": "first",
        "RETURN_AS_TIMEZONE_AWARE": True,
        "TIMEZONE": getattr(tz, "key", None) or str(tz),
        "RELATIVE_BASE": now.astimezone(tz).replace(tzinfo=None),
    }
    dt = dateparser.parse(text, languages=["ar", "en"], settings=settings)
    if dt is not None and dt.tzinfo is None:
        dt = dt.replace(tzinfo=tz)
    return dt
