"""Shared by the benchmarks: run scrapy in a child process and measure its (tree's) time and memory."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SCRAPY = [sys.executable, "-m", "scrapy.cmdline"]


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (the browser's processes too)."""
    out = subprocess.run(
        ["ps", "-e", "-o", "pid=,ppid=,rss="], capture_output=True, text=True, check=True
    ).stdout
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for line in out.splitlines():
        p, pp, r = (int(x) for x in line.split())
        children.setdefault(pp, []).append(p)
        rss[p] = r
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, []))
    return total / 1024


class Run:
    """A scrapy command in a child process, sampled every `every` seconds for tree RSS."""

    def __init__(self, args: list[str], home: Path, every: float = 0.5, progress=None, **env: str):
        self.samples: list[tuple[float, float, int]] = []  # (seconds, tree RSS MB, progress)
        full_env = {**os.environ, "LIBYA_NEWS_HOME": str(home), "LIBYA_NEWS_LOG_LEVEL": "INFO", **env}
        start = time.perf_counter()
        self.proc = subprocess.Popen(
            [*SCRAPY, *args],
            cwd=ROOT,
            env=full_env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        stop = threading.Event()

        def sample() -> None:
            while not stop.is_set():
                try:
                    self.samples.append(
                        (
                            time.perf_counter() - start,
                            tree_rss_mb(self.proc.pid),
                            progress() if progress else 0,
                        )
                    )
                except (ValueError, subprocess.CalledProcessError):
                    pass
                stop.wait(every)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        self.stdout, self.stderr = self.proc.communicate()
        self.seconds = time.perf_counter() - start
        stop.set()
        sampler.join()

    @property
    def peak_mb(self) -> float:
        return max((s[1] for s in self.samples), default=0.0)

    def stat(self, name: str) -> int:
        tail = self.stderr[self.stderr.rfind("Dumping Scrapy stats") :]
        key = f"'{name}': "
        return int(tail.split(key)[1].split(",")[0].split("}")[0]) if key in tail else 0
