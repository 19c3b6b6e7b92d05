"""Checks made on a file's bytes before any reader opens it: size, kind, encryption and zip bombs.

A workbook in the .xlsx/.xlsm/.ods formats is a zip archive of XML; its declared and actual unpacked
sizes, its number of members, sheets and cells are bounded here, so a small upload cannot make the
server unpack gigabytes. The sheet XML read for that is kept: the workbook stage scans it for
formulas that have no calculated value.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import PurePath

from analytics import formatting
from analytics.ingest import sizing
from analytics.records import ERROR, Problem

XLSX = "xlsx"
ODS = "ods"
XLS = "xls"
CSV = "csv"

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")  # the stream Excel puts in a password-protected .xlsx
_OLE_WORKBOOK = ("Workbook".encode("utf-16-le"), "Book".encode("utf-16-le"))
# A legacy .xls with a password to open: the globals' BOF record (BIFF8 or BIFF5) followed by FILEPASS
# (0x002F); the BOF starts a sector, so the two records are contiguous in the file whatever the OLE layout.
_XLS_GLOBALS_BOF = re.compile(rb"\x09\x08(?:\x10\x00\x00\x06|\x08\x00\x00\x05)\x05\x00")
_ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_WORKBOOK = "xl/workbook.xml"
XLSX_RELS = "xl/_rels/workbook.xml.rels"
XLSX_STRINGS = "xl/sharedStrings.xml"
_CHUNK = 1 << 16


@dataclass(frozen=True)
class Limits:
    """How much a file may hold. The upload size matches Streamlit's server.maxUploadSize (MB)."""

    max_bytes: int = 10 * 1024 * 1024
    # A real return unpacks to a few MB; a national workbook of 700 courts to about 30 MB.
    max_unpacked_bytes: int = 200 * 1024 * 1024
    max_members: int = 1_000
    max_sheets: int = 200
    max_cells: int = 2_000_000


DEFAULT_LIMITS = Limits()


@dataclass
class Inspected:
    """What the bytes are: a format, and for zip formats the XML of each member read while bounding it."""

    kind: str | None
    members: dict[str, bytes] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    sizes: sizing.Sizing | None = None  # every sheet's size as the readers would build it


def _refuse(file: str, rule: str, vi: str, en: str) -> Inspected:
    return Inspected(None, problems=[Problem(ERROR, rule, vi, en, file)])


def _not_workbook(file: str) -> Inspected:
    return _refuse(
        file,
        "file.not_workbook",
        f"Tệp «{file}» không phải là bảng tính Excel đọc được (có thể sai định dạng hoặc bị hỏng). "
        "Hãy mở tệp bằng Excel, lưu lại dưới dạng .xlsx rồi tải lên lại.",
        f"'{file}' is not a readable Excel workbook (wrong format or damaged). Open it in Excel, save it as .xlsx "
        "and upload it again.",
    )


def _corrupt(file: str) -> Inspected:
    return _refuse(
        file,
        "file.corrupt",
        f"Tệp «{file}» bị hỏng hoặc không đầy đủ (có thể tải lên bị ngắt giữa chừng). "
        "Hãy mở tệp bằng Excel; nếu mở được, lưu lại rồi tải lên lại, nếu không hãy xin lại tệp gốc.",
        f"'{file}' is damaged or truncated. Open it in Excel and save it again, or get the original file again.",
    )


def _encrypted(file: str) -> Inspected:
    return _refuse(
        file,
        "file.encrypted",
        f"Tệp «{file}» được đặt mật khẩu. Hãy gỡ mật khẩu trong Excel (Tệp → Thông tin → Bảo vệ sổ làm việc) "
        "rồi tải lên lại.",
        f"'{file}' is password-protected. Remove the password in Excel and upload it again.",
    )


def _too_big(file: str, what_vi: str, what_en: str) -> Inspected:
    return _refuse(
        file,
        "file.too_big_unpacked",
        f"Tệp «{file}» chứa quá nhiều dữ liệu khi giải nén ({what_vi}), không giống một báo cáo thống kê. "
        "Hãy xóa các sheet và vùng dữ liệu không cần thiết rồi tải lên lại.",
        f"'{file}' holds too much data once unpacked ({what_en}); it does not look like a return.",
    )


def inspect(file: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> Inspected:
    """The file's kind and bounded contents, or the reason it is refused (never an exception)."""
    if not data:
        return _refuse(
            file,
            "file.empty",
            "Tệp rỗng (0 byte). Hãy chọn lại đúng tệp Excel báo cáo.",
            "The file is empty (0 bytes). Choose the return workbook again.",
        )
    if len(data) > limits.max_bytes:
        mb, size = limits.max_bytes / (1024 * 1024), len(data) / (1024 * 1024)
        return _refuse(
            file,
            "file.too_large",
            f"Tệp «{file}» có dung lượng {formatting.number(size, 1)} MB, vượt giới hạn "
            f"{formatting.number(mb, 0 if mb.is_integer() else 1)} MB. "
            "Hãy xóa các sheet không cần thiết (hình ảnh, dữ liệu gốc) hoặc lưu lại dưới dạng .xlsx rồi tải lên lại.",
            f"'{file}' is {size:.1f} MB, over the {mb:g} MB limit.",
        )
    if data.startswith(_ZIP_MAGIC):
        return _inspect_zip(file, data, limits)
    if data.startswith(_OLE_MAGIC):
        if _OLE_ENCRYPTED in data or _xls_filepass(data):
            return _encrypted(file)
        if any(name in data for name in _OLE_WORKBOOK):
            sized = sizing.size_xls(file, data, limits.max_cells)
            if sized.problems:
                return Inspected(None, problems=sized.problems)
            return Inspected(XLS, sizes=sized)
        return _not_workbook(file)
    if PurePath(file).suffix.lower() in TEXT_SUFFIXES:
        return Inspected(CSV)
    return _not_workbook(file)


def _xls_filepass(data: bytes) -> bool:
    """The globals' BOF followed by FILEPASS; BIFF5's BOF is 8 bytes long, BIFF8's 16."""
    for found in _XLS_GLOBALS_BOF.finditer(data):
        after = found.start() + 4 + found.group()[2]
        if data[after : after + 2] == b"\x2f\x00":
            return True
    return False


def _inspect_zip(file: str, data: bytes, limits: Limits) -> Inspected:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
        by_name = {info.filename: info for info in infos}
        if XLSX_WORKBOOK in by_name:
            kind = XLSX
        elif "mimetype" in by_name and archive.read("mimetype").strip() == _ODS_MIMETYPE:
            kind = ODS
        else:
            return _not_workbook(file)
        if len(infos) > limits.max_members:
            return _too_big(file, f"{len(infos)} thành phần", f"{len(infos)} members")
        if sum(info.file_size for info in infos) > limits.max_unpacked_bytes:
            return _too_big(file, "vượt giới hạn giải nén", "over the unpacked-size limit")
        # Every member is unpacked within the budget whatever its header claims (the readers unpack shared
        # strings, styles… too); the workbook's own parts and every sheet part it names are kept, whatever
        # their names: a sheet need not end in .xml.
        budget = limits.max_unpacked_bytes
        members: dict[str, bytes] = {}
        for name in (XLSX_WORKBOOK, XLSX_RELS) if kind == XLSX else ("content.xml",):
            if name in by_name:
                members[name] = _read_bounded(archive, by_name[name], budget)
                if members[name] is None:
                    return _too_big(file, "vượt giới hạn giải nén", "over the unpacked-size limit")
                budget -= len(members[name])
        parts = (
            sizing.xlsx_sheet_parts(members.get(XLSX_WORKBOOK, b""), members.get(XLSX_RELS, b""))
            if kind == XLSX
            else []
        )
        wanted = {path for _, path in parts} | {XLSX_STRINGS}
        for info in infos:
            if info.filename in members:
                continue
            content = _read_bounded(archive, info, budget)
            if content is None:
                return _too_big(file, "vượt giới hạn giải nén", "over the unpacked-size limit")
            budget -= len(content)
            if info.filename in wanted:
                members[info.filename] = content
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, KeyError, NotImplementedError, ValueError):
        return _corrupt(file)
    if kind == XLSX:
        if len(parts) > limits.max_sheets:
            return _too_big(file, f"{len(parts)} sheet", f"{len(parts)} sheets")
        strings = members.get(XLSX_STRINGS, b"")
        if strings.count(b"<si>") + strings.count(b"<si ") + strings.count(b":si>") > limits.max_cells:
            return _too_big(file, "quá nhiều chuỗi chữ", "too many shared strings")
        sized = sizing.size_xlsx(file, members, parts, limits.max_cells)
    else:
        content = members.get("content.xml", b"")
        if content.count(b"<table:table ") > limits.max_sheets:
            return _too_big(file, "quá nhiều sheet", "too many sheets")
        sized = sizing.size_ods(file, content, limits.max_cells)
    if sized.problems:
        return Inspected(None, problems=sized.problems)
    return Inspected(kind, members, sizes=sized)


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes | None:
    """A member's bytes, or None once it unpacks past the budget (whatever its header claims). Grown in place:
    a list of chunks joined at the end would hold the member twice."""
    content = bytearray()
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            content += chunk
            if len(content) > budget:
                return None
    return content
