"""Scrapy settings for libya-news. Everything on disk goes under LIBYA_NEWS_HOME (./var)."""

import os
from pathlib import Path

BOT_NAME = "libya_news"
SPIDER_MODULES = ["libya_news.spiders"]
NEWSPIDER_MODULE = "libya_news.spiders"
COMMANDS_MODULE = "libya_news.commands"

HOME = Path(os.environ.get("LIBYA_NEWS_HOME", "var")).resolve()

# Politeness: an honest bot that says who runs it, obeys robots.txt and slows down when asked.
USER_AGENT = "libya-news/0.1 (+https://github.com/libya-news/libya-news; news research crawler)"
ROBOTSTXT_OBEY = True
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 4
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_MAX_DELAY = 30
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_TIMES = 2
RETRY_HTTP_CODES = [429, 500, 502, 503, 504, 522, 524, 408]
REDIRECT_MAX_TIMES = 5
RETRY_AFTER_MAX = 120  # seconds a 429/503 may ask us to wait before we give up on the page
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "libya_news.middlewares.RetryAfterMiddleware": 550,
    "libya_news.render.RenderMiddleware": 540,
    "libya_news.middlewares.RedirectLoopMiddleware": 610,
}
EXTENSIONS = {"libya_news.extensions.RunState": 500, "libya_news.frontier.FrontierIdle": 510}

# Scale-out (libya_news/frontier.py): set REDIS_URL (e.g. redis://host:6379/0) and every worker shares
# the request queue, the request dupefilter and the article state; FRONTIER_ID names one coordinated run.
REDIS_URL = os.environ.get("LIBYA_NEWS_REDIS_URL", "")
ADDONS = {"libya_news.frontier.RedisFrontier": 0}
# Calendar and pagination traps: bounded depth and URL length on top of each route's page cap.
DEPTH_LIMIT = 40
URLLENGTH_LIMIT = 2000
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False
LOG_LEVEL = os.environ.get("LIBYA_NEWS_LOG_LEVEL", "INFO")

# Offline replicas: set REPLICA_URL (e.g. http://127.0.0.1:8765) and every outlet host is served
# by the local replica server; spiders and URLs stay exactly as they are live.
REPLICA_URL = os.environ.get("LIBYA_NEWS_REPLICA_URL", "")
DOWNLOAD_HANDLERS = {
    "http": "libya_news.render.DownloadHandler",
    "https": "libya_news.render.DownloadHandler",
}

# JavaScript rendering (libya_news/render.py): Debian's Chromium, never `playwright install`.
# --no-sandbox is needed when running as root (containers, CI); background networking is off so
# Chromium does not call home from a closed network.
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_LAUNCH_OPTIONS = {
    "executable_path": os.environ.get("PLAYWRIGHT_CHROMIUM", "/usr/bin/chromium"),
    "headless": True,
    "args": [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ],
}
PLAYWRIGHT_MAX_CONTEXTS = 2
PLAYWRIGHT_MAX_PAGES_PER_CONTEXT = 4
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000

ITEM_PIPELINES = {
    "libya_news.pipelines.clean.CleanPipeline": 100,
    "libya_news.pipelines.derive.DerivePipeline": 200,
    "libya_news.pipelines.validate.ValidatePipeline": 300,
    "libya_news.pipelines.dedupe.DedupPipeline": 400,
    "libya_news.pipelines.coverage.CoveragePipeline": 900,
}

# One JSONL file per outlet per run, UTF-8 with Arabic as it is (not \uXXXX).
FEED_EXPORT_ENCODING = "utf-8"
FEED_EXPORT_FIELDS = (
    "id url outlet language title summary body authors published_at modified_at "
    "section tags image_url word_count content_hash duplicate_of scraped_at"
).split()
# Files appear complete or not at all (written as .part, renamed when finished), and every
# FEED_EXPORT_BATCH_ITEM_COUNT articles a file is finished and its articles committed in the state:
# a killed run loses at most one batch of work. A run's first file is <run-id>.jsonl, then <run-id>-2.jsonl...
FEED_EXPORT_BATCH_ITEM_COUNT = 500
FEED_STORE_EMPTY = False
FEED_STORAGES = {
    "file": "libya_news.feedstorage.AtomicFileFeedStorage",
    "": "libya_news.feedstorage.AtomicFileFeedStorage",
}
FEEDS = {
    str(HOME / "feeds" / "%(name)s" / "%(run_id)s-%(batch_id)d.jsonl"): {
        "format": "jsonlines",
        "encoding": "utf-8",
    },
}

# Dedup (see libya_news/pipelines/dedupe.py): near-duplicates dropped, or kept with duplicate_of ("flag").
DEDUP_NEAR = os.environ.get("LIBYA_NEWS_DEDUP_NEAR", "drop")
DEDUP_UPDATES = False
# Incremental runs start discovery this long before the outlet's last published article.
INCREMENTAL_OVERLAP_HOURS = 48

TWISTED_REACTOR = "twisted.internet.asyncioreactor.AsyncioSelectorReactor"
