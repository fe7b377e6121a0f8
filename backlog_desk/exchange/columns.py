"""Layout of a case list: header synonyms, the header row, and rows that are not cases.

Every court's case-management export and every department's hand-made ledger names its columns
a little differently (案号 / 案件字号, 立案日期 / 收案时间, 承办人 / 承办法官), and people decorate
headers with required-field stars, colons, line breaks and annotations such as 立案日期（必填）.
This module maps such headers to canonical field names, finds the header row under any title
rows, and recognises the rows of a sheet that are not cases (totals, repeated headers, section
titles, merged cells).

Merged cells: python-calamine 0.9.1 exposes `CalamineSheet.merged_cell_ranges` for xlsx and
xls, but returns the value only in the top-left cell. Below the header the value of a vertically
merged range is filled down into the range's first column, whatever the field: merging is the
author saying "this value covers these rows" (a department or judge over its cases, one reason
for several cases). Two kinds of merge are not filled: a range that spans the case-number column
horizontally is a section title, note or totals row and is skipped; a vertically merged case
number makes the rows below it continuations of one case, which are skipped, not duplicated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, MutableSequence, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import cast

from backlog_desk.domain.dates import DateProblem, parse_date
from backlog_desk.domain.text import clean_person_name, clean_text, clean_texts

__all__ = [
    "DATE_FIELDS",
    "FIELDS",
    "FIELD_LABELS",
    "NAME_FIELDS",
    "REQUIRED_FIELDS",
    "SYNONYMS",
    "TOTALS_WORDS",
    "ColumnConverter",
    "HeaderMatch",
    "apply_merged_ranges",
    "best_partial_header",
    "find_header_row",
    "map_header_row",
    "match_header",
    "non_case_row_reason",
    "normalise_header",
    "possible_non_case_rows",
    "rejected_rows",
]

# Canonical field -> accepted headers, most specific first. When a sheet has two columns for the
# same field (案号 and 案件编号), the one whose header comes first here wins; 案件编号 is last for
# case_number because some systems use it for an internal serial rather than the 案号.
SYNONYMS: Mapping[str, tuple[str, ...]] = {
    "case_number": ("案号", "案件字号", "字号", "案件号", "案件编号"),
    "title": ("案件名称", "案名", "案件标题"),
    "cause": ("案由",),
    "filing_date": ("立案日期", "收案日期", "立案时间", "收案时间"),
    "department": ("承办部门", "承办庭室", "承办庭", "部门", "庭室"),
    "judge": ("承办人", "承办法官", "主审法官", "承办审判员"),
    "leader": ("包保领导", "包案领导", "分管院领导", "分管领导"),
    "reason": ("未结原因", "未结案原因"),
    "expected_close_date": ("预计结案日期", "预计结案时间"),
    "measures": ("清结措施", "措施"),
    "status": ("状态", "案件状态", "结案状态"),
    "closed_date": ("结案日期", "结案时间"),
    "close_manner": ("结案方式",),
    "procedure": ("适用程序", "审理程序"),
    "notes": ("备注",),
}

FIELDS: tuple[str, ...] = tuple(SYNONYMS)
DATE_FIELDS = frozenset({"filing_date", "expected_close_date", "closed_date"})
NAME_FIELDS = frozenset({"judge", "leader"})
# Without these two a sheet cannot be a case list: the case number identifies the case and the
# filing date decides whether it belongs to the backlog at all.
REQUIRED_FIELDS: tuple[str, ...] = ("case_number", "filing_date")

# Case numbers and case names differ on every row: memoising them would only cost memory.
_UNIQUE_TEXT_FIELDS = frozenset({"case_number", "title"})

# English labels used in problem reasons ("filing date is missing").
FIELD_LABELS: Mapping[str, str] = {
    "case_number": "case number",
    "title": "case name",
    "cause": "cause",
    "filing_date": "filing date",
    "department": "department",
    "judge": "judge",
    "leader": "responsible leader",
    "reason": "reason not closed",
    "expected_close_date": "expected close date",
    "measures": "measures",
    "status": "status",
    "closed_date": "closed date",
    "close_manner": "manner of closing",
    "procedure": "procedure",
    "notes": "notes",
}

# A row whose first cell starts with one of these is a totals row (合计：35件, 合  计).
TOTALS_WORDS = ("合计", "总计", "小计", "共计")
_HAS_DIGIT = re.compile(r"\d").search
_TOTAL_HEADS = frozenset(word[0] for word in TOTALS_WORDS)

MergedRange = tuple[tuple[int, int], tuple[int, int]]  # ((row, col), (row, col)), 0-based

# Decorations around a header word: required-field stars and colons at either end.
_EDGE_MARKS = "*:：＊"
# A trailing annotation in brackets: 立案日期（必填）, 立案日期(yyyy-mm-dd), 承办人【必填】.
_ANNOTATION = re.compile(r"[（(【\[][^（）()【】\[\]]*[）)】\]]$")

_LOOKUP: dict[str, tuple[str, int]] = {
    word: (field, rank) for field, words in SYNONYMS.items() for rank, word in enumerate(words)
}


@dataclass(frozen=True)
class HeaderMatch:
    """The columns recognised in a header row (or in a two-line header)."""

    row: int  # 0-based index of the (first) header row in the rows searched
    last_row: int  # 0-based index of the last header row; data starts below it
    indexes: Mapping[str, int]  # canonical field -> 0-based column index
    found: Mapping[str, str]  # canonical field -> header text as found (cleaned for display)
    unrecognised: tuple[str, ...]  # non-blank header texts that map to no field

    @property
    def is_case_list(self) -> bool:
        return all(f in self.indexes for f in REQUIRED_FIELDS)


def normalise_header(value: object) -> str:
    """Reduce a header cell to the bare word used for matching.

    NFKC (via clean_text) folds full-width letters and stars; all whitespace, including line
    breaks inside the cell, is removed because a header word never contains a space; stars,
    colons and a trailing bracketed annotation are dropped.
    """
    s = "".join(clean_text(value).split()).strip(_EDGE_MARKS)
    if s and s[-1] in "）)】]":
        s = _ANNOTATION.sub("", s).strip(_EDGE_MARKS)
    return s


def match_header(value: object) -> str | None:
    """The canonical field a header cell names, or None."""
    hit = _LOOKUP.get(normalise_header(value))
    return hit[0] if hit else None


def map_header_row(cells: Sequence[object], row: int = 0) -> HeaderMatch:
    """Map the cells of one header row to fields (first-listed synonym wins, then leftmost)."""
    return _map_lines([cells], row)


def find_header_row(rows: Sequence[Sequence[object]], *, limit: int = 20) -> HeaderMatch | None:
    """Find the header: the first of the first `limit` non-blank rows naming both required fields.

    Title rows above it ("二道区人民法院未结案件清单", a date line) are passed over. A second header
    line directly below is merged in when it names further fields, for two-level headers such as
    承办情况 over 承办部门 | 承办人.
    """
    seen = 0
    for i, cells in enumerate(rows):
        if seen >= limit:
            break
        if not any(_is_filled(c) for c in cells):
            continue
        seen += 1
        match = _map_lines([cells], i)
        if not match.is_case_list:
            continue
        if i + 1 < len(rows):
            both = _map_lines([cells, rows[i + 1]], i)
            if len(both.indexes) > len(match.indexes):
                return both
        return match
    return None


def best_partial_header(rows: Sequence[Sequence[object]], *, limit: int = 20) -> HeaderMatch | None:
    """The row among the first `limit` that names the most fields, to explain a failed search."""
    best: HeaderMatch | None = None
    for i, cells in enumerate(rows[: limit * 2]):
        match = _map_lines([cells], i)
        if match.indexes and (best is None or len(match.indexes) > len(best.indexes)):
            best = match
    return best


def _is_filled(value: object) -> bool:
    return value is not None and (not isinstance(value, str) or bool(value.strip()))


def _map_lines(lines: Sequence[Sequence[object]], row: int) -> HeaderMatch:
    width = max(len(cells) for cells in lines)
    chosen: dict[str, tuple[int, int, str]] = {}  # field -> (rank, column, text)
    unmapped: list[str] = []
    for col in range(width):
        texts = [clean_text(cells[col]) for cells in lines if col < len(cells)]
        texts = [t for t in texts if t]
        hits = [(_LOOKUP.get(normalise_header(t)), t) for t in texts]
        mapped = [(hit, t) for hit, t in hits if hit is not None]
        if not mapped:
            if texts:
                unmapped.append(" ".join(texts))
            continue
        # In a two-line header the lower, more specific line decides (承办情况 over 承办人).
        (field, rank), text = mapped[-1]
        if field not in chosen or rank < chosen[field][0]:
            if field in chosen:
                unmapped.append(chosen[field][2])
            chosen[field] = (rank, col, text)
        else:
            unmapped.append(text)
    order = sorted(chosen, key=lambda f: chosen[f][1])
    return HeaderMatch(
        row=row,
        last_row=row + len(lines) - 1,
        indexes={f: chosen[f][1] for f in order},
        found={f: chosen[f][2] for f in order},
        unrecognised=tuple(unmapped),
    )


def non_case_row_reason(row: Sequence[object], cn_col: int) -> str | None:
    """Why a data row is not a case at all (blank, totals, repeated header, title), or None."""
    first: object = ""
    for first in row:
        if first != "":
            break
    else:
        return "blank row"
    if type(first) is str and "".join(first.split()).startswith(TOTALS_WORDS):
        return f"totals row ({clean_text(first)})"
    number = row[cn_col]
    # Case numbers always contain digits (the year); header words and titles never do.
    if type(number) is str and _HAS_DIGIT(number) is None:
        if match_header(number) == "case_number":
            return "repeated header row"
        filled = [c for c in row if clean_text(c)]
        if len(filled) == 1 and filled[0] is number:
            return f"title or section row ({clean_text(number)})"
    return None


def apply_merged_ranges(
    rows: Sequence[MutableSequence[object]],
    merged: Sequence[MergedRange],
    start: int,
    indexes: Mapping[str, int],
) -> dict[int, str]:
    """Fill merged ranges below the header down (see the module docstring), in place.

    Returns the rows (0-based index) to skip, with why.
    """
    skip: dict[int, str] = {}
    cn_col = indexes["case_number"]
    mapped = set(indexes.values())
    for (r0, c0), (r1, c1) in merged:
        r1 = min(r1, len(rows) - 1)
        if r0 < start or r0 > r1:
            continue  # title and header merges
        if c1 > c0 and c0 <= cn_col <= c1:
            text = clean_text(rows[r0][c0])
            if text.replace(" ", "").startswith(TOTALS_WORDS):
                skip[r0] = f"totals row ({text})"
            else:
                skip[r0] = f"section or note row, merged across columns ({text})"
        elif r1 > r0 and c0 == cn_col:
            for r in range(r0 + 1, r1 + 1):
                skip[r] = f"continuation of the case in row {r0 + 1} (merged case number cell)"
        elif r1 > r0 and c0 in mapped:
            top = rows[r0][c0]
            for r in range(r0 + 1, r1 + 1):
                if rows[r][c0] == "":
                    rows[r][c0] = top
    return skip


def possible_non_case_rows(
    block: Sequence[Sequence[object]], cn_col: int, first_col: int
) -> list[int]:
    """Offsets of the rows in block that may not be cases; ordinary rows are cleared in C.

    Only these go through non_case_row_reason, which costs Python work per row.

    A case number always holds a digit (the year), and a totals row starts with 合计/总计/
    小计/共计 in the table's first column.
    """
    cns = list(map(itemgetter(cn_col), block))
    try:
        hits = list(map(_HAS_DIGIT, cns))
    except TypeError:  # a non-text cell in the case-number column
        hits = [_HAS_DIGIT(v) if type(v) is str else None for v in cns]
    found = [k for k, hit in enumerate(hits) if hit is None] if None in hits else []
    if first_col != cn_col:
        heads = list(map(itemgetter(first_col), block))
        if str in set(map(type, heads)):
            found += [
                k for k, v in enumerate(heads) if type(v) is str and v.lstrip()[:1] in _TOTAL_HEADS
            ]
    return found


def rejected_rows(
    cols: Sequence[Sequence[object]], cn_pos: int, date_pos: Sequence[tuple[int, str]]
) -> set[int]:
    """Offsets of converted rows to reject: no case number, a bad date, or no filing date."""
    bad = {k for k, v in enumerate(cols[cn_pos]) if not v} if "" in cols[cn_pos] else set()
    for p, f in date_pos:
        kinds = set(map(type, cols[p]))
        need = f == "filing_date"
        if DateProblem in kinds or (need and type(None) in kinds):
            bad.update(
                k for k, v in enumerate(cols[p]) if type(v) is DateProblem or (need and v is None)
            )
    return bad


class ColumnConverter:
    """Converts the raw cells of one column to field values, a list at a time.

    Text becomes clean_text (clean_person_name for judge and leader); dates become date, None
    when blank, or a DateProblem. Departments, judges, dates and reasons repeat thousands of
    times in a list, so each distinct raw value is converted once and then looked up (in C);
    case numbers and names, all different, go through clean_texts' single scan instead.
    """

    def __init__(self, field: str) -> None:
        self.field = field
        self._memo: dict[object, object] = {}
        self._one: Callable[[object], object]
        if field in DATE_FIELDS:
            self._one = _date_or_blank
        elif field in NAME_FIELDS:
            self._one = clean_person_name
        else:
            self._one = clean_text
        self._memoised = field not in _UNIQUE_TEXT_FIELDS

    def __call__(self, raw: Sequence[object]) -> list[object]:
        if not self._memoised:
            return cast("list[object]", clean_texts(raw))
        memo = self._memo
        try:
            return list(map(memo.__getitem__, raw))  # after the first chunks, nearly always
        except KeyError:
            pass
        # True == 1 == 1.0 (and False == 0) as dict keys, so such values are never memoised:
        # the memo could otherwise hand TRUE's conversion to the number 1.
        new = [v for v in set(raw).difference(memo) if type(v) is str or not (v == 0 or v == 1)]
        many = clean_texts(new) if self._one is clean_text else map(self._one, new)
        memo.update(zip(new, many, strict=False))
        try:
            return list(map(memo.__getitem__, raw))
        except KeyError:
            return [memo[v] if v in memo else self._one(v) for v in raw]


def _date_or_blank(value: object) -> object:
    return None if value == "" else parse_date(value)
