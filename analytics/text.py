"""Text folding for matching labels and names typed by people (case, accents, Unicode form, spaces), and the
bilingual words every registry record answers `label(lang)` with."""

from __future__ import annotations

import errno
import functools
import re
import unicodedata
from typing import NamedTuple

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


class Words(NamedTuple):
    """A name in Vietnamese and in English. Still a pair (`vi, en = words`), so older readers keep working."""

    vi: str
    en: str

    def label(self, lang: str = "vi") -> str:
        """The name in the reader's language ("en" English, anything else Vietnamese: the product's first)."""
        return self.en if lang == "en" else self.vi


class Said(Exception):
    """Something the reader must be told, in Vietnamese (`message`) and in English (`message_en`, also the
    exception's own text): a missing piece, an input that cannot be stored, a write refused."""

    def __init__(self, message: str, message_en: str) -> None:
        super().__init__(message_en)
        self.message, self.message_en = message, message_en

    def both(self) -> str:
        """Both sentences on one line, Vietnamese first: as the command line and the server's log say it."""
        return f"{self.message} / {self.message_en}"


class Labelled:
    """A registry record with `label_vi` and `label_en` (case types, measures, periods, indicators): `label(lang)`."""

    def label(self, lang: str = "vi") -> str:
        return Words(self.label_vi, self.label_en).label(lang)  # type: ignore[attr-defined]


# Why the system refused a file or a folder, in words for a court's staff; the system's own words (English) otherwise.
_OS_REASONS = {
    errno.ENOENT: Words("không có tệp hay thư mục này", "no such file or folder"),
    errno.EACCES: Words("không có quyền truy cập", "permission denied"),
    errno.EPERM: Words("không có quyền truy cập", "permission denied"),
    errno.EISDIR: Words("đây là một thư mục, không phải tệp", "a folder, not a file"),
    errno.ENOTDIR: Words("một phần của đường dẫn không phải thư mục", "a part of the path is not a folder"),
    errno.ENOSPC: Words("ổ đĩa đã đầy", "no space left on the disk"),
    errno.EROFS: Words("ổ đĩa chỉ cho đọc", "the disk is read-only"),
    errno.EEXIST: Words("đã có một tệp cùng tên", "a file of that name exists"),
}


def os_reason(error: OSError) -> Words:
    """Why an OSError happened, in Vietnamese and in English: a known cause in words, any other as the system says it
    (its English text, «lỗi hệ thống: …» in the Vietnamese)."""
    known = _OS_REASONS.get(error.errno)
    if known is not None:
        return known
    said = error.strerror or type(error).__name__
    return Words(f"lỗi hệ thống: {said}", said)
