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

from analytics.model import ERROR, Problem

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
        mb = limits.max_bytes / (1024 * 1024)
        return _refuse(
            file,
            "file.too_large",
            f"Tệp «{file}» có dung lượng {len(data) / (1024 * 1024):.1f} MB, vượt giới hạn {mb:g} MB. "
            "Hãy xóa các sheet không cần thiết (hình ảnh, dữ liệu gốc) hoặc lưu lại dưới dạng .xlsx rồi tải lên lại.",
            f"'{file}' is {len(data) / (1024 * 1024):.1f} MB, over the {mb:g} MB limit.",
        )
    if data.startswith(_ZIP_MAGIC):
        return _inspect_zip(file, data, limits)
    if data.startswith(_OLE_MAGIC):
        if _OLE_ENCRYPTED in data or _xls_filepass(data):
            return _encrypted(file)
        if any(name in data for name in _OLE_WORKBOOK):
            return Inspected(XLS)
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
        names = {info.filename for info in infos}
        if "xl/workbook.xml" in names:
            kind = XLSX
        elif "mimetype" in names and archive.read("mimetype").strip() == _ODS_MIMETYPE:
            kind = ODS
        else:
            return _not_workbook(file)
        if len(infos) > limits.max_members:
            return _too_big(file, f"{len(infos)} thành phần", f"{len(infos)} members")
        if sum(info.file_size for info in infos) > limits.max_unpacked_bytes:
            return _too_big(file, "vượt giới hạn giải nén", "over the unpacked-size limit")
        members: dict[str, bytes] = {}
        unpacked = 0
        for info in infos:
            if not info.filename.endswith((".xml", ".rels")):
                continue
            content = _read_bounded(archive, info, limits.max_unpacked_bytes - unpacked)
            if content is None:
                return _too_big(file, "vượt giới hạn giải nén", "over the unpacked-size limit")
            unpacked += len(content)
            members[info.filename] = content
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, KeyError, NotImplementedError, ValueError):
        return _corrupt(file)
    sheets, cells = _count(kind, members)
    if sheets > limits.max_sheets:
        return _too_big(file, f"{sheets} sheet", f"{sheets} sheets")
    if cells > limits.max_cells:
        return _too_big(file, f"khoảng {cells:,} ô".replace(",", "."), f"about {cells:,} cells")
    return Inspected(kind, members)


def _read_bounded(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: int) -> bytes | None:
    """A member's bytes, or None once it unpacks past the budget (whatever its header claims)."""
    parts: list[bytes] = []
    size = 0
    with archive.open(info) as handle:
        while chunk := handle.read(_CHUNK):
            size += len(chunk)
            if size > budget:
                return None
            parts.append(chunk)
    return b"".join(parts)


_XLSX_SHEET = re.compile(rb"^xl/worksheets/[^/]+\.xml$")


def _count(kind: str, members: dict[str, bytes]) -> tuple[int, int]:
    """Sheets and cells (an upper bound the readers would expand) declared in the XML."""
    if kind == XLSX:
        sheets = [content for name, content in members.items() if _XLSX_SHEET.match(name.encode())]
        return len(sheets), sum(content.count(b"<c ") for content in sheets)
    content = members.get("content.xml", b"")
    repeated = sum(int(n) for n in re.findall(rb'number-columns-repeated="(\d+)"', content) if len(n) < 9)
    return content.count(b"<table:table "), content.count(b"<table:table-cell") + repeated
