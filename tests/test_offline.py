"""Nothing calls out: the app starts as `make run` starts it, and an import runs, inside a network namespace with
no route out (`unshare -rn`, then only the loopback interface up). A court's intranet server must make no
outbound request: Streamlit asks a public service for the server's external IP when it starts headless with no
address set ("Did not auto detect external IP" in its log), unless `browser.serverAddress` is set."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap

import pytest

from tests.analytics.builders import SAMPLE_DIR
from tests.conftest import ROOT

# Runs inside the namespace: the server as `make run` starts it (config.toml, no address), then an import.
DRIVER = textwrap.dedent(
    """
    import json, os, socket, subprocess, sys, time, urllib.request
    url, sample, log_path = sys.argv[1:4]
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = os.environ | {"DATABASE_URL": url}
    result = {"outside": None, "healthy": False}
    try:
        socket.create_connection(("1.1.1.1", 80), timeout=2).close()
        result["outside"] = "reached"
    except OSError as error:
        result["outside"] = str(error)
    init = subprocess.run([sys.executable, "-m", "analytics", "init", "--db", url], capture_output=True, text=True)
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)],
            env=env, stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline and not result["healthy"]:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                    result["healthy"] = answer.status == 200
            except OSError:
                time.sleep(0.2)  # polling the health endpoint while the server starts
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as answer:
            result["page"] = answer.status
        imported = subprocess.run(
            [sys.executable, "-m", "analytics", "import", sample, "--db", url], capture_output=True, text=True
        )
        result["import"] = imported.stdout + imported.stderr
        # The start-up banner is printed after the external-IP look-up (when there is one): wait for it.
        while time.monotonic() < deadline and "You can now view" not in open(log_path).read():
            time.sleep(0.2)
    finally:
        server.terminate()
        server.wait(timeout=20)
    result["init"] = init.returncode
    print(json.dumps(result))
    """
)


def test_the_app_starts_and_an_import_runs_with_no_route_out_and_nothing_asks_outside(tmp_path):
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        pytest.skip("unshare or ip is not installed: the network-namespace check cannot run here")
    probe = subprocess.run(["unshare", "-rn", "ip", "link", "set", "lo", "up"], capture_output=True, text=True)
    if probe.returncode != 0:
        pytest.skip(f"this machine refuses a network namespace (unshare -rn): {probe.stderr.strip()}")
    driver, log = tmp_path / "driver.py", tmp_path / "server.log"
    driver.write_text(DRIVER)
    url = f"sqlite:///{tmp_path / 'cum2.sqlite'}"
    sample = sorted(SAMPLE_DIR.glob("*.xlsx"))[0]

    done = subprocess.run(
        [
            "unshare",
            "-rn",
            "sh",
            "-c",
            'ip link set lo up && exec "$0" "$@"',
            sys.executable,
            str(driver),
            url,
            str(sample),
            str(log),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )

    assert done.returncode == 0, done.stderr + log.read_text()
    result = json.loads(done.stdout.strip().splitlines()[-1])
    said = log.read_text()
    assert result["outside"] != "reached"  # the namespace has no route out
    assert result["init"] == 0 and result["healthy"] and result["page"] == 200, said
    assert "ĐÃ LƯU" in result["import"], result["import"]
    assert "Did not auto detect external IP" not in said, said
    assert "Traceback" not in said, said
