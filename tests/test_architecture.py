"""The layering the README promises: the core never touches Streamlit; pages stay thin."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("path", sorted((ROOT / "analytics").rglob("*.py")), ids=lambda p: p.name)
def test_the_analytics_core_never_imports_streamlit(path):
    assert "streamlit" not in imported_modules(path)


@pytest.mark.parametrize("path", sorted((ROOT / "pages").glob("*.py")), ids=lambda p: p.name)
def test_pages_do_no_pandas_of_their_own(path):
    assert "pandas" not in imported_modules(path)


def test_the_router_only_configures_and_navigates():
    calls = {
        node.func.attr
        for node in ast.walk(ast.parse((ROOT / "app.py").read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert calls <= {"set_page_config", "navigation", "Page", "run"}


APP_SIDE = sorted((ROOT / "ui").glob("*.py")) + sorted((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]


@pytest.mark.parametrize("path", APP_SIDE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_app_never_renders_raw_html_nor_touches_the_servers_files(path):
    source = path.read_text(encoding="utf-8")

    for forbidden in ("unsafe_allow_html", "st.html", "components.html", "open(", "write_bytes", "Path("):
        assert forbidden not in source, f"{path.name} uses {forbidden}"


@pytest.mark.parametrize("name", ["../../etc/passwd", "C:\\Users\\a\\bc.xlsx", "/tmp/x/bc.xlsx", ""])
def test_an_uploaded_files_name_is_only_its_last_part_and_never_a_path(name):
    from analytics.upload import display_name

    shown = display_name(name)

    assert "/" not in shown and "\\" not in shown and shown not in ("", "..")


def test_only_the_log_in_writes_without_an_account_checked_in_its_transaction():
    """Every write goes through `Store.writing(actor)`, which reads the account again; the unchecked transaction is
    the store's own (creating the data version) and the log-in's bookkeeping, made before there is an account."""
    unchecked = re.compile(r"(?<![a-z])(login_transaction|_transaction)\(")  # not Alembic's begin_transaction
    uses = {
        path.name: len(found)
        for path in sorted((ROOT / "analytics").rglob("*.py")) + sorted((ROOT / "ui").glob("*.py"))
        if (found := unchecked.findall(path.read_text(encoding="utf-8")))
    }

    # database.py: `_transaction` and `login_transaction` defined, and used by __init__, writing, login_transaction
    assert uses == {"accounts.py": 1, "database.py": 5}
