"""The server's settings for a served dashboard, as Streamlit itself reads them from `.streamlit/config.toml` in the
repository's root (where `make run` starts it): no watching of the source files (Streamlit would set the watches up
again for each visit, 0,7–1,0 s of the server's CPU) and no full cycle collection after every script run (0,23 s with
the interpreter held). A misspelt option would leave Streamlit's default in place, and this spec would say so."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from analytics.ingest.safety import DEFAULT_LIMITS
from tests.conftest import ROOT

READ = (
    "import json; from streamlit import config; "
    "print(json.dumps([config.get_option('server.fileWatcherType'), config.get_option('runner.postScriptGC'), "
    "config.get_option('server.maxUploadSize')]))"
)


def _served_settings(home: Path) -> list:
    env = os.environ | {"HOME": str(home)}  # the project's file alone: no ~/.streamlit/config.toml of this machine
    done = subprocess.run([sys.executable, "-c", READ], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_served_dashboard_watches_no_files_and_collects_no_cycles_after_each_run(tmp_path):
    watcher, collects, _ = _served_settings(tmp_path)
    assert watcher == "none"
    assert collects is False


def test_the_browser_may_send_what_the_upload_check_accepts_and_no_more(tmp_path):
    """Two limits, one size: Streamlit's uploader refuses a file over server.maxUploadSize before it arrives, and the
    upload's own check (safety.Limits.max_bytes, which the command line's import shares) refuses one over its limit
    with a Vietnamese message. Changed in one place only, a file between the two is let through by one and refused by
    the other; the README's «Cấu hình» says to change both."""
    _, _, upload_mb = _served_settings(tmp_path)
    assert upload_mb * 1024 * 1024 == DEFAULT_LIMITS.max_bytes
