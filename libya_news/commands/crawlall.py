"""scrapy crawlall: every enabled outlet concurrently in one process, then a run summary.

Exit code 0 only when every outlet produced articles and no discovery route chain broke.
"""

from __future__ import annotations

import argparse
import sys
from datetime import datetime

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from ..extract.dates import TRIPOLI
from ..state import StateLocked, StateStore
from ..summary import outlet_summary, render_table, write_summary

EXIT_LOCKED = 75  # EX_TEMPFAIL: try again later


class Command(ScrapyCommand):
    requires_project = True

    def syntax(self) -> str:
        return "[--outlets a,b] [--since YYYY-MM-DD] [--until YYYY-MM-DD] [--replica]"

    def short_desc(self) -> str:
        return "Crawl all enabled outlets concurrently and print a run summary"

    def add_options(self, parser: argparse.ArgumentParser) -> None:
        super().add_options(parser)
        parser.add_argument("--outlets", help="comma-separated spider names (default: all enabled)")
        parser.add_argument("--since", help="only articles published on or after this day")
        parser.add_argument("--until", help="only articles published on or before this day")
        parser.add_argument("--max-articles", type=int, help="at most N articles per outlet")
        parser.add_argument(
            "--replica",
            action="store_true",
            help="serve the bundled offline replicas and crawl those (no network)",
        )

    def run(self, args: list[str], opts: argparse.Namespace) -> None:
        assert self.crawler_process is not None
        loader = self.crawler_process.spider_loader
        enabled = [n for n in sorted(loader.list()) if getattr(loader.load(n), "enabled", True)]
        names = opts.outlets.split(",") if opts.outlets else enabled
        unknown = sorted(set(names) - set(loader.list()))
        if unknown:
            raise UsageError(f"unknown outlets: {', '.join(unknown)}")
        try:
            store = StateStore.shared(self.settings["HOME"])
        except StateLocked as e:
            print(
                f"crawlall: another run is in progress ({e}); exiting without touching anything",
                file=sys.stderr,
            )
            self.exitcode = EXIT_LOCKED
            return
        for line in store.recovered:
            print(f"crawlall: {line}", file=sys.stderr)
        server = None
        if opts.replica:
            from ..replica.server import ReplicaServer, load_sites

            server = ReplicaServer(load_sites()).start()
            self.settings.set("REPLICA_URL", server.url, priority="cmdline")
        run_id = datetime.now(TRIPOLI).strftime("%Y%m%dT%H%M%S")
        spargs = {
            "run_id": run_id,
            "since": opts.since,
            "until": opts.until,
            "max_articles": opts.max_articles,
        }
        crawlers = []
        for name in names:
            crawler = self.crawler_process.create_crawler(name)
            crawlers.append(crawler)
            self.crawler_process.crawl(crawler, **{k: v for k, v in spargs.items() if v})
        self.crawler_process.start()
        if server:
            server.shutdown()
        rows = [outlet_summary(c.spidercls.name, c.stats.get_stats()) for c in crawlers]
        home = self.settings["HOME"]
        path = home / "logs" / f"{run_id}.json"
        write_summary(path, run_id, rows)
        print(render_table(rows))
        print(f"\nfeeds: {home / 'feeds'}/<outlet>/{run_id}*.jsonl\nsummary: {path}")
        self.exitcode = 0 if all(r["healthy"] for r in rows) else 1
