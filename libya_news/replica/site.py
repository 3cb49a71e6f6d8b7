"""One offline replica site: its config, its articles, and the pages its CMS would serve.

A replica lives in ``tests/sites/<outlet>/`` (see tests/sites/README.md): ``site.json``,
``articles.json``, Jinja templates and ``static/`` files served byte for byte.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from jinja2 import Environment, FileSystemLoader, select_autoescape

_EPOCH = datetime(1970, 1, 1).astimezone()
AR_MONTHS = "يناير فبراير مارس أبريل مايو يونيو يوليو أغسطس سبتمبر أكتوبر نوفمبر ديسمبر".split()
AR_WEEKDAYS = "الاثنين الثلاثاء الأربعاء الخميس الجمعة السبت الأحد".split()


def ar_date(dt: datetime | None, with_time: bool = False) -> str:
    if dt is None:
        return ""
    text = f"{dt.day} {AR_MONTHS[dt.month - 1]} {dt.year}"
    return f"{text} - {dt:%H:%M}" if with_time else text


def ar_weekday(dt: datetime | None) -> str:
    return AR_WEEKDAYS[dt.weekday()] if dt else ""


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


def _parse_dt(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def path_key(path: str) -> str:
    """Compare paths the way a CMS does: decoded, case-folded, no trailing slash."""
    return unquote(path).rstrip("/").lower() or "/"


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    # Transport-level hostility, done by the server: delay, reset, huge, gzip_bomb, fail_first.
    behaviour: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def html(cls, text: str, status: int = 200) -> Response:
        return cls(status, text.encode(), {"Content-Type": "text/html; charset=UTF-8"})

    @classmethod
    def redirect(cls, location: str, status: int = 301) -> Response:
        return cls(status, b"", {"Location": location})

    @classmethod
    def not_found(cls) -> Response:
        return cls(
            404,
            b"<html><body><h1>404 Not Found</h1></body></html>",
            {"Content-Type": "text/html; charset=UTF-8"},
        )


class Site:
    """Config + articles + templates of one replica; ``kinds`` add the CMS routes."""

    def __init__(self, root: Path, host: str | None = None):
        self.root = root
        self.config: dict[str, Any] = json.loads((root / "site.json").read_text("utf-8"))
        self.hosts: list[str] = self.config.get("hosts", [])
        self.host = host or (self.hosts[0] if self.hosts else "127.0.0.1")
        self.scheme = self.config.get("scheme", "https")
        self.features: dict[str, Any] = self.config.get("features", {})
        self.sections = {s["slug"]: s for s in self.config.get("sections", [])}
        self.articles = [self._load_article(a) for a in self._read_articles()]
        self.articles.sort(key=lambda a: a["published"] or _EPOCH, reverse=True)
        self.by_path = {path_key(a["path"]): a for a in self.articles}
        self.by_id = {a["id"]: a for a in self.articles if a.get("id") is not None}
        self.routes: dict[str, dict[str, Any]] = self._read_json("static/_routes.json", {})
        self.env = Environment(
            loader=FileSystemLoader([root / "templates"]),
            autoescape=select_autoescape(["html", "xml"]),
        )
        self.env.filters.update(ar_date=ar_date, ar_weekday=ar_weekday, quote=quote, b64=_b64)

    def _read_json(self, name: str, default: Any) -> Any:
        path = self.root / name
        return json.loads(path.read_text("utf-8")) if path.exists() else default

    def _read_articles(self) -> list[dict[str, Any]]:
        return self._read_json("articles.json", [])

    def _load_article(self, raw: dict[str, Any]) -> dict[str, Any]:
        a = dict(raw)
        a["published"] = _parse_dt(a.get("published"))
        a["modified"] = _parse_dt(a.get("modified"))
        a["url"] = self.url(a["path"])
        a.setdefault("authors", [])
        a.setdefault("tags", [])
        a.setdefault("paragraphs", [])
        a.setdefault("jsonld", True)
        section = self.sections.get(a.get("section") or "", {})
        a["section_name"] = section.get("name")
        a["section_url"] = self.url(section["path"]) if section.get("path") else None
        a["image_url"] = self.url(a["image"]) if a.get("image") else None
        a["body_html"] = "\n".join(
            p if p.lstrip().startswith("<") else f"<p>{p}</p>" for p in a["paragraphs"]
        )
        return a

    @property
    def base_url(self) -> str:
        return f"{self.scheme}://{self.host}"

    def url(self, path: str) -> str:
        return path if "://" in path else self.base_url + path

    @property
    def display_name(self) -> str:
        """The name the site gives itself in feeds and JSON-LD, in its own language."""
        if self.config.get("language") == "ar":
            return self.config.get("name", "")
        return self.config.get("name_en") or self.config.get("name", "")

    @property
    def dated(self) -> list[dict[str, Any]]:
        """What feeds and APIs list: posts with a date (videos are another post type)."""
        return [
            a
            for a in self.articles
            if a["published"] and not a.get("status") and a.get("template", "article.html") == "article.html"
        ]

    def render(self, template: str, **context: Any) -> str:
        return self.env.get_template(template).render(site=self, **context)

    def listing(
        self, title: str, items: list[dict], page: int, per_page: int, page_url, **extra: Any
    ) -> Response:
        """One page of a listing; ``page_url(n)`` builds the URL of page n (1-based)."""
        start = (page - 1) * per_page
        chunk = items[start : start + per_page]
        if page > 1 and not chunk:
            return Response.not_found()
        next_url = page_url(page + 1) if start + per_page < len(items) else None
        prev_url = page_url(page - 1) if page > 1 else None
        return Response.html(
            self.render(
                "listing.html",
                title=title,
                items=chunk,
                page=page,
                next_url=next_url,
                prev_url=prev_url,
                latest=self.dated[:6],
                **extra,
            )
        )

    def article_page(self, a: dict[str, Any]) -> Response:
        if a.get("status"):
            return (
                Response.not_found()
                if a["status"] == 404
                else Response(
                    a["status"],
                    b"<html><body>Internal Server Error</body></html>",
                    {"Content-Type": "text/html"},
                )
            )
        if a.get("raw"):
            return self.static(a["raw"]) or Response.not_found()
        related = [b for b in self.dated if b is not a][:4]
        return Response.html(
            self.render(
                a.get("template", "article.html"),
                a=a,
                related=related,
                latest=self.dated[:6],
                jsonld_script=self.jsonld_script(a),
            )
        )

    def static(self, rel: str) -> Response | None:
        """A file under static/, served byte for byte, with headers from _routes.json."""
        rule = self.routes.get(rel) or self.routes.get(rel.rstrip("/"), {})
        target = self.root / "static" / rule.get("file", rel.lstrip("/"))
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file() and "status" not in rule and "behaviour" not in rule:
            return None
        body = target.read_bytes() if target.is_file() else b""
        headers = {"Content-Type": "text/html; charset=UTF-8", **rule.get("headers", {})}
        return Response(rule.get("status", 200), body, headers, rule.get("behaviour", {}))

    def jsonld_script(self, a: dict[str, Any]) -> str:
        if not a.get("jsonld"):
            return ""
        article = {
            "@type": "NewsArticle",
            "headline": a["title"],
            "description": a.get("summary"),
            "mainEntityOfPage": a["url"],
            "articleSection": a["section_name"],
            "keywords": ", ".join(a["tags"]),
            "image": a["image_url"],
            "author": [{"@type": "Person", "name": n} for n in a["authors"]],
            "publisher": {"@type": "Organization", "name": self.display_name},
            "inLanguage": self.config.get("language"),
        }
        if a["published"]:
            article["datePublished"] = a["published"].isoformat()
        if a["modified"]:
            article["dateModified"] = a["modified"].isoformat()
        article = {k: v for k, v in article.items() if v not in (None, "", [])}
        if self.features.get("yoast"):
            org = {
                "@type": "Organization",
                "@id": self.base_url + "/#organization",
                "name": self.config.get("name"),
            }
            page = {"@type": "WebPage", "@id": a["url"], "url": a["url"], "name": a["title"]}
            data = {"@context": "https://schema.org", "@graph": [org, page, article]}
        else:
            data = {"@context": "https://schema.org", **article}
        payload = json.dumps(data, ensure_ascii=False, indent=1)
        return f'<script type="application/ld+json">{payload}</script>'
