"""The server's settings for a served dashboard, as Streamlit itself reads them from `.streamlit/config.toml` in the
repository's root (where `make run` starts it): no watching of the source files (Streamlit would set the watches up
again for each visit, 0,7–1,0 s of the server's CPU) and no full cycle collection after every script run (0,23 s with
the interpreter held). A misspelt option would leave Streamlit's default in place, and this spec would say so."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

READ = (
    "import json; from streamlit import config; "
    "print(json.dumps([config.get_option('server.fileWatcherType'), config.get_option('runner.postScriptGC')]))"
)


def test_the_served_dashboard_watches_no_files_and_collects_no_cycles_after_each_run(tmp_path):
    env = os.environ | {"HOME": str(tmp_path)}  # the project's file alone: no ~/.streamlit/config.toml of this machine
    done = subprocess.run([sys.executable, "-c", READ], cwd=ROOT, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    watcher, collects = json.loads(done.stdout.strip().splitlines()[-1])
    assert watcher == "none"
    assert collects is False
