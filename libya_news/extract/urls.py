"""Canonical article URLs: one string per article, whatever link led to it."""

from __future__ import annotations

import hashlib
import ipaddress
import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from w3lib.url import canonicalize_url

TRACKING = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|yclid|_ga|ref|amp|noamp|output|"
    r"mibextid|qt-[\w-]+)$",
    re.IGNORECASE,
)
AMP_SUFFIX = re.compile(r"/amp/?$")


def _is_local(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def canonical_url(url: str) -> str:
    """https, lower-case host without www., normalised percent-encoding, no fragment,
    no tracking/AMP params, no /amp/ suffix, no trailing slash (except the root)."""
    url = canonicalize_url(url.strip(), keep_fragments=False)
    parts = urlsplit(url)
    host = (parts.hostname or "").lower().removeprefix("www.")
    netloc = host + (f":{parts.port}" if parts.port else "")
    scheme = parts.scheme if _is_local(host) else "https"
    path = AMP_SUFFIX.sub("/", parts.path)
    path = path.rstrip("/") or "/"
    query = urlencode(
        [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not TRACKING.match(k)]
    )
    return urlunsplit((scheme, netloc, path, query, ""))


def url_id(url: str) -> str:
    return hashlib.sha1(url.encode()).hexdigest()


def registered_host(url: str) -> str:
    return (urlsplit(url).hostname or "").lower().removeprefix("www.")
