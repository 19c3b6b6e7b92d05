"""Session-state and query-parameter keys, in one place. Bound widgets use them as URL parameter names."""

LANG = "lang"  # "vi" or "en"
YEAR = "nam"  # statistical year (bound to the URL)
PERIOD = "ky"  # period key: "3", "6", "9", "12", "Q1".."Q4" (bound to the URL)
INDICATOR = "chi_tieu"  # the indicator on the compare page (bound to the URL)
UPLOADER = "upload_files"  # the file uploader; its key changes after storing to clear it
UPLOAD_ROUND = "upload_round"  # counter appended to the uploader key
UPLOAD_RESULTS = "upload_results"  # outcomes of the last confirmed upload, shown after the rerun

DEFAULT_LANG = "vi"
ACCOUNT = "account"  # the signed-in analytics.security.Account
SIGNED_IN_AT = "signed_in_at"
SEEN_AT = "seen_at"  # last activity, for the idle timeout
EXPIRED = "session_expired"  # set once when a session times out, to say so
IDENTITY_ANSWERS = "identity_answers"  # sha256 of a file → the Choice the user confirmed for it
INTENDED_COURT = "upload_court"  # the court the user says the files are for ("" = recognise it)
INTENDED_PERIOD = "upload_period"
