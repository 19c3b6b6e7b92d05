"""Text that users or files supply, made safe to show in Streamlit's markdown (captions, notices, headings)."""

from __future__ import annotations

import re

# What could turn text into something else: links and images ([…](…)), Streamlit's colour directives
# (:red[…]) and LaTeX ($…$), code, emphasis with *, tables. Underscores stay: inside a word (file names)
# they are not emphasis.
_SPECIAL = re.compile(r"([\\`*\[\]<>$|])")


def md(text: object) -> str:
    """The text shown as it was written: no link, image, formula or emphasis can come out of it."""
    return _SPECIAL.sub(r"\\\1", str(text))
