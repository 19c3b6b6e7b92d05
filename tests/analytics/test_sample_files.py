"""The sample returns in sample_data/ are what sample_data/generate.py writes today, byte for byte, and the
generator's own checks pass: a change to the template (its instructions, a new figure) or to the measures that the
files do not follow fails here, with the command that writes them again."""

from __future__ import annotations

import importlib.util

from analytics.store.bootstrap import SAMPLE_DIR


def generator():
    spec = importlib.util.spec_from_file_location("sample_generate", SAMPLE_DIR / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_sample_files_are_exactly_what_the_generator_writes_today():
    generate = generator()
    written = {}
    for courts in generate.sample_years().values():
        for returns in courts:
            generate.check(returns)  # the consistency rules on each court's four periods
            for ret in returns:
                written[f"{ret.year}_{int(ret.period):02d}_{ret.court}.xlsx"] = generate.write_workbook(ret)

    assert set(written) == {path.name for path in SAMPLE_DIR.glob("*.xlsx")}
    stale = sorted(name for name, content in written.items() if (SAMPLE_DIR / name).read_bytes() != content)
    assert not stale, f"{len(stale)} sample files are stale ({stale[:3]}…): run python sample_data/generate.py"
