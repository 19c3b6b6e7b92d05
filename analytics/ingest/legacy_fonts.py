"""Text typed in the old Vietnamese font encodings (TCVN3/ABC, VNI-Windows): detection and conversion to Unicode.

Before Unicode, Vietnamese was typed with fonts that draw Vietnamese letters in place of Latin-1
ones; read as Unicode such text is garbled ("Tßa ¸n nh©n d©n", "Toøa aùn nhaân daân"). No maintained
converter exists on PyPI, so the two tables are here, as the font vendors defined them. TCVN3 upper
case letters live in a separate font (.VnTimeH) with the lower-case codes, so they convert to lower
case; matching folds case anyway.
"""

from __future__ import annotations

import re
import unicodedata

TCVN3 = "tcvn3"
VNI = "vni"

# TCVN3 (ABC) code → Unicode letter.
_TCVN3_PAIRS = (
    "µà ¸á ¶ả ·ã ¹ạ ¨ă »ằ ¾ắ ¼ẳ ½ẵ Æặ ©â Çầ Êấ Èẩ Éẫ Ëậ ®đ Ìè Ðé Îẻ Ïẽ Ñẹ ªê Òề Õế Óể Ôễ Öệ ×ì Ýí Øỉ Üĩ Þị "
    "ßò ãó áỏ âõ äọ «ô åồ èố æổ çỗ éộ ¬ơ êờ íớ ëở ìỡ îợ ïù óú ñủ òũ ôụ \u00adư õừ øứ öử ÷ữ ùự úỳ ýý ûỷ üỹ þỵ "
    "¡Ă ¢Â §Đ £Ê ¤Ô ¥Ơ ¦Ư"
)
TCVN3_TO_UNICODE = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split()} | {"\u00ad": "ư"}
# Codes that never appear in Vietnamese written in Unicode: their presence is the TCVN3 fingerprint.
_TCVN3_ONLY = set("µ¸¶·¹¨»¾¼½Æ©ÇËÐÎÏÑÖ×ØÜÞßä«åæç¬ëîïñö÷ûüþ¡¢§£¤¥¦®")

# VNI-Windows: a base letter followed by a mark letter; the longest sequence wins.
_VNI_MARKS = {"ù": "\u0301", "ø": "\u0300", "û": "\u0309", "õ": "\u0303", "ï": "\u0323"}
_VNI_HAT = {
    "â": "\u0302",
    "á": "\u0302\u0301",
    "à": "\u0302\u0300",
    "å": "\u0302\u0309",
    "ã": "\u0302\u0303",
    "ä": "\u0302\u0323",
}
_VNI_BREVE = {
    "ê": "\u0306",
    "é": "\u0306\u0301",
    "è": "\u0306\u0300",
    "ú": "\u0306\u0309",
    "ü": "\u0306\u0303",
    "ë": "\u0306\u0323",
}


def _vni_table() -> dict[str, str]:
    table: dict[str, str] = {}

    def add(code: str, base: str, marks: str) -> None:
        text = unicodedata.normalize("NFC", base + marks)
        table[code] = text
        table[code.upper()] = text.upper()

    for vowel in "aeiouy":
        for code, mark in _VNI_MARKS.items():
            add(vowel + code, vowel, mark)
    for vowel in "aeo":
        for code, mark in _VNI_HAT.items():
            add(vowel + code, vowel, mark)
    for code, mark in _VNI_BREVE.items():
        add("a" + code, "a", mark)
    for base_code, base in (("ô", "ơ"), ("ö", "ư")):
        add(base_code, base, "")
        for code, mark in _VNI_MARKS.items():
            add(base_code + code, base, mark)
    for code, letter in (("ñ", "đ"), ("æ", "ỉ"), ("ó", "ĩ"), ("ò", "ị"), ("î", "ỵ")):
        add(code, letter, "")
    return table


VNI_TO_UNICODE = _vni_table()
_VNI_PATTERN = re.compile("|".join(sorted(map(re.escape, VNI_TO_UNICODE), key=len, reverse=True)))
_VNI_FINGERPRINT = re.compile(r"[aeouyAEOUY][ùøûõïÙØÛÕÏ]|[aeoAEO][âÂ]|[aA][êÊ]|ñ|Ñ")
_TCVN3_PATTERN = re.compile("|".join(map(re.escape, TCVN3_TO_UNICODE)))
# Letters only Unicode Vietnamese has (Latin Extended): text holding them is already Unicode.
_UNICODE_VIETNAMESE = re.compile(
    "[\u0102\u0103\u0110\u0111\u0128\u0129\u0168\u0169\u01a0\u01a1\u01af\u01b0\u1ea0-\u1ef9]"
)


def detect(texts: list[str]) -> str | None:
    """TCVN3 or VNI when the texts of a workbook look typed in that old encoding; None when they are Unicode."""
    joined = " ".join(texts)
    if not joined or _UNICODE_VIETNAMESE.search(unicodedata.normalize("NFC", joined)):
        return None
    vni = len(_VNI_FINGERPRINT.findall(joined))
    tcvn3 = sum(1 for ch in joined if ch in _TCVN3_ONLY)
    if vni >= 2 and vni >= tcvn3:
        return VNI
    if tcvn3 >= 2:
        return TCVN3
    return None


def to_unicode(text: str, encoding: str) -> str:
    """The text converted from the old encoding to Unicode (NFC)."""
    if encoding == TCVN3:
        return _TCVN3_PATTERN.sub(lambda m: TCVN3_TO_UNICODE[m.group(0)], text)
    if encoding == VNI:
        return _VNI_PATTERN.sub(lambda m: VNI_TO_UNICODE[m.group(0)], text)
    return text
