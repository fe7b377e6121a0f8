"""Writers of deliberately messy case-list files, shaped like what courts really send.

Each writer puts a real file into a folder (pytest's tmp_path) and returns its path. The
expected outcome of reading each file is spelled out next to it (MESSY_*), so tests can assert
exact rows, problems and skips.
"""

from __future__ import annotations

import random
import struct
import zipfile
from datetime import date, datetime
from pathlib import Path

import xlsxwriter

try:  # optional: only for the .xls tests
    import xlwt
except ImportError:  # pragma: no cover - depends on the environment
    xlwt = None

TITLE = "二道区人民法院未结案件清单"

# Header as people type it: spaces inside, a line break and an annotation, a trailing colon, a
# required-field star, a full-width space, and two columns the reader does not know.
MESSY_HEADER = [
    "序号",
    "案  号",
    "案件名称",
    "案由",
    "立案日期\n（必填）",
    "承办部门",
    "承办人",
    "包保领导：",
    "未结原因",
    "预计结案日期*",
    "结案日期",
    "备　注",
    "类型",
]
MESSY_COLUMNS = {
    "case_number": "案 号",
    "title": "案件名称",
    "cause": "案由",
    "filing_date": "立案日期 （必填）",
    "department": "承办部门",
    "judge": "承办人",
    "leader": "包保领导：",
    "reason": "未结原因",
    "expected_close_date": "预计结案日期*",
    "closed_date": "结案日期",
    "notes": "备 注",
}
MESSY_UNRECOGNISED = ("序号", "类型")
MESSY_HEADER_ROW = 4


def cn(n: int) -> str:
    return f"（2021）吉0105民初{n}号"


# What read_case_list must return for the good rows of the messy workbook:
# Excel row -> (case number, filing date, department, judge, leader, expected close date).
MESSY_GOOD = {
    5: (cn(1), date(2021, 3, 5), "民一庭", "张三", "李四", date(2023, 6, 30)),
    6: (cn(2), date(2021, 3, 6), "民一庭", "王五", "李四", date(2023, 6, 30)),
    7: (cn(3), date(2021, 3, 7), "民一庭", "John Smith", "", date(2023, 6, 30)),
    9: (cn(4), date(2021, 3, 8), "民二庭", "赵六", "", date(2023, 6, 30)),
    16: (cn(10), date(2021, 3, 12), "民二庭", "孙八", "", None),
    18: (cn(11), date(2021, 3, 15), "执行局", "钱七", "周九", None),
    19: (cn(12), date(2021, 3, 16), "执行局", "钱七", "周九", None),
    20: (cn(13), date(2021, 3, 17), "执行局", "吴十", "周九", None),
    21: (cn(14), date(2021, 3, 18), "执行局", "吴十", "", None),
    22: (cn(15), date(2021, 3, 19), "执行局", "吴十", "", None),
}
# Excel row -> (field, raw value, case number, reason), in the order reported.
MESSY_PROBLEMS = [
    (
        10,
        "expected_close_date",
        "2021-02-30",
        cn(5),
        "expected close date 2021-02-30 is not a real date (day 30; February 2021 has 28 days)",
    ),
    (
        11,
        "filing_date",
        "2021-13-45",
        cn(6),
        "filing date 2021-13-45 is not a real date (month 13)",
    ),
    (13, "filing_date", "", cn(7), "filing date is missing"),
    (14, "case_number", "", "", "case number is missing"),
    (
        15,
        "closed_date",
        "待定",
        cn(9),
        "closed date '待定' is not a date (expected a form such as 2021-03-05)",
    ),
]
MESSY_SKIPPED = (
    (8, "blank row"),
    (12, "repeated header row"),
    (17, "section or note row, merged across columns (以下为执行案件)"),
    (23, "totals row (合 计)"),
)


def write_messy_xlsx(folder: Path, name: str = "messy.xlsx") -> Path:
    """The main messy workbook: every date form, merged cells, blank/totals/header rows."""
    path = folder / name
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("未结案件")
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    stamp = wb.add_format({"num_format": "yyyy-mm-dd hh:mm"})
    ws.merge_range("A1:M1", TITLE)
    ws.write("A2", "统计截止：2022年12月31日")
    ws.write_row("A4", MESSY_HEADER)

    def row(excel_row: int, values: list[object]) -> None:
        # Strings, numbers and None written as they are; dates as real date cells.
        for col, value in enumerate(values):
            if isinstance(value, datetime):
                ws.write_datetime(excel_row - 1, col, value, stamp)
            elif isinstance(value, date):
                ws.write_datetime(
                    excel_row - 1, col, datetime(value.year, value.month, value.day), day
                )
            elif value is not None:
                ws.write(excel_row - 1, col, value)

    # Department merged over rows 5-7: calamine returns 民一庭 in F5 only.
    ws.merge_range("F5:F7", "民一庭")
    row(
        5,
        [
            1,
            cn(1),
            "张三诉李四民间借贷纠纷",
            "民间借贷纠纷",
            date(2021, 3, 5),
            None,
            "张　三",
            " 李 四 ",
            "鉴定中",
            "2023.6.30",
            None,
            None,
            "民初",
        ],
    )
    row(
        6,
        [
            2,
            cn(2),
            "案二",
            "买卖合同纠纷",
            44261,
            None,
            "王五 ",
            "李四",
            "公告送达",
            date(2023, 6, 30),
        ],
    )
    row(
        7,
        [
            3,
            "（２０２１）吉０１０５民初３号",
            "案三",
            None,
            "２０２１年３月７日",
            None,
            "John  Smith",
            None,
            None,
            "20230630",
        ],
    )
    # Row 8 blank.
    row(9, [4, cn(4), "案四", None, "2021/3/8", "民二庭", "赵六", None, None, "2023年6月30日"])
    row(
        10,
        [5, cn(5), "案五", None, "2021-3-9 00:00:00", "民二庭", "赵六", None, None, "2021-02-30"],
    )
    row(11, [6, cn(6), "案六", None, "2021-13-45", "民二庭"])
    ws.write_row("A12", MESSY_HEADER)  # header repeated (pasted from another page)
    row(13, [7, cn(7), "案七", None, None, "民二庭"])
    row(14, [8, None, "案八", None, "2021-03-10", "民二庭"])
    row(15, [9, cn(9), "案九", None, "2021.3.11", "民二庭", None, None, None, None, "待定"])
    row(16, [10, cn(10), "案十", None, datetime(2021, 3, 12, 14, 30), "民二庭", "孙八"])
    ws.merge_range("A17:M17", "以下为执行案件")
    # Department merged over 18-22, judge over 20-22, leader over 18-20.
    ws.merge_range("F18:F22", "执行局")
    ws.merge_range("G20:G22", "吴十")
    ws.merge_range("H18:H20", "周九")
    row(18, [11, cn(11), "案十一", None, 44270.5, None, "钱七"])
    row(19, [12, cn(12), "案十二", None, "  20210316  ", None, "钱七"])
    row(20, [13, cn(13), "案十三", None, "2021-03-17"])
    row(21, [14, cn(14), "案十四", None, " 2021年03月18日 "])
    row(22, [15, cn(15), "案十五", None, "2021-3-19"])
    row(23, ["合  计", "共15件"])
    wb.close()
    return path


def write_xlsx(
    folder: Path,
    name: str,
    sheets: dict[str, list[list[object]]],
    *,
    merges: dict[str, list[tuple[str, object]]] | None = None,
    hidden: tuple[str, ...] = (),
    active: str | None = None,
) -> Path:
    """A plain workbook from rows of values (dates become date cells), with optional merged
    ranges given as ("F5:F7", value)."""
    path = folder / name
    wb = xlsxwriter.Workbook(str(path))
    day = wb.add_format({"num_format": "yyyy-mm-dd"})
    for title, rows in sheets.items():
        ws = wb.add_worksheet(title)
        for r, values in enumerate(rows):
            for c, value in enumerate(values):
                if isinstance(value, date):
                    ws.write_datetime(r, c, datetime(value.year, value.month, value.day), day)
                elif value is not None and value != "":
                    ws.write(r, c, value)
        for cells, value in (merges or {}).get(title, []):
            ws.merge_range(cells, value)
        if title in hidden:
            ws.hide()
        if title == active:
            ws.activate()
    wb.close()
    return path


# CSV: a title line, the header, and rows; one quoted cell spans two lines, so line numbers
# and record numbers differ from there on.
CSV_LINES = [
    [TITLE, "", "", ""],
    ["案号", "立案日期", "承办人", "案件名称"],
    [cn(1), "2021-03-05", "张　三", "案一"],
    [cn(2), "2021.3.6", "李四", "案二\n（续）"],
    ["", "", "", ""],
    [cn(3), "2021-13-45", "王五", "案三"],
    ["合计", "3", "", ""],
]
# line -> (case number, filing date, judge, title)
CSV_GOOD = {
    3: (cn(1), date(2021, 3, 5), "张三", "案一"),
    4: (cn(2), date(2021, 3, 6), "李四", "案二 （续）"),
}
CSV_PROBLEM_LINE = 7  # 2021-13-45, after the two-line cell
CSV_SKIPPED = ((6, "blank row"), (8, "totals row (合计)"))


def write_csv(
    folder: Path,
    name: str,
    *,
    encoding: str,
    delimiter: str = ",",
    lines: list[list[str]] | None = None,
) -> Path:
    path = folder / name
    out = []
    for values in lines if lines is not None else CSV_LINES:
        cells = [f'"{v}"' if ("\n" in v or delimiter in v) else v for v in values]
        out.append(delimiter.join(cells))
    path.write_bytes(("\r\n".join(out) + "\r\n").encode(encoding))
    return path


def write_xls(folder: Path, name: str = "old.xls") -> Path:
    """A BIFF8 .xls (Excel 97-2003) with a merged title, merged department, dates and text dates."""
    assert xlwt is not None
    path = folder / name
    wb = xlwt.Workbook(encoding="utf-8")
    ws = wb.add_sheet("清单")
    ws.write_merge(0, 0, 0, 3, TITLE)
    for c, h in enumerate(["案号", "立案日期", "承办部门", "承办人"]):
        ws.write(2, c, h)
    day = xlwt.easyxf(num_format_str="YYYY-MM-DD")
    ws.write(3, 0, cn(1))
    ws.write(3, 1, date(2021, 3, 5), day)
    ws.write_merge(3, 5, 2, 2, "民一庭")
    ws.write(3, 3, "张　三")
    ws.write(4, 0, cn(2))
    ws.write(4, 1, 44261)
    ws.write(4, 3, "李四")
    ws.write(5, 0, cn(3))
    ws.write(5, 1, "2021年3月7日")
    ws.write(6, 0, "合计")
    wb.save(str(path))
    return path


def write_random_bytes(folder: Path, name: str, *, prefix: bytes = b"", size: int = 4096) -> Path:
    path = folder / name
    path.write_bytes(prefix + random.Random(20210305).randbytes(size))
    return path


def write_truncated(source: Path, folder: Path, name: str) -> Path:
    """The first half of a real file, as left by an interrupted copy to a USB stick."""
    path = folder / name
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def write_zip_not_workbook(folder: Path, name: str = "report.xlsx") -> Path:
    """A valid zip that is not a workbook (a .docx or an archive renamed)."""
    path = folder / name
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("word/document.xml", "<w:document/>")
    return path


def write_encrypted_ole2(folder: Path, name: str = "locked.xlsx") -> Path:
    """A minimal, structurally valid OLE2 compound file holding the two streams that Excel
    writes for a workbook with a password to open: EncryptionInfo and EncryptedPackage."""
    end, free, fat_sector = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    # FAT sectors: 1; first directory sector: 1; mini stream cutoff; no mini FAT, no DIFAT.
    struct.pack_into("<IIIIIIII", header, 44, 1, 1, 0, 4096, end, 0, end, 0)
    struct.pack_into("<I", header, 76, 0)  # DIFAT[0] = sector 0 holds the FAT
    for i in range(1, 109):
        struct.pack_into("<I", header, 76 + 4 * i, free)
    fat = struct.pack("<II", fat_sector, end) + struct.pack("<I", free) * 126

    def entry(name: str, kind: int, child: int = free, right: int = free) -> bytes:
        encoded = (name + "\x00").encode("utf-16-le")
        raw = bytearray(128)
        raw[0 : len(encoded)] = encoded
        struct.pack_into("<HBB", raw, 64, len(encoded), kind, 1)
        struct.pack_into("<III", raw, 68, free, right, child)
        struct.pack_into("<II", raw, 116, end, 0)
        return bytes(raw)

    directory = (
        entry("Root Entry", 5, child=1)
        + entry("EncryptionInfo", 2, right=2)
        + entry("EncryptedPackage", 2)
        + bytes(128)
    )
    path = folder / name
    path.write_bytes(bytes(header) + fat + directory)
    return path
