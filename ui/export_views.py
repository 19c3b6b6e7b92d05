"""The export page's parts: the comparison workbook, the CSV in two flavours and the quarterly PDF report for the
sidebar's year, period, case group and courts in the reader's language, each built only when asked."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from analytics.outputs import report_pdf
from analytics.outputs.bundle import Bundle, bundle
from analytics.outputs.export import FORMATS, export_file, name_for
from ui import auth, data, frame, state, widgets
from ui.frame import View
from ui.i18n import said, t
from ui.safe import plain

# The files a click downloads at once (the button turns into a spinner while it is built: the workbook takes about a
# second); the PDF takes several seconds and may lack a piece, so it has a "prepare" button, a spinner and a message.
ON_CLICK = (("xlsx", "export.xlsx", "primary"), ("csv-excel", "export.csv_excel", "secondary"))
FOR_TOOLS = ("csv", "export.csv", "secondary")


def maker(view: View) -> Callable[[], Bundle]:
    """What every file of the page is made of, to be bundled on a click: the whole cluster's comparison (rank and the
    cluster row cover every court), the year's targets, figures, returns and comments, the stored weights; who asks
    (the signed-in account, or «Người xem») and when; who stored a return or wrote a comment as this reader may see
    them. The reads come from the cache now; the bundle is made, and timed, when a file is asked for."""
    url, version, year = view.url, view.version, view.year
    inputs = {
        "targets": data.targets(url, version, year),
        "figures": data.figures(url, version, year),
        "returns": data.returns(url, version),
        "comments": data.comments(url, version),
        "stored_weights": data.ranking_weights(url, version, year),
    }
    chosen = data.comparison(url, version, year, view.period)
    who = view.account.label if view.account is not None else t("export.anonymous")
    names, prepared = widgets.names(view), auth.names_shown(view.account)

    def made() -> Bundle:
        return bundle(
            chosen,
            **inputs,
            generated_by=who,
            generated_at=dt.datetime.now(dt.UTC),
            group=view.group,
            courts=view.courts,
            lang=view.lang,
            names=names,
            prepared=prepared,
        )

    return made


def downloads(view: View) -> None:
    """The four files side by side: the workbook and both CSV flavours built on the click itself, the PDF report
    through its "prepare" button."""
    made = maker(view)
    stem = _named(view)
    with st.container(horizontal=True):
        for kind, label, kind_of_button in (*ON_CLICK, FOR_TOOLS):
            st.download_button(
                t(label),
                lambda kind=kind: export_file(made(), kind),
                file_name=stem(kind),
                mime=FORMATS[kind][1],
                type=kind_of_button,
                icon="⬇️",
                on_click="ignore",  # the page stays as it is: nothing to redraw after a download
                key=f"export_{kind}",
            )
    st.caption(t("export.csv_help"))
    pdf_report(view, made, stem("pdf"))


def _named(view: View) -> Callable[[str], str]:
    """The file names of the sidebar's choice: so_sanh_cum_II_2023_12.xlsx, bao_cao_cum_II_2023_12.pdf, …"""
    return lambda kind: name_for(kind, view.year, view.period, view.group, view.lang)


@st.fragment
def pdf_report(view: View, made: Callable[[], Bundle], name: str) -> None:
    """The quarterly report: a button that makes it (with a spinner), then its download. What this server lacks for
    it (the typst package, a font) is said in one sentence instead of the button. A fragment: the click redraws
    this part only, once the account it names people for is checked again (the report shows uploaders' names); a
    database lost meanwhile is said as on every page (`frame.boundary`: app.py's `frame.run` is not run for it)."""
    with frame.boundary():
        _pdf_report(view, made, name)


def _pdf_report(view: View, made: Callable[[], Bundle], name: str) -> None:
    if view.account is not None and auth.current_account(data.store()) != view.account:
        st.rerun()  # a click here runs this part alone: an account ended or changed meanwhile is the page's to say
    st.subheader(t("export.pdf_title"))
    st.caption(t("export.pdf_intro"))
    missing = report_pdf.missing_pieces()
    if missing is not None:
        st.warning(plain(said(missing.message, missing.message_en)), icon="⚠️")
        return
    chosen = (view.version, view.year, view.period, view.group, view.courts, view.lang, _who(view))
    kept = st.session_state.get(state.EXPORT_PDF)
    if kept is None or kept[0] != chosen:
        if not st.button(t("export.pdf_prepare"), key="export_pdf_prepare"):
            return
        with st.spinner(t("export.pdf_working")):
            try:
                kept = (chosen, export_file(made(), "pdf"))
            except report_pdf.ReportUnavailable as failed:
                st.error(plain(said(failed.message, failed.message_en)), icon="✖️")
                return
        st.session_state[state.EXPORT_PDF] = kept
    st.download_button(
        t("export.pdf"),
        kept[1],
        file_name=name,
        mime=FORMATS["pdf"][1],
        type="primary",
        icon="⬇️",
        on_click="ignore",
        key="export_pdf",
    )


def _who(view: View) -> str:
    return view.account.username if view.account is not None else ""
