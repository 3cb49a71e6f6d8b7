"""scrapy savefixture <outlet> <url> [--name N] [--replica] | scrapy savefixture --rerun [<outlet>]

Stores the page under tests/fixtures/<outlet>/<name>.html and writes the article the crawl would
emit to <name>.json for review. --rerun re-derives every JSON from its stored page (after a
selector change), so the git diff of the JSON files is the review.
"""

from __future__ import annotations

import argparse
import re
from urllib.parse import unquote, urlsplit

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from ..fixtures import FIXTURES_DIR, derive, extract_stored, fixture_paths, load_fixture, write_fixture


class Command(ScrapyCommand):
    requires_project = True
    requires_crawler_process = False

    def syntax(self) -> str:
        return "<outlet> <url> [--name NAME] [--replica] | --rerun [<outlet>]"

    def short_desc(self) -> str:
        return "Store a page as a test fixture with its expected article (or re-derive all)"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--name", help="fixture name (default: from the URL)")
        parser.add_argument("--rerun", action="store_true", help="re-derive the JSON of stored pages")
        parser.add_argument("--replica", action="store_true", help="fetch from the offline replicas")

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        from scrapy.spiderloader import get_spider_loader

        loader = get_spider_loader(self.settings)
        if opts.rerun:
            for path in fixture_paths(args[0] if args else None):
                meta, body = load_fixture(path)
                meta["expected"] = derive(loader.load(path.parent.name), meta, body)
                write_fixture(path, meta["source"], meta["expected"])
                print(f"rederived {path.relative_to(FIXTURES_DIR)}")
            return
        if len(args) != 2:
            raise UsageError("give <outlet> <url>")
        outlet, url = args
        spider_cls = loader.load(outlet)
        status, headers, body = self.fetch(url, opts.replica)
        if status != 200:
            raise UsageError(f"{url} answered HTTP {status}")
        name = opts.name or self.name_for(url)
        source = {"url": url, "headers": headers}
        expected = extract_stored(spider_cls, url, body, headers)
        path = FIXTURES_DIR / outlet / f"{name}.json"
        write_fixture(path, source, expected, body)
        print(f"wrote {path} and {path.with_suffix('.html').name}: review every field against the page")

    @staticmethod
    def name_for(url: str) -> str:
        path = unquote(urlsplit(url).path).strip("/").split("/")[-1] or "index"
        return re.sub(r"[^\w-]+", "-", path)[:60].strip("-") or "page"

    def fetch(self, url: str, replica: bool) -> tuple[int, dict[str, str], bytes]:
        """A plain fetch (urllib): fixtures need the bytes as served, not a crawl."""
        import urllib.error
        import urllib.request

        headers = {"User-Agent": self.settings["USER_AGENT"]}
        target = url
        server = None
        if replica:
            from ..replica.server import ReplicaServer, load_sites

            server = ReplicaServer(load_sites()).start()
            parts = urlsplit(url)
            target = server.url + parts.path + (f"?{parts.query}" if parts.query else "")
            headers["Host"] = parts.netloc

        class NoRedirect(urllib.request.HTTPRedirectHandler):
            def redirect_request(self, *args, **kwargs):  # a fixture is the page itself, not where it sends
                return None

        opener = urllib.request.build_opener(NoRedirect)
        try:
            with opener.open(urllib.request.Request(target, headers=headers), timeout=30) as r:
                kept = {k: v for k, v in r.headers.items() if k.lower() in ("content-type", "date")}
                return r.status, kept, r.read()
        except urllib.error.HTTPError as e:
            if 300 <= e.code < 400:
                raise UsageError(
                    f"{url} redirects to {e.headers.get('Location')}: save that URL instead"
                ) from None
            return e.code, {}, b""
        finally:
            if server:
                server.shutdown()
