"""Text that users or files supply (comments, names, file names, notes, prepared-by, e-mails), put on a page as
plain text. Streamlit draws most text as markdown (GitHub's dialect with links found in bare URLs, colour
directives such as :red[…], icons :material/…:, LaTeX $…$); these are the one way user text reaches it:
`user_text` for a block of its own (a comment: no markdown at all), `plain` for user text inside a sentence.
`stylesheet` is the app's one piece of HTML: a fixed style rule of the code, never text from users or files.
"""

from __future__ import annotations

import re
import string

import streamlit as st

# Every ASCII punctuation character may be escaped with a backslash in CommonMark, and an escaped one is always
# the character itself: no heading (#), rule (---, ***), list (-, +, *, 1.), quote (>), emphasis, code, link or
# image ([…](…)), HTML (<…>), entity (&…;), table (|), directive (:red[…]), icon (:material/…:), LaTeX ($).
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
# The browser finds bare URLs and e-mail addresses in the *text* after markdown is parsed (GitHub's autolink
# literals), escapes or not: an invisible word joiner (U+2060) after "http(s):", "www" and "@" keeps them text.
_AUTOLINK = re.compile(r"(?i)(https?\\:|ftp\\:|mailto\\:|xmpp\\:|www(?=\\\.)|\\@)")
WORD_JOINER = "\u2060"
_LINE_BREAKS = re.compile(r"\r\n|\r|\n")
_LEADING_SPACE = re.compile(r"^[ \t]+")


def plain(text: object) -> str:
    """The text as a markdown fragment that shows exactly the text: every line kept (as a line break), nothing
    else made of it. Use it for any user or file text put into a markdown string (st.markdown, captions,
    notices, labels, the text catalogue's {placeholders})."""
    escaped = _AUTOLINK.sub(lambda m: m.group() + WORD_JOINER, _PUNCTUATION.sub(r"\\\1", str(text)))
    # A line break inside one paragraph (two spaces before it); blank lines are kept as such, and a line that
    # begins with spaces or tabs cannot become code because they are kept as non-breaking spaces.
    lines = [_LEADING_SPACE.sub(lambda m: "\u00a0" * len(m.group()), line) for line in _LINE_BREAKS.split(escaped)]
    return "  \n".join(lines)


def user_text(text: object, *, container=st) -> None:
    """A block of user text (a comment) on the page exactly as typed, line by line: `st.text` parses no markdown
    and no HTML, and finds no link."""
    container.text(str(text))


def stylesheet(rules: str) -> None:
    """A style rule the code writes (a constant: Streamlit has no option for what it changes) put on the page; it takes
    no room there. Refused when it holds a «<»: no tag can open, nor the style element close, from within it."""
    if "<" in rules:
        raise ValueError("a stylesheet holds style rules only, no markup")
    st.html(f"<style>{rules}</style>")
