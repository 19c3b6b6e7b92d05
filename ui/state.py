"""Session-state and query-parameter keys, in one place. Bound widgets use them as URL parameter names."""

LANG = "lang"  # "vi" or "en"
YEAR = "nam"  # statistical year (bound to the URL)
PERIOD = "ky"  # period key: "3", "6", "9", "12", "Q1".."Q4" (bound to the URL)
INDICATOR = "chi_tieu"  # the indicator on the compare and trends pages (bound to the URL)
GROUP = "nhom"  # case group: "all", "criminal", "civil_group", "administrative", "admin_measures" (bound to the URL)
COURTS = "toa"  # the courts shown, comma-separated in the URL; none = all of them
COURT = "toa_an"  # the court of the profile page (bound to the URL)
TREND_VIEW = "xem"  # trends: "luy_ke" (cumulative) or "quy" (quarters alone) (bound to the URL)
COMMENT_TEXT = "comment_text"  # the note being typed on the profile page
COMMENT_AUTHOR = "comment_author"
WEIGHT_EDITOR = "weights_editor"  # the ranking page's weight editor
UPLOADER = "upload_files"  # the file uploader; its key changes after storing to clear it
UPLOAD_ROUND = "upload_round"  # counter appended to the uploader key
UPLOAD_RESULTS = "upload_results"  # outcomes of the last confirmed upload, shown after the rerun
USER = "user_name"  # who uploads, until accounts exist
UPLOAD_COMMENT = "upload_comment"  # an optional note stored with the returns being uploaded

DEFAULT_LANG = "vi"
