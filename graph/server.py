"""A real Neo4j 5.26 Community server, run from its Maven Central jars, for the demo and the tests.

No Docker engine and no download but Maven Central: Maven fetches `org.neo4j:neo4j` and its runtime
dependencies once into a cache outside git, and `LocalNeo4j` runs `CommunityEntryPoint` from there with
a generated `neo4j.conf` (loopback only, small heap, auth off, usage reporting off). The demo keeps its
data under `var/neo4j`; tests use a throw-away home. With `NEO4J_URI` set none of this runs.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

from graph.errors import ServerStartError
from graph.settings import PROJECT_ROOT, Settings

POM = PROJECT_ROOT / "graph" / "neo4j_dist" / "pom.xml"
_JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",  # without it vector index population stalls
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "--enable-native-access=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-Djdk.nio.maxCachedBufferSize=1024",
    "-XX:+UseG1GC",
    "-XX:-OmitStackTraceInFastThrow",
    "-XX:+DisableExplicitGC",
    "-Dlog4j2.disable.jmx=true",
    "-Dfile.encoding=UTF-8",
)


def _die_with_parent() -> None:
    """Linux: SIGTERM the server when the process that started it dies, even by SIGKILL.

    A crashed test run or a killed `make run` then leaves no Neo4j behind holding a port and a
    store lock; `python -m graph start` opts out to leave its server running on purpose.
    """
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def port_open(port: int, host: str = "127.0.0.1") -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(0.3)
        return sock.connect_ex((host, port)) == 0


def ensure_jars(cache: Path, version: str) -> Path:
    """Return the folder of server jars for `version`, fetching them with Maven the first time."""
    lib = cache / version / "lib"
    done = lib / ".complete"
    if done.exists():
        return lib
    if shutil.which("mvn") is None:
        raise ServerStartError("Maven (mvn) is needed to fetch the Neo4j server jars; install it")
    partial = lib.with_name("lib.partial")
    shutil.rmtree(partial, ignore_errors=True)
    cmd = [
        "mvn",
        "-q",
        "-B",
        "-f",
        str(POM),
        f"-Dneo4j.version={version}",
        "dependency:copy-dependencies",
        "-DincludeScope=runtime",
        f"-DoutputDirectory={partial}",
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        tail = (result.stdout + result.stderr)[-3000:]
        raise ServerStartError(f"fetching Neo4j {version} with Maven failed:\n{tail}")
    shutil.rmtree(lib, ignore_errors=True)
    partial.rename(lib)
    done.write_text(version)
    return lib


def _conf(home: Path, port: int, heap: str, pagecache: str) -> str:
    return "\n".join(
        [
            "server.default_listen_address=127.0.0.1",
            "server.bolt.enabled=true",
            f"server.bolt.listen_address=127.0.0.1:{port}",
            "server.http.enabled=false",
            "server.https.enabled=false",
            "dbms.security.auth_enabled=false",
            f"server.memory.heap.initial_size={heap}",
            f"server.memory.heap.max_size={heap}",
            f"server.memory.pagecache.size={pagecache}",
            f"server.directories.data={home / 'data'}",
            f"server.directories.logs={home / 'logs'}",
            f"server.directories.run={home / 'run'}",
            f"server.directories.plugins={home / 'plugins'}",
            f"server.directories.transaction.logs.root={home / 'data' / 'transactions'}",
            "db.tx_log.rotation.retention_policy=2 files",
            "dbms.usage_report.enabled=false",
            "server.jvm.additional=-XX:+UseG1GC",
            "",
        ]
    )


class LocalNeo4j:
    """One Neo4j server process on loopback, owned by this Python process (or found still running)."""

    def __init__(
        self,
        home: Path,
        *,
        cache: Path,
        version: str,
        port: int = 0,
        heap: str = "512m",
        pagecache: str = "256m",
        start_timeout_s: float = 120.0,
        stop_with_parent: bool = True,
    ) -> None:
        self.home = home.resolve()
        self.cache = cache
        self.version = version
        self.port = port or free_port()
        self.heap = heap
        self.pagecache = pagecache
        self.start_timeout_s = start_timeout_s
        self.stop_with_parent = stop_with_parent
        self._proc: subprocess.Popen[bytes] | None = None

    @classmethod
    def from_settings(
        cls, settings: Settings, home: Path | None = None, port: int | None = None
    ) -> LocalNeo4j:
        return cls(
            home or settings.local_home,
            cache=settings.local_cache,
            version=settings.neo4j_version,
            port=settings.local_bolt_port if port is None else port,
            heap=settings.local_heap,
            pagecache=settings.local_pagecache,
            start_timeout_s=settings.local_start_timeout_s,
        )

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.port}"

    @property
    def pid_file(self) -> Path:
        return self.home / "run" / "expertgraph-neo4j.pid"

    @property
    def console_log(self) -> Path:
        return self.home / "logs" / "console.log"

    def running_pid(self) -> int | None:
        """The pid of a server started earlier on this home that is still alive, if any."""
        try:
            pid = int(self.pid_file.read_text().strip())
            os.kill(pid, 0)
        except (OSError, ValueError):
            return None
        return pid

    def prepare(self) -> Path:
        """Fetch the jars (once) and write the home's folders and config; return the jar folder."""
        lib = ensure_jars(self.cache, self.version)
        for sub in ("conf", "data", "logs", "run", "plugins"):
            (self.home / sub).mkdir(parents=True, exist_ok=True)
        (self.home / "conf" / "neo4j.conf").write_text(_conf(self.home, self.port, self.heap, self.pagecache))
        return lib

    def admin(self, *args: str) -> str:
        """Run `neo4j-admin ARGS` (org.neo4j.cli.AdminTool from the same jars) on this home."""
        lib = self.prepare()
        java = shutil.which("java")
        if java is None:
            raise ServerStartError("Java 17 is needed to run neo4j-admin; install a JDK 17")
        env = {**os.environ, "NEO4J_HOME": str(self.home), "NEO4J_CONF": str(self.home / "conf")}
        result = subprocess.run(
            [java, "-Xmx512m", "-cp", f"{lib}/*", "org.neo4j.cli.AdminTool", *args],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
        output = result.stdout + result.stderr
        if result.returncode != 0:
            raise ServerStartError(f"neo4j-admin {' '.join(args)} failed:\n{output[-3000:]}")
        return output

    def start(self) -> LocalNeo4j:
        """Start the server (or adopt one already running on this home) and wait for Bolt."""
        if self.running_pid() is not None and port_open(self.port):
            return self
        lib = self.prepare()
        if port_open(self.port):
            raise ServerStartError(f"port {self.port} is already in use by another program")
        java = shutil.which("java")
        if java is None:
            raise ServerStartError("Java 17 is needed to run Neo4j; install a JDK 17")
        cmd = [
            java,
            f"-Xms{self.heap}",
            f"-Xmx{self.heap}",
            *_JVM_FLAGS,
            "-cp",
            f"{self.home / 'plugins'}/*:{lib}/*",
            "org.neo4j.server.CommunityEntryPoint",
            f"--home-dir={self.home}",
            f"--config-dir={self.home / 'conf'}",
            "--console-mode",
        ]
        log = self.console_log.open("ab")
        self._proc = subprocess.Popen(
            cmd,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            preexec_fn=_die_with_parent if self.stop_with_parent else None,
        )
        log.close()
        self.pid_file.write_text(str(self._proc.pid))
        self._wait_for_bolt()
        return self

    def _wait_for_bolt(self) -> None:
        deadline = time.monotonic() + self.start_timeout_s
        while time.monotonic() < deadline:
            assert self._proc is not None
            code = self._proc.poll()
            if code is not None:
                raise ServerStartError(
                    f"Neo4j exited with code {code} while starting; last lines of "
                    f"{self.console_log}:\n{self.log_tail()}"
                )
            if port_open(self.port):
                return
            time.sleep(0.2)
        self.stop()
        raise ServerStartError(
            f"Neo4j did not open Bolt on port {self.port} within {self.start_timeout_s:.0f} s; "
            f"last lines of {self.console_log}:\n{self.log_tail()}"
        )

    def log_tail(self, lines: int = 40) -> str:
        with contextlib.suppress(OSError):
            return "\n".join(self.console_log.read_text(errors="replace").splitlines()[-lines:])
        return "(no log written)"

    def stop(self, timeout_s: float = 30.0) -> None:
        """SIGTERM (a clean shutdown that flushes the store), then SIGKILL if it hangs."""
        pid = self._proc.pid if self._proc is not None else self.running_pid()
        if pid is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._proc is not None:
                if self._proc.poll() is not None:
                    break
            else:
                try:
                    os.kill(pid, 0)
                except OSError:
                    break
            time.sleep(0.1)
        else:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            if self._proc is not None:
                self._proc.wait(5)
        self._proc = None
        self.pid_file.unlink(missing_ok=True)

    def kill(self) -> None:
        """Stop without a clean shutdown, as a crash would: for fault tests."""
        pid = self._proc.pid if self._proc is not None else self.running_pid()
        if pid is not None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
            if self._proc is not None:
                self._proc.wait(10)
        self._proc = None
        self.pid_file.unlink(missing_ok=True)
