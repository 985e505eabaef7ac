"""Concurrent users on loopback against the real API and the demo graph, with a realistic mix.

    python -m bench.load [--seconds 10] [--levels 1,2,4,8,16,32] [--workers 2]
                         [--home DIR --port N --no-load] [--baseline-dir DIR]

Each level runs N client threads for a bounded time (and a bounded number of requests), then stops.
The mix: 60% search, 20% profile, 10% long-text match (`POST /api/v1/experts/match` with a task
title and description), 10% workforce statistics (one, three or all eleven dimensions). The
baseline is one user (level 1) in the same run. Reports throughput, median and p95 latency overall
and per request kind, errors, searches per second, the first level whose p95 crosses 200 ms, and the
CPU time each request cost the API workers and Neo4j (from /proc, so it holds on a busy machine
where wall times do not). With --baseline-dir the same levels also run, alternating level by level,
against a second API served from another checkout (e.g. a worktree at main's commit) on the same
Neo4j, with PYTHONPATH cleared, so it runs with the packages the venv has.
Only 127.0.0.1 is ever contacted. With --home/--port it uses an already started local server
(--no-load: already holding the demo), so the demo can be built outside a benchmark's time.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from graph.migrations import migrate
from graph.runtime import open_runtime
from graph.server import free_port
from graph.settings import Settings
from ingest.demo_load import load_demo

QUERIES = [
    "nông nghiệp",
    "nong nghiep",
    "sâm Lai Châu",
    "chè Shan tuyết",
    "giáo dục song ngữ",
    "lúa",
    "sạt lở đất",
    "y học cổ truyền",
    "chuyển đổi số",
    "du lịch cộng đồng",
    "landslide",
    "tea",
    "cá tầm",
    "mắc ca",
    "dân tộc Mông",
    "thủy điện",
    "đất hiếm",
    "dinh dưỡng trẻ em",
]
TASKS = [
    "Tư vấn xây dựng quy trình nhân giống và trồng sâm Lai Châu dưới tán rừng cho hợp tác xã",
    "Phản biện đề án phát triển vùng chè Shan tuyết gắn với du lịch cộng đồng tại Tân Uyên",
    "Assess landslide and flash-flood risk for resettlement areas near hydropower reservoirs",
]
MAX_REQUESTS_PER_LEVEL = 20_000
P95_BUDGET_MS = 200.0
STATS_GROUPINGS = (
    ["sector"],
    ["degree", "gender", "sector"],
    [
        "degree", "degree_level", "academic_title", "sector", "field", "organization", "district",
        "gender", "ethnic_minority", "ethnicity", "age_band",
    ],
)  # fmt: skip


@dataclass
class Tally:
    latencies: dict[str, list[float]] = field(default_factory=dict)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, kind: str, ms: float, ok: bool) -> None:
        with self.lock:
            self.latencies.setdefault(kind, []).append(ms)
            self.errors += 0 if ok else 1

    def all(self) -> list[float]:
        return [x for values in self.latencies.values() for x in values]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def _user(base: str, token: str, expert_ids: list[str], stop: float, tally: Tally, seed: int) -> None:
    rng = random.Random(seed)
    headers = {"Authorization": f"Bearer {token}"}
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        while time.monotonic() < stop and sum(map(len, tally.latencies.values())) < MAX_REQUESTS_PER_LEVEL:
            roll = rng.random()
            body: dict[str, object] | None = None
            params: dict[str, str | list[str]] = {}
            if roll < 0.6:
                kind, method, path, params = (
                    "search",
                    "GET",
                    "/api/v1/experts/search",
                    {"q": rng.choice(QUERIES)},
                )
            elif roll < 0.8:
                kind, method, path = "profile", "GET", f"/api/v1/experts/{rng.choice(expert_ids)}"
            elif roll < 0.9:
                text = rng.choice(TASKS)
                kind, method, path = "match", "POST", "/api/v1/experts/match"
                body = {"title": " ".join(text.split()[:8]), "description": text}
            else:
                kind, method, path = "stats", "GET", "/api/v1/stats/workforce"
                params = {"by": rng.choice(STATS_GROUPINGS)}
            started = time.perf_counter()
            try:
                ok = client.request(method, path, params=params, json=body).status_code < 400
            except httpx.HTTPError:
                ok = False
            tally.add(kind, (time.perf_counter() - started) * 1000, ok)


def run_level(base: str, token: str, expert_ids: list[str], users: int, seconds: float) -> Tally:
    tally = Tally()
    stop = time.monotonic() + seconds
    threads = [
        threading.Thread(target=_user, args=(base, token, expert_ids, stop, tally, i)) for i in range(users)
    ]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return tally


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            if ppid == pid:
                found += [int(entry.name), *_children(int(entry.name))]
    return found


def cpu_seconds(pids: list[int]) -> float:
    """User plus system CPU time of these processes so far (Linux /proc)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


SERVING_PACKAGES = ("uvloop", "httptools", "neo4j._codec.packstream._rust")


@dataclass
class Api:
    label: str
    proc: subprocess.Popen[bytes]
    base: str
    packages: str
    crossed: int | None = None
    baseline_p95: float | None = None

    def pids(self) -> list[int]:
        """The uvicorn supervisor and its workers, looked up when asked: a worker that was still
        starting when /health first answered is counted too."""
        return [self.proc.pid, *_children(self.proc.pid)]


def start_api(label: str, app_dir: Path, env: dict[str, str], workers: int) -> Api:
    """uvicorn as an operator runs it (`--workers N`, loop and parser left to uvicorn's choice)."""
    port = free_port()
    probe = f"import importlib.util as u; print(' '.join(m for m in {SERVING_PACKAGES!r} if u.find_spec(m)))"
    packages = subprocess.run(
        [sys.executable, "-c", probe], cwd=app_dir, env=env, capture_output=True, text=True, check=True
    ).stdout.strip()
    cmd = [sys.executable, "-m", "uvicorn", "api.serve_app:app", "--host", "127.0.0.1", "--port", str(port)]
    cmd += ["--workers", str(workers), "--log-level", "warning"]
    proc = subprocess.Popen(cmd, env=env, cwd=app_dir, start_new_session=True)
    api = Api(label, proc, f"http://127.0.0.1:{port}", packages or "none of " + ", ".join(SERVING_PACKAGES))
    for _ in range(240):
        try:
            if httpx.get(f"{api.base}/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    return api


def report(api: Api, users: int, seconds: float, tally: Tally, api_cpu: float, neo4j_cpu: float) -> float:
    values = tally.all()
    p95 = _p95(values)
    api.baseline_p95 = api.baseline_p95 or p95
    searches = len(tally.latencies.get("search", [])) / seconds
    print(
        f"{api.label:>9} {users:>5} {len(values) / seconds:>7.1f} {searches:>8.1f} "
        f"{statistics.median(values):>6.1f}ms {p95:>6.1f}ms {tally.errors:>6} "
        f"{1000 * api_cpu / len(values):>7.1f}ms {1000 * neo4j_cpu / len(values):>7.1f}ms  "
        f"(p95 {p95 / api.baseline_p95:.1f}x one user)"
    )
    for kind in sorted(tally.latencies):
        xs = tally.latencies[kind]
        print(
            f"{'':>15} {kind:>8}: {len(xs) / seconds:>6.1f}/s median "
            f"{statistics.median(xs):>6.1f}ms p95 {_p95(xs):>6.1f}ms"
        )
    if api.crossed is None and p95 > P95_BUDGET_MS:
        api.crossed = users
    return searches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--levels", default="1,2,4,8,16,32")
    parser.add_argument("--workers", type=int, default=2, help="uvicorn worker processes")
    parser.add_argument("--home", type=Path, help="an already started local server's home")
    parser.add_argument("--port", type=int, help="... and its Bolt port")
    parser.add_argument("--no-load", action="store_true", help="that server already holds the demo")
    parser.add_argument("--baseline-dir", type=Path, help="also serve the API from this checkout")
    args = parser.parse_args()
    levels = [int(x) for x in args.levels.split(",")]
    with tempfile.TemporaryDirectory() as tmp:
        bolt = args.port or free_port()
        home = args.home or Path(tmp) / "neo4j"
        settings = Settings(local_bolt_port=bolt, demo_dir=Path(tmp) / "demo", local_home=home)
        runtime = open_runtime(settings, home=home, port=bolt)
        if not args.no_load:
            migrate(runtime.graph)
            load_demo(runtime.graph, settings)
        from argon2 import PasswordHasher  # bench never imports api: the account is written directly

        from queries.users import upsert_user

        upsert_user(runtime.graph, "load-admin", "Load test", "admin", PasswordHasher().hash("load-test-pw"))
        expert_ids = [r["id"] for r in runtime.graph.read("MATCH (e:Expert) RETURN e.id AS id")]
        neo4j_pid = runtime.server.running_pid() if runtime.server else None
        env = {**os.environ, "NEO4J_URI": runtime.server.uri if runtime.server else ""}
        apis: list[Api] = []
        try:
            apis.append(start_api("this", Path.cwd(), env, args.workers))
            if args.baseline_dir:
                plain = {k: v for k, v in env.items() if k != "PYTHONPATH"}
                apis.append(start_api("baseline", args.baseline_dir.resolve(), plain, args.workers))
            token = httpx.post(
                f"{apis[0].base}/api/v1/auth/token",
                data={"username": "load-admin", "password": "load-test-pw"},
            ).json()["access_token"]  # every process shares the signing secret kept in the graph
            for api in apis:
                print(f"{api.label}: {api.base}, serving packages: {api.packages}")
                # Warm-up, not reported: long enough for the server to plan every statement variant
                # (3 s left the first level of the first API paying for its plans).
                run_level(api.base, token, expert_ids, 2, args.seconds)
            print(f"load average before: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
            print(
                f"{'api':>9} {'users':>5} {'req/s':>7} {'search/s':>8} {'median':>8} {'p95':>8} "
                f"{'errors':>6} {'API cpu/req':>9} {'Neo4j cpu/req':>9}"
            )
            for users in levels:
                searches: dict[str, float] = {}
                for api in apis:  # alternating level by level: both see the same machine load
                    pids = api.pids()
                    before = cpu_seconds(pids), cpu_seconds([neo4j_pid] if neo4j_pid else [])
                    tally = run_level(api.base, token, expert_ids, users, args.seconds)
                    after = cpu_seconds(pids), cpu_seconds([neo4j_pid] if neo4j_pid else [])
                    searches[api.label] = report(
                        api, users, args.seconds, tally, after[0] - before[0], after[1] - before[1]
                    )
                if len(apis) > 1 and searches["baseline"]:
                    print(
                        f"{'':>15} searches/s this / baseline: {searches['this'] / searches['baseline']:.2f}x"
                    )
            print(f"load average after: {' '.join(Path('/proc/loadavg').read_text().split()[:3])}")
            for api in apis:
                crossed = api.crossed or "none of the levels"
                print(f"{api.label}: p95 crosses {P95_BUDGET_MS:.0f} ms at: {crossed} users")
        finally:
            for api in apis:
                os.killpg(api.proc.pid, signal.SIGINT)
                api.proc.wait(30)
            runtime.close(stop_server=args.home is None)


if __name__ == "__main__":
    main()
