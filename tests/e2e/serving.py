"""The dashboard served for real, shared by the browser journeys (conftest.py) and the browser benchmark
(benchmarks/browser.py): Debian's Chromium and its arguments, and `streamlit run app.py` on a free local port
against a database, started until its health endpoint answers. No pytest here, so the benchmark can import it."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [  # nothing of the browser's own reaches outside the machine
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SERVER_START_SECONDS = 90  # a cold start imports pandas, Plotly and Streamlit on a busy 2-core machine


class ServerDidNotStart(RuntimeError):
    """The server exited or did not answer in time; the message holds its log."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(database_url: str, log_path: Path, script: str = "serve.py") -> tuple[subprocess.Popen, str]:
    """`streamlit run serve.py` (the dashboard with its warm start, as `make run` serves it; or another script) on
    127.0.0.1 and a free port, headless, no usage statistics; returns the process and its base URL once
    /_stcore/health answers (ServerDidNotStart with the log otherwise)."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        script,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
    ]
    env = os.environ | {"DATABASE_URL": database_url}
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + SERVER_START_SECONDS
    while True:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return process, base
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            stop(process)
            raise ServerDidNotStart(f"the server did not start:\n{log_path.read_text()}")
        time.sleep(0.2)  # polling the health endpoint, not waiting for a page


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
