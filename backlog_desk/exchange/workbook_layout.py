"""The department workbook's layout, shared by the writer and the reader.

One definition of the columns keeps export and import from drifting apart: the header text is
what the reader looks for (columns are found by header, so a clerk who moves a column does not
break the import), `locked` says which columns the department must not change, and the
identity columns are hidden ones the reader needs to trust a row.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from operator import itemgetter

from backlog_desk.domain.ledger import CLOSE_MANNERS, REASON_CATEGORIES, Kind

FORMAT_VERSION = "1"
LEDGER_SHEET = "台账"
COVER_SHEET = "说明"
META_SHEET = "_meta"  # very hidden: Excel/WPS show it only through VBA
HEADER_ROW = 0  # 0-based row of the headers on the ledger sheet; data starts on the next row

# Not a secret against a determined person (the protection has no password so that a clerk who
# must unprotect the sheet can); it stops accidental edits, the checksums catch the rest.
SHEET_PASSWORD = ""


@dataclass(frozen=True)
class Column:
    key: str  # ledger field name (domain.ledger.FIELDS) or an identity key
    header: str
    width: float
    kind: Kind = Kind.TEXT
    locked: bool = False
    hidden: bool = False


COLUMNS: tuple[Column, ...] = (
    Column("case_number", "案号", 26, locked=True),
    Column("title", "案件名称", 36, locked=True),
    Column("filing_date", "立案日期", 12, Kind.DATE, locked=True),
    Column("department", "承办部门", 12, locked=True),
    Column("judge", "承办人", 9, locked=True),
    Column("leader", "包保领导", 9, locked=True),
    Column("reason_category", "未结原因类别", 14, Kind.CHOICE),
    Column("reason", "未结原因", 36),
    Column("expected_close_date", "预计结案日期", 13, Kind.DATE),
    Column("measures", "清结措施", 30),
    Column("closed_date", "结案日期", 12, Kind.DATE),
    Column("close_manner", "结案方式", 12, Kind.CHOICE),
    Column("notes", "备注", 30),
    Column("uuid", "案件标识", 38, locked=True, hidden=True),
    Column("row_version", "版本", 6, locked=True, hidden=True),
    Column("checksum", "校验码", 14, locked=True, hidden=True),
    Column("edit_hash", "原值校验", 14, locked=True, hidden=True),
)
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
COLUMN_BY_HEADER = {c.header: c for c in COLUMNS}
LOCKED_FIELDS: tuple[str, ...] = tuple(c.key for c in COLUMNS if c.locked and not c.hidden)
HIDDEN_HEADERS: tuple[str, ...] = tuple(c.header for c in COLUMNS if c.hidden)
EDITABLE_FIELDS: tuple[str, ...] = tuple(c.key for c in COLUMNS if not c.locked)
IDENTITY_FIELDS: tuple[str, ...] = ("uuid", "row_version", "checksum")
DATE_FIELDS: frozenset[str] = frozenset(c.key for c in COLUMNS if c.kind is Kind.DATE)

REASON_LABELS: tuple[str, ...] = tuple(r.label for r in REASON_CATEGORIES)
REASON_LABEL_BY_KEY = {r.key: r.label for r in REASON_CATEGORIES}
MANNER_CHOICES: tuple[str, ...] = CLOSE_MANNERS

# Keys of the hidden meta sheet (column A key, column B value).
META_KEYS: tuple[str, ...] = (
    "format", "court_code", "court_name", "department", "campaign_id", "campaign_name",
    "export_id", "secret", "exported_at", "deadline", "rows",
)

NOT_OURS_WORDS: tuple[str, ...] = ("非本部门", "非本庭", "不属本部门", "不属于本部门", "不是本部门")
ALREADY_CLOSED_WORDS: tuple[str, ...] = ("已结案", "已经结案", "已结")


def date_text(value: date | None) -> str:
    return value.isoformat() if value is not None else ""


def row_checksum(secret: str, uuid: str, row_version: int, locked: dict[str, str]) -> str:
    """First 12 hex digits of SHA-256 over the export's secret, the identity and the locked
    fields (dates in ISO form). 48 bits: a retyped or altered row matches by chance once in
    2.8e14, and the column stays narrow enough to survive being printed."""
    return checksum_of(secret, uuid, row_version, [locked.get(k, "") for k in LOCKED_FIELDS])


def checksum_of(secret: str, uuid: str, row_version: int, locked: Sequence[str]) -> str:
    """row_checksum over the locked fields given in LOCKED_FIELDS order (the bulk form)."""
    joined = "\x1f".join((secret, uuid, str(row_version), *locked))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:12]


def edits_hash(texts: dict[str, str]) -> str:
    """The department's fields as exported (cleaned text, ISO dates, category labels): when
    a returned row still hashes to this, the clerk did not touch it, whatever the ledger has
    done since, so a case the audit office changed meanwhile is not mistaken for an edit."""
    return edits_hash_of([texts.get(k, "") for k in EDITABLE_FIELDS])


def edits_hash_of(texts: Sequence[str]) -> str:
    """edits_hash over the fields given in EDITABLE_FIELDS order (the bulk form)."""
    return hashlib.sha256("\x1f".join(texts).encode("utf-8")).hexdigest()[:12]


def checksums_of(secret: str, uuids: Sequence[str], versions: Sequence[str],
                 locked: Sequence[Sequence[str]]) -> list[str]:
    """checksum_of for whole columns: `versions` already as str(int), `locked` one column per
    LOCKED_FIELDS entry. The same bytes are hashed; only the Python call per row is gone
    (maps over C functions), which is most of the cost for 100,000 rows."""
    keys = [secret] * len(uuids)
    return _hashed(map(_JOIN, zip(keys, uuids, versions, *locked, strict=True)))


def edits_hashes_of(texts: Sequence[Sequence[str]]) -> list[str]:
    """edits_hash_of for whole columns, one per EDITABLE_FIELDS entry."""
    return _hashed(map(_JOIN, zip(*texts, strict=True)))


_JOIN = "\x1f".join
_FIRST_12 = itemgetter(slice(12))
_HEXDIGEST = type(hashlib.sha256()).hexdigest  # the method itself: no lookup per row


def _hashed(joined: Iterable[str]) -> list[str]:
    digests = map(hashlib.sha256, map(str.encode, joined))
    return list(map(_FIRST_12, map(_HEXDIGEST, digests)))
