"""Text folding for matching labels and names typed by people: case, accents, Unicode form, spaces."""

from __future__ import annotations

import functools
import re
import unicodedata

_SPACES = re.compile(r"\s+")


@functools.lru_cache(maxsize=100_000)  # the same labels and names come back in every block of a large workbook
def fold(text: str) -> str:
    """Lower case, without diacritics (đ → d), NFC/NFD alike, with runs of white space as one space."""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", bare).strip().lower()


def drop_words(folded: str, phrases: tuple[str, ...]) -> str:
    """The folded text without the given phrases where they stand as whole words."""
    for phrase in phrases:
        folded = re.sub(rf"(?<!\w){re.escape(phrase)}(?!\w)", " ", folded)
    return _SPACES.sub(" ", folded).strip()
