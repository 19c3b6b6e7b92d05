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
WEIGHT_EDITOR = "weights_editor"  # the ranking page's weight editor
UPLOADER = "upload_files"  # the file uploader; its key changes after storing to clear it
UPLOAD_ROUND = "upload_round"  # counter appended to the uploader key
UPLOAD_RESULTS = "upload_results"  # outcomes of the last confirmed upload, shown after the rerun
UPLOAD_FAILURES = "upload_failures"  # files the database could not take, shown after the rerun
UPLOAD_COMMENT = "upload_comment"  # an optional note stored with the returns being uploaded

DEFAULT_LANG = "vi"
ACCOUNT = "account"  # the signed-in analytics.security.Account
SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"  # last activity, for the idle timeout
EXPIRED = "session_expired"  # set once when a session times out, to say so
ENDED = "session_ended"  # the user name whose session a disable or a password change ended, to say so once
IDENTITY_ANSWERS = "identity_answers"  # sha256 of a file → the Choice the user confirmed for it
INTENDED_COURT = "upload_court"  # the court the user says the files are for ("" = recognise it)
INTENDED_PERIOD = "upload_period"
