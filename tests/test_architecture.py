"""The layering the README promises: the core never touches Streamlit; only the store and the command line touch
the database; pages and ui/ stay thin (no frame work of their own)."""

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


DATABASE_MODULES = {"sqlalchemy", "alembic", "psycopg", "sqlite3"}
# The database is touched by the store and by the command line (which opens one and reports it unreachable).
OUTSIDE_THE_STORE = [
    p
    for p in sorted(ROOT.glob("[a-z]*/**/*.py")) + [ROOT / "app.py"]
    if p.parts[len(ROOT.parts)] in {"analytics", "ui", "pages"} or p.name == "app.py"
    if "store" not in p.relative_to(ROOT).parts[:2] and p.relative_to(ROOT).as_posix() != "analytics/cli.py"
]


@pytest.mark.parametrize("path", OUTSIDE_THE_STORE, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_only_the_store_and_the_command_line_touch_the_database(path):
    assert not imported_modules(path) & DATABASE_MODULES


APP_CODE = sorted((ROOT / "ui").glob("*.py")) + sorted((ROOT / "pages").glob("*.py")) + [ROOT / "app.py"]
# What a frame does when code filters, looks up or reshapes with pandas (Styler's format, apply and map are drawing).
FRAME_METHODS = {
    *("groupby", "merge", "pivot", "pivot_table", "melt", "nunique", "unique", "value_counts", "assign", "query"),
    *("sort_values", "sort_index", "reindex", "set_index", "reset_index", "dropna", "fillna", "drop", "rename"),
    *("drop_duplicates", "isin", "isna", "notna", "concat", "agg", "aggregate", "iterrows", "itertuples", "head"),
    *("tail", "astype", "where", "mask", "sum", "mean", "max", "min", "any", "all", "idxmax", "idxmin", "cumsum"),
    *("to_datetime", "Timestamp", "DataFrame", "Series"),
}
FRAME_ATTRIBUTES = {"loc", "iloc", "at", "iat", "str", "dt", "cat"}


def runtime_imports(tree: ast.Module) -> set[str]:
    """The top-level packages a module imports when it runs (not those under `if TYPE_CHECKING:`, for type hints)."""
    hints = [n for n in ast.walk(tree) if isinstance(n, ast.If) and getattr(n.test, "id", "") == "TYPE_CHECKING"]
    for_hints = {id(node) for block in hints for node in ast.walk(block)}
    names = set()
    for node in ast.walk(tree):
        if id(node) in for_hints:
            continue
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.split(".")[0])
    return names


def _is_mask(index: ast.expr) -> bool:
    """`frame[frame["a"] == 1]`, `frame[a & b]`, `frame[~a]`, `frame[["a", "b"]]`: a selection no dict or list makes."""
    return (
        isinstance(index, ast.Compare | ast.List)
        or (isinstance(index, ast.BinOp) and isinstance(index.op, ast.BitAnd | ast.BitOr | ast.BitXor))
        or (isinstance(index, ast.UnaryOp) and isinstance(index.op, ast.Invert))
    )


def frame_operations(source: str) -> list[str]:
    """Every place the code filters, looks up or reshapes a frame itself, as "line: what"."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in FRAME_METHODS:
            found.append(f"{node.lineno}: .{node.func.attr}()")
        elif isinstance(node, ast.Attribute) and node.attr in FRAME_ATTRIBUTES:
            found.append(f"{node.lineno}: .{node.attr}")
        elif isinstance(node, ast.Subscript) and _is_mask(node.slice):
            found.append(f"{node.lineno}: a mask or a column list in []")
    return found


@pytest.mark.parametrize("path", APP_CODE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_app_side_filters_and_reshapes_no_frame_itself(path):
    """Filters, lookups and display frames are functions of analytics (analytics/compute/tables.py); a page and the
    ui hand their frames to st.dataframe or a Styler as they come."""
    source = path.read_text(encoding="utf-8")

    assert frame_operations(source) == []
    assert "pandas" not in runtime_imports(ast.parse(source))


@pytest.mark.parametrize(
    "code",
    [
        'rows = table[table["court"] == court]',
        "rows = table[mine & this_year]",
        "rows = table[~late]",
        'rows = table[["court", "value"]]',
        'rows = table.loc[table["gate"], "indicator"]',
        "first = table.iloc[0]",
        'counts = table.groupby("court").size()',
        'wide = table.pivot(index="court", columns="period", values="cell")',
        'years = table["year"].nunique()',
        "merged = after.merge(before, how='left')",
        "shown = table.assign(cell=cells)",
        "shown = pd.DataFrame({'a': [1]})",
        "when = pd.Timestamp(row.stored_at).strftime('%d/%m/%Y')",
        "days = table['stored_at'].dt.day",
    ],
)
def test_the_frame_check_finds_what_a_page_must_not_do(code):
    assert frame_operations(code)


@pytest.mark.parametrize(
    "code",
    [
        "st.dataframe(grid.values.style.format(text, subset=['value']))",
        'name = table["court"]',
        "first = options[0]",
        "text = ', '.join(items)",
        "shown = styler.apply(lambda _: css, axis=None)",
    ],
)
def test_the_frame_check_lets_drawing_and_plain_python_through(code):
    assert frame_operations(code) == []


def test_pandas_imported_for_type_hints_only_is_not_a_runtime_import():
    hinted = "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    import pandas as pd\n"

    assert "pandas" not in runtime_imports(ast.parse(hinted))
    assert "pandas" in runtime_imports(ast.parse("import pandas as pd\n"))


def test_the_router_only_configures_and_navigates():
    calls = {
        node.func.attr
        for node in ast.walk(ast.parse((ROOT / "app.py").read_text(encoding="utf-8")))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    }
    assert calls <= {"set_page_config", "navigation", "Page", "run"}


@pytest.mark.parametrize("path", APP_CODE, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_app_never_renders_raw_html_nor_touches_the_servers_files(path):
    source = path.read_text(encoding="utf-8")
    if path == ROOT / "ui" / "safe.py":  # the one piece of HTML: `stylesheet`, a style rule of the code
        source = source.replace('st.html(f"<style>{rules}</style>")', "", 1)

    for forbidden in ("unsafe_allow_html", "st.html", "components.html", "open(", "write_bytes", "Path("):
        assert forbidden not in source, f"{path.name} uses {forbidden}"


def test_a_stylesheet_holds_style_rules_and_no_markup():
    from ui.safe import stylesheet

    with pytest.raises(ValueError):
        stylesheet("p { color: red; } </style><script>alert(1)</script>")


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
