"""How long it takes to get going: fetching Neo4j, starting it, loading the demo, a whole `make run`.

    python -m bench.startup [--repeats 5] [--skip-cold]

Baselines in the same run: a warm start against a cold one (first, with every download), and a demo
re-import (nothing left to change) against the first import.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from graph.migrations import migrate
from graph.runtime import open_runtime
from graph.server import LocalNeo4j, ensure_jars, free_port
from graph.settings import PROJECT_ROOT, Settings
from ingest.demo_load import load_demo


def _median(samples: list[float]) -> str:
    return (
        f"median {statistics.median(samples):.2f} s "
        f"(n={len(samples)}, min {min(samples):.2f}, max {max(samples):.2f})"
    )


def _timed(fn: Callable[[], object]) -> float:
    started = time.perf_counter()
    fn()
    return time.perf_counter() - started


def bench_neo4j_start(settings: Settings, repeats: int) -> None:
    fresh: list[float] = []
    existing: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeats):
            server = LocalNeo4j.from_settings(settings, home=Path(tmp) / f"h{i}", port=0)
            fresh.append(_timed(server.start))
            server.stop()
            existing.append(_timed(server.start))  # same store, second start
            server.stop()
    print(f"Neo4j start, new store:      {_median(fresh)}")
    print(f"Neo4j start, existing store: {_median(existing)}")


def bench_jars(settings: Settings) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["MAVEN_OPTS"] = f"-Dmaven.repo.local={tmp}/m2"
        try:
            cold = _timed(lambda: ensure_jars(Path(tmp) / "cache", settings.neo4j_version))
            warm = _timed(lambda: ensure_jars(Path(tmp) / "cache", settings.neo4j_version))
        finally:
            del os.environ["MAVEN_OPTS"]
    print(f"Neo4j jars from Maven Central, cold: {cold:.1f} s; cached: {warm * 1000:.1f} ms")


def bench_demo_import(settings: Settings, repeats: int) -> None:
    first: list[float] = []
    again: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeats):
            demo_settings = settings.model_copy(update={"demo_dir": Path(tmp) / f"demo{i}"})
            runtime = open_runtime(settings, home=Path(tmp) / f"n{i}", port=0)
            try:
                migrate(runtime.graph)
                for samples in (first, again):
                    started = time.perf_counter()
                    load_demo(runtime.graph, demo_settings)
                    samples.append(time.perf_counter() - started)
            finally:
                runtime.close()
    ratio = statistics.median(first) / statistics.median(again)
    print(f"demo generate + import into an empty graph: {_median(first)}")
    print(f"demo re-import (baseline: nothing to change): {_median(again)}; first/re-import {ratio:.1f}x")


def _wait_for(url: str, timeout_s: float, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"make run exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(url, timeout=2) as resp:
                if resp.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise TimeoutError(url)


def _make_run(clone: Path, env: dict[str, str]) -> float:
    api_port = free_port()
    env = {**env, "API_PORT": str(api_port), "LOCAL_BOLT_PORT": str(free_port())}
    started = time.perf_counter()
    proc = subprocess.Popen(
        ["make", "run"],
        cwd=clone,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_for(f"http://127.0.0.1:{api_port}/health", 1800, proc)  # serves only once the demo is in
        return time.perf_counter() - started
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def bench_make_run(skip_cold: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "expertgraph"
        subprocess.run(["git", "clone", "-q", str(PROJECT_ROOT), str(clone)], check=True)
        (clone.parent / "shared").symlink_to(PROJECT_ROOT.parent / "shared")
        env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "VIRTUAL_ENV"))}
        if not skip_cold:
            env_cold = {**env, "PIP_NO_CACHE_DIR": "1", "MAVEN_OPTS": f"-Dmaven.repo.local={tmp}/m2"}
            cold = _make_run(clone, env_cold)
            print(f"make run, cold (fresh clone, no pip cache, empty Maven repo): {cold:.1f} s")
        warm = [_make_run(clone, env) for _ in range(3)]
        print(f"make run, warm (venv, jars and demo store present): {_median(warm)}")
        shutil.rmtree(clone / "var", ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--skip-cold", action="store_true", help="skip the cold make run (downloads)")
    args = parser.parse_args()
    settings = Settings()
    bench_neo4j_start(settings, args.repeats)
    bench_jars(settings)
    bench_demo_import(settings, max(3, args.repeats // 2))
    bench_make_run(args.skip_cold)


if __name__ == "__main__":
    main()
