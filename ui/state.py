"""Every name the app keeps outside its code, in one place: the pages and their URL paths, the URL's query
parameters (the bound widgets use them as their keys), and the session-state keys."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Page:
    """A page: its script, the path of its URL (/so-sanh), its title in the catalogue, its icon (an emoji with a
    plain glyph in common fonts, so that it renders without an emoji font; Material icons would fetch a web font)."""

    script: str
    url_path: str
    title: str
    icon: str


OVERVIEW = Page("pages/overview.py", "", "nav.overview", "⚖️")  # the entry page, at /
COMPARE = Page("pages/compare.py", "so-sanh", "nav.compare", "↕️")
TRENDS = Page("pages/trends.py", "xu-huong", "nav.trends", "↗️")
PROFILE = Page("pages/profile.py", "ho-so", "nav.profile", "ℹ️")
RANKING = Page("pages/ranking.py", "xep-hang", "nav.ranking", "✔️")
UPLOAD = Page("pages/upload.py", "tai-len", "nav.upload", "⬆️")
EXPORT = Page("pages/export.py", "xuat-du-lieu", "nav.export", "⬇️")
VERSIONS = Page("pages/versions.py", "phien-ban", "nav.versions", "↩️")
ADMIN = Page("pages/admin.py", "quan-tri", "nav.admin", "⚙️")
LOGIN = Page("pages/login.py", "dang-nhap", "nav.login", "➡️")
PAGES = (OVERVIEW, COMPARE, TRENDS, PROFILE, RANKING, UPLOAD, EXPORT, VERSIONS, ADMIN, LOGIN)  # the navigation's order

# --- the URL's query parameters: the filters a shared link reproduces (bound widgets use them as their keys) ------
LANG = "lang"  # "vi" or "en"
YEAR = "nam"  # statistical year
PERIOD = "ky"  # period key: "3", "6", "9", "12", "Q1".."Q4"
INDICATOR = "chi_tieu"  # the indicator on the compare and trends pages
GROUP = "nhom"  # case group: "all", "criminal", "civil_group", "administrative", "admin_measures"
COURTS = "toa"  # the courts shown, comma-separated; none = all of them
COURT = "toa_an"  # the court of the profile page
TREND_VIEW = "xem"  # trends: "luy_ke" (cumulative) or "quy" (quarters alone)
DEFAULT_LANG = "vi"

# --- session state ---------------------------------------------------------------------------------------------
# The frame's bookkeeping of the bound widgets (prefixes: one key per URL parameter).
URL_WRITTEN = "_url_written_"  # what the frame last wrote to each URL parameter
SHADOW = "_chosen_"  # the last value of each bound widget, kept across pages (Streamlit resets widgets on a switch)
PAGE_SHOWN, PAGE_SWITCHED = "_page", "_page_switched"  # the page drawn last; whether this run switched pages
NAV_ROUND = "nav_round"  # bumped on every click that opens a profile: the clicked widget starts afresh

# Who is signed in.
ACCOUNT = "account"  # the signed-in analytics.security.Account
SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"  # last activity, for the idle timeout
EXPIRED = "session_expired"  # set once when a session times out, to say so
ENDED = "session_ended"  # the user name whose session a disable or a password change ended, to say so once

# Widgets and what they leave behind.
LOGIN_USERNAME, LOGIN_PASSWORD, LOGOUT = "login_username", "login_password", "logout"
COMMENT_TEXT = "comment_text"  # the note being typed on the profile page
WEIGHT_EDITOR = "weights_editor"  # the ranking page's weight editor
TARGETS_EDITOR = "targets_editor"  # the administration page's targets
COMPARE_TAB = "compare_tab"  # the compare page's open tab (only it is made and sent)
BARS, HEAT, SCORECARD = "bars", "heat", "scorecard"  # clickable charts and grid (+ NAV_ROUND: a fresh one each time)
UPLOADER = "upload_files"  # the file uploader; its key changes after storing to clear it
UPLOAD_ROUND = "upload_round"  # counter appended to the uploader key
UPLOAD_RESULTS = "upload_results"  # outcomes of the last confirmed upload, shown after the rerun
UPLOAD_FAILURES = "upload_failures"  # files the database could not take, shown after the rerun
VERSION_RESTORED = "version_restored"  # (version restored, new version): said once after the rerun that shows it
UPLOAD_COMMENT = "upload_comment"  # an optional note stored with the returns being uploaded
UPLOAD_REPORT = "report"  # + the file's SHA-256: the download of its upload report
UPLOAD_PREVIEW = "upload_preview"  # + the file's SHA-256: the return of a large compiled workbook previewed
IDENTITY_ANSWERS = "identity_answers"  # sha256 of a file → the Choice the user confirmed for it
INTENDED_COURT = "upload_court"  # the court the user says the files are for ("" = recognise it)
INTENDED_PERIOD = "upload_period"
EXPORT_PDF = "export_pdf_made"  # (the choice it was made for, its bytes): the quarterly report made on the export page
CHART_FILE = "chart_file"  # + the chart's name and the kind: (the drawing's fingerprint, the PNG or SVG bytes)
