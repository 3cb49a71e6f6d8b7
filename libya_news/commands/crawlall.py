"""scrapy crawlall: every enabled outlet concurrently in one process, then a run summary.

Exit code 0 only when every outlet produced articles and no discovery route chain broke.
"""

from __future__ import annotations

import argparse
import asyncio
import sqlite3
import sys
from datetime import datetime
from typing import Any

from scrapy.commands import ScrapyCommand
from scrapy.exceptions import UsageError

from ..extract.dates import TRIPOLI
from ..state import StateLocked, StateStore
from ..summary import outlet_summary, render_table, write_summary

EXIT_LOCKED = 75  # EX_TEMPFAIL: try again later
EXIT_IOERR = 74  # EX_IOERR: the state or output cannot be written


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
        except (OSError, sqlite3.Error) as e:
            print(
                f"crawlall: cannot open the state store under {self.settings['HOME']}: {e}", file=sys.stderr
            )
            self.exitcode = EXIT_IOERR
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
        spargs = {k: v for k, v in spargs.items() if v}
        # Aggregators re-post other outlets' articles: they start once the others are done, so the
        # originals are the ones kept and the copies are the ones dropped as duplicates.
        originals = [n for n in names if not getattr(loader.load(n), "aggregator", False)]
        aggregators = [n for n in names if n not in originals]
        crawlers = [self.crawler_process.create_crawler(n) for n in originals + aggregators]
        wait_for = asyncio.Event()
        running = [self.crawler_process.crawl(c, **spargs) for c in crawlers[: len(originals)]]
        remaining = [len(running)]

        def one_done(result: Any = None) -> Any:
            remaining[0] -= 1
            if remaining[0] == 0:
                wait_for.set()
            return result

        for job in running:  # an asyncio.Task or a Deferred, depending on the reactor
            job.add_done_callback(one_done) if hasattr(job, "add_done_callback") else job.addBoth(one_done)
        if not running:
            wait_for.set()
        for crawler in crawlers[len(originals) :]:
            self.crawler_process.crawl(crawler, wait_for=wait_for, **spargs)
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
