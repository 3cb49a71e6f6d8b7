"""Fix pages whose bytes are windows-1256 while they declare latin-1 or nothing.

Browsers guess; Scrapy falls back to cp1252 and turns Arabic into mojibake. We decode such pages
as cp1256 when that gives mostly Arabic letters where the declared decoding gave Latin-1 noise.
"""

from __future__ import annotations

import re

from scrapy.http import HtmlResponse, Response, TextResponse

_LATIN1_NOISE = re.compile(r"[\u00c0-\u00ff]")
_ARABIC = re.compile(r"[\u0621-\u064a]")
SUSPECT = {"cp1252", "latin-1", "latin1", "iso-8859-1", "iso8859-1", "ascii", "windows-1252"}


def repair_encoding(response: Response) -> tuple[Response, str | None]:
    """(response, None) when the page is fine; else the response to use and what was wrong."""
    if not isinstance(response, TextResponse) or not response.body:
        return response, None
    ctype = response.headers.get("Content-Type", b"").lower()
    if ctype and b"html" not in ctype and b"xml" not in ctype:
        return response, None
    declared = (response._declared_encoding() or "").lower().replace("_", "-")
    if not declared:
        detected = response.encoding
        if detected not in ("utf-8", "ascii"):
            return response, f"no charset declared; decoded as {detected} (detected)"
        return response, None
    if declared not in SUSPECT:  # utf-8 and the rest: trust what the page says
        return response, None
    text = response.text
    noise = len(_LATIN1_NOISE.findall(text))
    if noise < 20 or len(_ARABIC.findall(text)) > noise:
        return response, None
    try:
        fixed = response.body.decode("cp1256")
    except UnicodeDecodeError:
        return response, None
    if len(_ARABIC.findall(fixed)) < noise // 2:
        return response, None
    return HtmlResponse(
        url=response.url,
        body=fixed.encode(),
        encoding="utf-8",
        headers=response.headers,
        status=response.status,
        request=response.request,
    ), "cp1256"
