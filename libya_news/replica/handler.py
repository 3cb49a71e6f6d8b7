"""Send connections to the offline replica server while requests keep their real URLs.

With ``REPLICA_URL`` unset this is Scrapy's own HTTP/1.1 handler, unchanged. With it set, every
request to a non-loopback host goes to the replica server with its ``Host`` header, so spiders,
robots.txt, redirects, dedup and output all see the outlet's real URLs and nothing leaves the machine.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy import Request
from scrapy.core.downloader.handlers.http11 import HTTP11DownloadHandler
from scrapy.http import Response, TextResponse

LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class ReplicaDownloadHandler(HTTP11DownloadHandler):
    def __init__(self, crawler):
        super().__init__(crawler)
        self.replica = (crawler.settings.get("REPLICA_URL") or "").rstrip("/")

    async def download_request(self, request: Request) -> Response:
        parts = urlsplit(request.url)
        if not self.replica or parts.hostname in LOOPBACK:
            return await super().download_request(request)
        local = self.replica + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        headers = request.headers.copy()
        headers["Host"] = parts.netloc
        local_request = request.replace(url=local, headers=headers)
        response = await super().download_request(local_request)
        # What the download measured (download_latency, for AutoThrottle) belongs to the real request.
        request.meta.update(local_request.meta)
        # encoding=None: keep "no charset declared" visible instead of freezing the guess.
        extra = {"encoding": None} if isinstance(response, TextResponse) else {}
        return response.replace(url=request.url, request=request, **extra)
