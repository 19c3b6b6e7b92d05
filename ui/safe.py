"""Text that users or files supply (comments, names, file names, notes, prepared-by, e-mails), put on a page as
plain text. Streamlit draws most text as markdown (GitHub's dialect with links found in bare URLs, colour
directives such as :red[…], icons :material/…:, LaTeX $…$); this is the one way user text reaches it.
"""

from __future__ import annotations

import re
import string

import streamlit as st

# Every ASCII punctuation character may be escaped with a backslash in CommonMark, and an escaped one is always
# the character itself: no heading (#), rule (---, ***), list (-, +, *, 1.), quote (>), emphasis, code, link or
# image ([…](…)), HTML (<…>), entity (&…;), table (|), directive (:red[…]), LaTeX ($), and no bare URL or e-mail
# is made into a link (https\:\/\/ and www\. are not recognised as one).
_PUNCTUATION = re.compile("([" + re.escape(string.punctuation) + "])")
_LINE_BREAKS = re.compile(r"\r\n|\r|\n")
_LEADING_SPACE = re.compile(r"^[ \t]+")


def plain(text: object) -> str:
    """The text as a markdown fragment that shows exactly the text: every line kept (as a line break), nothing
    else made of it. Use it for any user or file text put into a markdown string (st.markdown, captions,
    notices, labels, the text catalogue's {placeholders})."""
    escaped = _PUNCTUATION.sub(r"\\\1", str(text))
    # A line break inside one paragraph (two spaces before it); blank lines are kept as such, and a line that
    # begins with spaces or tabs cannot become code because they are kept as non-breaking spaces.
    lines = [_LEADING_SPACE.sub(lambda m: "\u00a0" * len(m.group()), line) for line in _LINE_BREAKS.split(escaped)]
    return "  \n".join(lines)


def user_text(text: object, *, container=st) -> None:
    """A block of user text (a comment) on the page, as plain text."""
    container.markdown(plain(text))
