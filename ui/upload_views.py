"""The upload page's parts: template download, per-file report, the confirm step, the history."""

from __future__ import annotations

import logging
from collections import Counter

import streamlit as st

from analytics import formatting, upload
from analytics.compute import tables
from analytics.compute.comparison import court_label
from analytics.domain import PERIOD_BY_KEY, current_courts
from analytics.domain import courts as all_courts
from analytics.ingest.identity import CONTENT, COURT, PERIOD, YEAR, Choice
from analytics.ingest.report import report_csv, report_xlsx, upload_report
from analytics.ingest.template import write_workbook
from analytics.records import ERROR, WARNING
from analytics.security import Account, PermissionDenied
from analytics.store.database import StoreUnavailable, log_failure, sha256
from analytics.store.storage import Store
from analytics.upload import Checked, CheckedFile, display_name, preview
from ui import auth, data, state, widgets
from ui.frame import View
from ui.i18n import lang, said, t
from ui.safe import plain

TEMPLATE_NAME = "mau_bao_cao_cum_II.xlsx"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@st.cache_data(show_spinner=False)
def _template() -> bytes:
    return write_workbook()


def template_download() -> None:
    st.download_button(t("upload.template"), _template(), file_name=TEMPLATE_NAME, mime=XLSX_MIME, icon="⬇️")


def _period(key: str) -> str:
    return PERIOD_BY_KEY[key].label(lang())


def who_uploads(account: Account) -> None:
    st.caption(t("upload.as", who=auth.describe(account)))
    if account.court is not None:
        st.caption(t("upload.own_court_only", court=court_label(account.court, lang())))


def _allowed(item: Checked, account: Account) -> bool:
    return item.ok and account.may_write(item.ret.court)


AUTO = ""  # "recognise it from the file"


def intended(account: Account, view_lang: str) -> Choice | None:
    """What the user says the files are; the importer asks when a file says otherwise."""
    courts = [AUTO] + [c.key for c in current_courts()]
    default = courts.index(account.court) if account.court in courts else 0
    left, right = st.columns(2)
    court = left.selectbox(
        t("upload.intended_court"),
        courts,
        index=default,
        format_func=lambda c: t("upload.auto") if c == AUTO else court_label(c, view_lang),
        key=state.INTENDED_COURT,
    )
    period = right.selectbox(
        t("upload.intended_period"),
        [AUTO, *PERIOD_BY_KEY],
        format_func=lambda p: t("upload.auto") if p == AUTO else _period(p),
        key=state.INTENDED_PERIOD,
    )
    if court == AUTO and period == AUTO:
        return None
    return Choice(court=court or None, period=period or None)


def check_files(view: View, files, choice: Choice | None) -> list[CheckedFile]:
    """Each uploaded file with its returns, checked against what the user chose, or the answer they confirmed."""
    answers = st.session_state.setdefault(state.IDENTITY_ANSWERS, {})
    checked = []
    for file in files:
        content = file.getvalue()
        checked.append(data.checked(view.url, view.version, file.name, content, answers.get(sha256(content), choice)))
    return checked


PARTS_IN_FULL = 7  # a compiled workbook of the cluster's seven courts shows each in full; a larger one, a line each
PARTS_TO_LOOK_AT = 5  # of a larger one, the returns with something to look at shown in full; the rest in the report


def file_report(file: CheckedFile, account: Account, view_lang: str) -> None:
    """One file: its verdict per return (seven for a compiled workbook), questions, report, preview. The check report
    is made on the click (a national workbook's holds 80.000 lines)."""
    parts = file.parts
    with st.container(border=True):
        st.markdown(f"**{plain(file.filename)}**")
        if len(parts) > 1:
            st.caption(t("upload.compiled", n=len(parts)))
        if len(parts) > PARTS_IN_FULL:
            _summed_up(file, account, view_lang)
        else:
            for item in parts:
                _part_report(item, account, view_lang)
        name = f"bao_cao_kiem_tra_{display_name(file.filename).rsplit('.', 1)[0]}"
        formats = [("upload.report", report_xlsx, "xlsx", XLSX_MIME, "")]
        if len(parts) > PARTS_IN_FULL:  # a national file's 80.000 lines: the workbook takes 7–10 s, the CSV 2–3 s
            formats.append(("upload.report_csv", report_csv, "csv", "text/csv", "_csv"))
        for label, written, extension, mime, suffix in formats:
            st.download_button(
                t(label),
                lambda written=written: written(upload_report(parts, view_lang), view_lang),
                file_name=f"{name}.{extension}",
                mime=mime,
                key=f"{state.UPLOAD_REPORT}{suffix}_{file.sha256}",
                icon="⬇️",
                on_click="ignore",  # the page stays as it is
            )


def _line(item: Checked, account: Account) -> tables.PartLine:
    ret, becomes, counts = item.ret, item.becomes, Counter(p.severity for p in item.problems)
    if item.needs_answer:
        result = "ask"
    elif not item.ok:
        result = "errors"
    elif not account.may_write(ret.court):
        result = "denied"
    else:
        result = "warnings" if counts[WARNING] else "ok"
    return tables.PartLine(
        court=ret.court if ret is not None else None,
        part=item.part,
        period=ret.period if ret is not None else None,
        result=result,
        count=counts[ERROR] if result == "errors" else counts[WARNING],
        version=becomes.version if becomes is not None and result in ("ok", "warnings") else None,
        replaced=item.replaces.version if item.replaces is not None else None,
        unchanged=becomes is not None and becomes.status == "unchanged",
    )


def _summed_up(file: CheckedFile, account: Account, view_lang: str) -> None:
    """A compiled workbook of many courts: a line per court, in full only the first few returns with something to
    look at (a question, an error, a warning, a version replaced), and the figures of one return chosen to preview."""
    lines = [_line(item, account) for item in file.parts]
    widgets.show(tables.upload_parts(lines, view_lang), result=t("col.result"))
    to_look_at = [item for item, line in zip(file.parts, lines, strict=True) if line.result != "ok" or line.replaced]
    if to_look_at:
        st.markdown(f"*{t('upload.parts_to_look_at', n=len(to_look_at))}*")
    for item in to_look_at[:PARTS_TO_LOOK_AT]:
        _part_report(item, account, view_lang)
    if len(to_look_at) > PARTS_TO_LOOK_AT:
        st.caption(t("upload.parts_more", n=len(to_look_at) - PARTS_TO_LOOK_AT))
    readable = [item for item in file.parts if item.ret is not None]
    if readable:
        chosen = st.selectbox(
            t("upload.preview_of"),
            range(len(readable)),
            format_func=lambda i: court_label(readable[i].ret.court, view_lang),
            key=f"{state.UPLOAD_PREVIEW}_{file.sha256}",
        )
        _preview(readable[chosen], view_lang)


def _preview(item: Checked, view_lang: str) -> None:
    cases, court = tables.upload_preview(*preview(item.ret, view_lang), view_lang)
    widgets.show(cases)
    st.markdown(f"*{t('upload.court_figures')}*")
    widgets.show(court)


def _part_report(item: Checked, account: Account, view_lang: str) -> None:
    errors = sum(p.severity == ERROR for p in item.problems)
    warnings = sum(p.severity == WARNING for p in item.problems)
    with st.container():
        if item.part:
            st.markdown(f"*{plain(item.part)}*")
        if item.needs_answer:
            _ask_identity(item, view_lang)
        if not item.ok:
            st.error(t("upload.rejected", n=errors), icon="✖️")
        elif not account.may_write(item.ret.court):
            denied = PermissionDenied.for_court(account, item.ret.court)
            st.error(said(denied.message, denied.message_en), icon="✖️")
        else:
            st.success(t("upload.ok_warnings", n=warnings) if warnings else t("upload.ok"), icon="✔️")
            ret, becomes = item.ret, item.becomes
            if becomes.status == "unchanged":
                when = formatting.moment(becomes.stored_at)
                st.info(t("upload.already", when=when, version=becomes.version), icon="ℹ️")
            else:
                st.markdown(
                    t(
                        "upload.will_store",
                        court=court_label(ret.court, view_lang),
                        year=ret.year,
                        period=_period(ret.period),
                        version=becomes.version,
                    )
                )
                if item.replaces is not None:
                    _replacing(item, view_lang)
        if item.problems:
            st.markdown(f"*{t('upload.problems')}*")
            widgets.problems(item.table(), view_lang)
        if item.ret is not None:
            with st.expander(t("upload.preview")):
                _preview(item, view_lang)


def _replacing(item: Checked, view_lang: str) -> None:
    """The version this one would replace as current, and how many of its figures would change (a correction; a
    quarter alone made cumulative over a year-end return stored since): a warning when any would, else a note."""
    replaced = item.replaces
    changes = replaced.changes(item.ret, view_lang)
    when = formatting.moment(replaced.stored_at)
    if changes.empty:
        st.info(t("upload.replaces_same", version=replaced.version, when=when), icon="ℹ️")
        return
    shown = plain(tables.changed_figures(changes, view_lang))
    st.warning(t("upload.replaces", version=replaced.version, when=when, n=len(changes), changes=shown), icon="⚠️")


def _ask_identity(item: Checked, view_lang: str) -> None:
    """The file and the choice disagree (or say nothing) about court, year or period: ask, then insist."""
    resolution = item.resolution
    for disagreement in resolution.disagreements:
        st.warning(plain(said(*disagreement.message())), icon="⚠️")
    if resolution.missing:
        st.warning(t("upload.identity_missing"), icon="⚠️")
    candidates = {d.field: [v for v, _ in d.candidates] for d in resolution.disagreements}
    # What the file itself says comes first, so that only the disputed field needs an answer.
    stated = {c.field: c.value for c in reversed(resolution.clues) if c.source == CONTENT}
    courts = candidates.get(COURT) or [c.key for c in all_courts()]
    periods = candidates.get(PERIOD) or list(PERIOD_BY_KEY)
    years = candidates.get(YEAR) or [stated.get(YEAR, 2023)]
    first = lambda options, field: options.index(stated[field]) if stated.get(field) in options else 0  # noqa: E731
    key = sha256(item.content) + item.part
    with st.form(f"identity_{key}"):
        st.markdown(t("upload.identity_ask"))
        court = st.selectbox(
            t("court"), courts, index=first(courts, COURT), format_func=lambda c: court_label(str(c), view_lang)
        )
        year = st.selectbox(t("col.year"), years, index=first(years, YEAR))
        period = st.selectbox(
            t("col.period"), periods, index=first(periods, PERIOD), format_func=lambda p: _period(str(p))
        )
        if st.form_submit_button(t("upload.identity_confirm")):
            answers = st.session_state.setdefault(state.IDENTITY_ANSWERS, {})
            answers[sha256(item.content)] = Choice(str(court), int(year), str(period), insist=True)
            st.rerun()


def confirm(store: Store, checked: list[CheckedFile], account: Account) -> None:
    """The confirm button: every file that may be stored (a compiled workbook whole or not at all) and the note,
    in one transaction (upload.confirm)."""
    files = [f for f in checked if f.ok and all(account.may_write(p.ret.court) for p in f.parts)]
    if not files:
        st.warning(t("upload.nothing_valid"))
        return
    if st.button(t("upload.confirm", n=sum(len(f.parts) for f in files)), type="primary"):
        note = (st.session_state.get(state.UPLOAD_COMMENT) or "").strip()
        try:
            outcomes = auth.attempt(lambda: upload.confirm(store, files, account, note))
        except StoreUnavailable as error:  # rolled back whole: the files stay in the uploader to try again
            # The reader is told «busy or unreachable»; the operator's log says which (a full disk, a lost server).
            log_failure(
                logging.getLogger(__name__), error, f": chưa lưu được tải lên của {account.username}", store.url
            )
            st.session_state[state.UPLOAD_FAILURES] = [said(error.message, error.message_en)]
            st.rerun()
        if outcomes is None:  # refused (and said so): nothing was written
            return
        st.session_state[state.UPLOAD_RESULTS] = [
            (o.filename, o.status, o.saved.court, o.saved.year, o.saved.period, o.saved.version) for o in outcomes
        ]
        st.session_state[state.UPLOAD_FAILURES] = []
        st.session_state[state.UPLOAD_ROUND] = st.session_state.get(state.UPLOAD_ROUND, 0) + 1
        st.rerun()


def last_results() -> None:
    """What the last confirmation stored, shown once after the rerun that cleared the uploader."""
    for message in st.session_state.pop(state.UPLOAD_FAILURES, []):
        st.error(plain(message), icon="⚠️")
    for filename, status, court, year, period, version in st.session_state.pop(state.UPLOAD_RESULTS, []):
        if status == "stored":
            text = t(
                "upload.stored",
                file=plain(filename),
                court=court_label(court, lang()),
                year=year,
                period=_period(period),
                version=version,
            )
            st.success(text, icon="✔️")
        else:
            st.info(t("upload.unchanged", file=plain(filename), version=version), icon="ℹ️")


def history(view: View) -> None:
    table = data.uploads(view.url, view.version)
    if table.empty:
        st.caption(t("upload.no_history"))
        return
    widgets.show(tables.uploads(table, view.lang, widgets.names(view)))
