"""The hostile corpus (tests/analytics/hostile.py) through the upload page's path and the command line: each file is
read or refused with a Vietnamese message, never a traceback; a refused file changes nothing; the next file is stored."""

from __future__ import annotations

import pandas as pd
import pytest

from analytics import cli
from tests.analytics.builders import a_return, a_store, account, checked_parts, database_state, imported, workbook
from tests.analytics.corpus import RET
from tests.analytics.hostile import HOSTILE, READ, REFUSED, hostile_file


@pytest.mark.parametrize("name", HOSTILE, ids=HOSTILE.keys())
def test_the_upload_path_reads_or_refuses_a_hostile_file_with_a_vietnamese_message(tmp_path, name):
    filename, content = hostile_file(name)
    expected = HOSTILE[name][1]
    store = a_store(tmp_path)

    parts = checked_parts(filename, content, store)

    problems = [p for part in parts for p in part.problems]
    if expected.outcome == READ:
        [part] = parts
        assert part.ok, part.table()[["rule", "cell", "message"]].to_string()
        pd.testing.assert_frame_equal(part.ret.cases, RET.cases)
    else:
        assert not any(part.ok for part in parts)
    if expected.rule:
        found = next(p for p in problems if p.rule == expected.rule)
        assert found.severity == ("warning" if expected.outcome == READ else "error")
        assert (found.file, found.cell) == (filename, expected.cell)
        assert expected.words in found.message and found.message_en and found.message_en != found.message


@pytest.mark.parametrize("name", HOSTILE, ids=HOSTILE.keys())
def test_the_command_line_survives_a_hostile_file_and_imports_the_next_one(tmp_path, capsys, name):
    filename, content = hostile_file(name)
    expected = HOSTILE[name][1]
    url = f"sqlite:///{tmp_path / 'cum2.sqlite'}"
    store = a_store(tmp_path)
    (tmp_path / filename).write_bytes(content)
    (tmp_path / "son_la.xlsx").write_bytes(workbook(a_return("son_la")))
    cli.main(["import", str(tmp_path / "son_la.xlsx"), "--db", url])
    before = database_state(store)
    (tmp_path / "dien_bien.xlsx").write_bytes(workbook(a_return("dien_bien")))
    capsys.readouterr()

    code = cli.main(["import", str(tmp_path / filename), str(tmp_path / "dien_bien.xlsx"), "--db", url])

    said = capsys.readouterr()
    assert "Traceback" not in said.out + said.err
    assert "dien_bien.xlsx: ĐÃ LƯU" in said.out
    if expected.outcome == REFUSED:
        assert code == 1 and f"{filename}: BỊ TỪ CHỐI" in said.out and expected.words in said.out
        after = database_state(store)
        assert after[0] == before[0] + 1 and filename not in set(after[2]["filename"])
    else:
        assert code == 0 and f"{filename}: ĐÃ LƯU" in said.out and expected.words in said.out


def test_a_refused_hostile_file_leaves_the_database_as_it_was(tmp_path):

    store = a_store(tmp_path)
    imported(store, "son_la.xlsx", workbook(a_return("son_la")), account(store))
    before = database_state(store)

    outcome = imported(store, *hostile_file("an .xlsx of 12 million cells without a reference"), account(store))

    assert outcome.status == "rejected"
    after = database_state(store)
    assert after[0] == before[0]
    pd.testing.assert_frame_equal(after[1], before[1])
    pd.testing.assert_frame_equal(after[2], before[2])
