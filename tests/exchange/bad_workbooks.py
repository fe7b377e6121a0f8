"""Damaged and hostile files made from a valid department workbook, each with the words its
refusal must contain."""

from __future__ import annotations

import random
import zipfile
from pathlib import Path

from backlog_desk.exchange.workbook_layout import LEDGER_SHEET, META_SHEET

from .workbook_edit import Ledger, replace_part

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
           + b"".join(b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else
                                                 b"&lol;" * 10) for i in range(1, 10))
           + b']><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
             b'count="1" uniqueCount="1"><si><t>&lol9;</t></si></sst>')


def bad_files(valid: Path, folder: Path) -> dict[str, tuple[Path, str]]:
    folder.mkdir(parents=True, exist_ok=True)
    data = valid.read_bytes()
    out: dict[str, tuple[Path, str]] = {}

    def put(name: str, content: bytes, expect: str) -> None:
        p = folder / f"{name}.xlsx"
        p.write_bytes(content)
        out[name] = (p, expect)

    put("empty_file", b"", "the file is empty")
    put("text", "案号,立案日期\n(2021)吉0105民初1号,2021-01-01\n".encode(), "not an .xlsx workbook")
    put("random_bytes", random.Random(7).randbytes(5000), "not an .xlsx workbook")
    put("random_zip_magic", b"PK\x03\x04" + random.Random(8).randbytes(5000),
        "damaged or truncated")
    put("truncated", data[: len(data) // 2], "damaged or truncated")
    put("ole2_password", _OLE2 + bytes(504) + "EncryptionInfo".encode("utf-16-le") + bytes(512),
        "password-protected")
    put("ole2_xls", _OLE2 + bytes(1024), "old .xls workbook")
    p = replace_part(valid, folder / "entity_bomb.xlsx", "xl/sharedStrings.xml", _LAUGHS)
    out["entity_bomb"] = (p, "declares a DTD or XML entities")
    p = replace_part(valid, folder / "no_workbook_part.xlsx", "xl/workbook.xml", None)
    out["no_workbook_part"] = (p, "no xl/workbook.xml inside")
    bomb = folder / "zip_bomb.xlsx"
    bomb.write_bytes(data)
    with zipfile.ZipFile(bomb, "a", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/media/image1.bin", bytes(40 * 1024 * 1024))
    out["zip_bomb"] = (bomb, "zip bomb")
    book = Ledger(valid)
    book.ws.delete_rows(1, book.ws.max_row)
    out["empty_sheet"] = (book.save(folder / "empty_sheet.xlsx"),
                          f"the {LEDGER_SHEET} sheet is empty")
    book = Ledger(valid)
    del book.wb[META_SHEET]
    out["no_meta_sheet"] = (book.save(folder / "no_meta.xlsx"), "not a workbook exported by")
    return out
