"""Scale-out: wall time of one replica crawl with 1, 2 and 4 worker processes sharing a real
redis-server frontier, the replica answering each request after 50 ms (standing for the network).

    python -m bench.workers [--articles 2000] [--delay 0.05]
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from bench.common import ROOT, SCRAPY
from libya_news.replica.server import ReplicaServer, load_sites
from tests.scaled import scaled_site


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--delay", type=float, default=0.05)
    args = parser.parse_args()
    sites = Path(tempfile.mkdtemp(prefix="bench-sites-"))
    scaled_site("akhbarlibya24", sites, args.articles)
    server = ReplicaServer(load_sites(sites), delay=args.delay).start()
    port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    times = {}
    try:
        for workers in (1, 2, 4):
            home_root = Path(tempfile.mkdtemp(prefix=f"bench-w{workers}-"))
            start = time.perf_counter()
            procs = [
                subprocess.Popen(
                    [
                        *SCRAPY,
                        "crawl",
                        "akhbarlibya24",
                        "-s",
                        f"REDIS_URL=redis://127.0.0.1:{port}/{workers}",
                        "-s",
                        f"REPLICA_URL={server.url}",
                        "-s",
                        f"FRONTIER_ID=w{workers}",
                        "-s",
                        "FRONTIER_MAX_IDLE=5",
                        "-s",
                        "LOG_LEVEL=WARNING",
                    ],
                    cwd=ROOT,
                    env={**os.environ, "LIBYA_NEWS_HOME": str(home_root / f"host{n}")},
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                for n in range(workers)
            ]
            for p in procs:
                p.wait()
            times[workers] = time.perf_counter() - start
            emitted = sum(
                1
                for f in home_root.glob("host*/feeds/akhbarlibya24/*.jsonl")
                for line in f.read_text("utf-8").splitlines()
                if line.strip()
            )
            print(
                f"{workers} worker(s): {times[workers]:.1f} s for {emitted} articles "
                f"({emitted / times[workers]:.0f}/s); speed-up {times[1] / times[workers]:.2f}x",
                flush=True,
            )
    finally:
        redis.terminate()
        server.shutdown()


if __name__ == "__main__":
    main()
