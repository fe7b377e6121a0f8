"""Case numbers (案号): parsing, validation and a normalised form for matching.

Follows shared/LEGAL.md §1.9: normalise (NFKC, no whitespace, one kind of bracket), try the
2016 pattern, then the lenient pre-2016 pattern, and report every irregularity as a value.
Nothing is guessed: a typo is flagged, never corrected, because two different real numbers
must never end up with the same normalised form.

`parse_case_number` runs about a million times on a large import, so the patterns are
compiled once and already-canonical input takes a short path.
"""

from __future__ import annotations

import re
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from backlog_desk.domain.case_types import (
    DEFAULT_CASE_TYPES,
    CaseType,
    CaseTypeTable,
    Family,
    Instance,
    infer_family_and_instance,
)

__all__ = [
    "CaseNumberProblem", "ParsedCaseNumber", "parse_case_number", "parse_case_number_columns",
    "parse_case_numbers", "search_key",
]

NumberFormat = Literal["2016", "pre2016"]
CourtLevel = Literal["supreme", "high", "intermediate", "basic"]

# The 2016 reform (法〔2015〕137号) took effect on 2016-01-01.
REFORM_YEAR = 2016
EARLIEST_YEAR = 1980
# Longer strings are not case numbers; the cap also bounds regex backtracking.
MAX_LENGTH = 120


@dataclass(frozen=True, slots=True)
class CaseNumberProblem:
    """One thing wrong with a case number: a stable code for programs, a sentence for people."""

    code: str
    message: str


@dataclass(frozen=True)
class ParsedCaseNumber:
    """What a case-number string says. `input` is kept exactly as given.

    No slots: the parser fills `__dict__` directly (see `_make`).
    """

    input: str
    valid: bool
    normalized: str | None
    year: int | None
    court_code: str | None
    special_code: str | None
    type_code: str | None
    number: str | None
    suffix: str | None
    format: NumberFormat | None
    family: Family | None
    instance: Instance | None
    court_level: CourtLevel | None
    warnings: tuple[CaseNumberProblem, ...]
    error: CaseNumberProblem | None


# --- patterns -------------------------------------------------------------------------------

# Includes the alternative abbreviations 贵/滇 that LEGAL §1.9 accepts.
_PROVINCES = "京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔贵云滇藏陕甘青宁新兵军"


def _cjk_class_without(excluded: str) -> str:
    """A character class of CJK unified ideographs minus `excluded`, as regex text."""
    parts: list[str] = []
    start = 0x4E00
    for cp in sorted(ord(ch) for ch in excluded):
        if cp > start:
            parts.append(f"\\u{start:04x}-\\u{cp - 1:04x}")
        start = cp + 1
    parts.append(f"\\u{start:04x}-\\u9fff")
    return "".join(parts)


# Any ideograph except those that separate the parts of a number may be a type character.
_IDEOGRAPH = _cjk_class_without("字第号之")
_TYPE = f"[{_IDEOGRAPH}]"
_COURT = rf"最高法|[{_PROVINCES}](?:[0-9]{{2}}|[0-9]{{4}})?"
_SEQ = r"[0-9]{1,8}(?:-[0-9]{1,4})?"
_SUFFIX = r"之[一二三四五六七八九十]+"
_TAIL = rf"(?P<no>{_SEQ}(?:[、,至]{_SEQ})*)(?P<hao>号)?(?P<suffix>{_SUFFIX})?"
# Characters that show a pre-2016 body contains a type (LEGAL §1.9, plus 商 and 知, which
# old numbers use as type heads: 商初, 知初).
_OLD_TYPE_MARKS = "民刑行执赔破清督催保惩救特复商知"

# Court digits are matched loosely so that a wrong count is reported, not misparsed.
_NEW_RE = re.compile(
    rf"\((?P<year>[0-9]{{4}})\)(?P<court>最高法|[{_PROVINCES}](?P<digits>[0-9]*))"
    rf"(?P<special>知)?(?P<type>{_TYPE}{{1,5}})(?P<di>第)?{_TAIL}"
)
# The body (court abbreviation and type) ends in a character, never a digit, so that it
# cannot take the first digits of an over-long sequence number.
_OLD_RE = re.compile(
    rf"\((?P<year>[0-9]{{4}})\)"
    rf"(?P<body>[0-9{_IDEOGRAPH}]*?[{_OLD_TYPE_MARKS}](?:[0-9{_IDEOGRAPH}]*?{_TYPE})?)"
    rf"(?P<sep>字第|字|第)?{_TAIL}"
)
# Only text already in canonical 2016 form (or with half-width brackets, the other common
# way of writing it) and with nothing to warn about once the type is known and the year fits.
_CANONICAL_RE = re.compile(
    rf"[(（](?P<year>[0-9]{{4}})[)）](?P<court>{_COURT})(?P<special>知)?(?P<type>{_TYPE}{{1,5}})"
    rf"(?P<no>{_SEQ})号(?P<suffix>{_SUFFIX})?"
)
_NEW_COURT_RE = re.compile(_COURT)
# A 2016 court code inside a pre-2016 body: 川01民终 in (2016)川01民终字第5644号.
_NEW_COURT_BODY_RE = re.compile(rf"(?P<court>{_COURT})(?P<special>知)?(?P<type>{_TYPE}{{1,5}})")
# Splits a free-form pre-2016 body into court abbreviation and type. The type starts with a
# family character (after an optional prefix) and goes on only with division numerals and
# procedure characters; 民/刑/行 cannot follow the start, so courts named 新民 or 行唐 keep
# those characters in the court part.
_OLD_SPLIT_RE = re.compile(
    r"(?P<court>.*?)(?P<type>(?:知|委|非诉|司|海|财|强)?[民刑行执赔破商惩救保]"
    r"[一二三四五六七八九十初终再申监抗辖特督催他核复更没医解备审赔保异恢协清预提算撤诉调确书外]*)"
)
_YEAR_AT_START_RE = re.compile(r"\(([0-9]{4})\)")
_YEAR_ANYWHERE_RE = re.compile(r"\([0-9]{4}\)")
_UNBRACKETED_YEAR_RE = re.compile(rf"\(?((?:19|20)[0-9]{{2}})\)?(?=[{_IDEOGRAPH}])")
_TEXT_AFTER_HAO_RE = re.compile(rf"[0-9]号(?:{_SUFFIX})?(.+)")
_SHORT_YEAR_RE = re.compile(r"\(([0-9]{1,3}|[0-9]{5,})\)")
_ENDS_LIKE_NUMBER_RE = re.compile(rf"[{_IDEOGRAPH}][0-9]+号")
_DIAGNOSE_RE = re.compile(
    rf"(?P<head>.*?)(?P<no>[0-9][0-9、,至-]*)?(?P<hao>号)?(?P<suffix>{_SUFFIX})?"
)
_COURT_PREFIX_RE = re.compile(rf"最高法|[{_PROVINCES}]")
_COURT_DIGITS_RE = re.compile(rf"[{_PROVINCES}]([0-9]+)")
_HAS_TYPE_CHAR_RE = re.compile(_TYPE)
_SEQ_SPLIT_RE = re.compile(r"[、,至]")

# Real numbers never contain Latin letters, so an X stands in for an unknown digit.
_PLACEHOLDER_RE = re.compile(r"某|[Xx×✕*?]|○○|〇〇|待定|待补|暂无|未知|不详")
_PLACEHOLDER_WHOLE = frozenset({"无", "-", "/", "NA", "N/A", "NULL", "NONE", "NAN"})

_TRANSLATION: dict[int, str | None] = {ord(ch): "(" for ch in "〔[【〖"}
_TRANSLATION.update({ord(ch): ")" for ch in "〕]】〗"})
# Dash variants that NFKC leaves alone, as in a sub-number typed 1335—16.
_TRANSLATION.update({ord(ch): "-" for ch in "‐‑‒–—―−"})
# All whitespace lies below U+3001; zero-width characters come with copy-paste and CSV BOMs.
_TRANSLATION.update({cp: None for cp in range(0x3001) if chr(cp).isspace()})
_TRANSLATION.update({ord(ch): None for ch in "\u200b\u200c\u200d\u2060\ufeff"})
_TRANSLATION[ord("粵")] = "粤"
_NEEDS_CLEANING_RE = re.compile("[" + re.escape("".join(map(chr, _TRANSLATION))) + "]")

_COURT_LEVEL_BY_LENGTH: dict[int, CourtLevel] = {1: "high", 3: "intermediate", 5: "basic"}


# --- public API -----------------------------------------------------------------------------


def search_key(text: str) -> str:
    """A tolerant key for finding numbers by any fragment.

    `search_key(fragment) in search_key(number)` holds for fragments typed with other
    bracket kinds, full-width digits or stray spaces.
    """
    return _clean(unicodedata.normalize("NFKC", text))


def parse_case_number(
    text: str, types: CaseTypeTable = DEFAULT_CASE_TYPES, *, current_year: int | None = None
) -> ParsedCaseNumber:
    """Parse and validate one case number. Never raises; problems come back in the result.

    Years after `current_year + 1` (default: this calendar year) are rejected, since a
    number cannot be received in the future.
    """
    max_year = (current_year if current_year is not None else _this_year()) + 1
    fast = _CANONICAL_RE.fullmatch(text)
    if fast is not None:
        year_text, court, special, type_code, number, suffix = fast.groups()
        year = int(year_text)
        case_type = types.get(type_code)
        if (
            case_type is not None
            and REFORM_YEAR <= year <= max_year
            # 刑核 numbers are 8 random digits; anything else (00000-00) gets the full
            # parser's warning.
            and (type_code != "刑核" or (len(number) == 8 and number.isdigit()))
        ):
            # Returning the input itself when it is already canonical saves a copy per row.
            full_width = text[0] == "（" and text[5] == "）"
            normalized = text if full_width else f"（{year_text}）{text[6:]}"
            return _make(
                text, True, normalized, year, court, special, type_code, number, suffix, "2016",
                case_type.family, case_type.instance, _court_level(court), (), None,
            )  # fmt: skip

    return _parse_full(text, types, max_year)


def parse_case_numbers(
    texts: Iterable[str], types: CaseTypeTable = DEFAULT_CASE_TYPES, *,
    current_year: int | None = None,
) -> list[ParsedCaseNumber]:
    """`parse_case_number` for many numbers at once, with the same results."""
    texts = list(texts)
    normalized, shared, numbers = _parse_columns(texts, types, current_year)
    new = _new_object
    out: list[ParsedCaseNumber] = []
    for text, norm, result, number in zip(texts, normalized, shared, numbers, strict=True):
        if number is not None:  # a head's shared result: fill in this row's own fields
            head = result
            result = new(ParsedCaseNumber)
            fields = result.__dict__
            fields.update(head.__dict__)
            fields["input"], fields["normalized"], fields["number"] = text, norm, number
        out.append(result)
    return out


def parse_case_number_columns(
    texts: Sequence[str], types: CaseTypeTable = DEFAULT_CASE_TYPES, *,
    current_year: int | None = None,
) -> tuple[list[str | None], list[ParsedCaseNumber]]:
    """Many numbers parsed without an object per number: each one's normalised form (None
    when it is not a valid case number), and a result that agrees with `parse_case_number`
    on every field except `input`, `normalized` and `number`.

    An export's numbers share a few dozen heads ((year) court type) and differ in the
    sequence number, so a number in canonical form gets its head's shared result (whose
    three row fields are None); any other number gets its own full result.
    """
    normalized, shared, _numbers = _parse_columns(texts, types, current_year)
    return normalized, shared


def _parse_columns(
    texts: Sequence[str], types: CaseTypeTable, current_year: int | None,
) -> tuple[list[str | None], list[ParsedCaseNumber], list[str | None]]:
    """Normalised forms, results (a head's shared one for canonical text) and the sequence
    numbers of the rows that got a shared result (None for the others)."""
    max_year = (current_year if current_year is not None else _this_year()) + 1
    # Head text (everything before the sequence digits) -> its shared result and normalised
    # head (None when the head already is canonical), or None when the fast path of
    # `parse_case_number` would not take numbers with this head.
    heads: dict[str, tuple[ParsedCaseNumber, str | None] | None] = {}
    normalized: list[str | None] = []
    shared: list[ParsedCaseNumber] = []
    numbers: list[str | None] = []
    for text in texts:
        if text[-1:] == "号":
            body = text[:-1]
            head_text = body.rstrip(_ASCII_DIGITS)
            number = body[len(head_text):]
            if head_text in heads:
                head = heads[head_text]
            else:
                head = heads[head_text] = _head(head_text, types, max_year)
            if head is not None and 0 < len(number) <= 8:
                normalized.append(text if head[1] is None else f"{head[1]}{number}号")
                shared.append(head[0])
                numbers.append(number)
                continue
        result = parse_case_number(text, types, current_year=max_year - 1)
        normalized.append(result.normalized)
        shared.append(result)
        numbers.append(None)
    return normalized, shared, numbers


_ASCII_DIGITS = "0123456789"


def _head(head_text: str, types: CaseTypeTable, max_year: int,
          ) -> tuple[ParsedCaseNumber, str | None] | None:
    """What the fast path of `parse_case_number` makes of any number `head_text` + digits + 号
    (as a shared result without input, normalised form and number, and the normalised head
    unless it is the text itself), or None when that fast path would not take such numbers."""
    m = _CANONICAL_RE.fullmatch(head_text + "1号")
    if m is None or m.start("no") != len(head_text):
        return None
    year_text, court, special, type_code = m.group("year", "court", "special", "type")
    year = int(year_text)
    case_type = types.get(type_code)
    if case_type is None or not REFORM_YEAR <= year <= max_year or type_code == "刑核":
        return None
    shared = _make(
        None, True, None, year, court, special, type_code, None, None, "2016",  # type: ignore[arg-type]
        case_type.family, case_type.instance, _court_level(court), (), None,
    )  # fmt: skip
    canonical = head_text[0] == "（" and head_text[5] == "）"
    return shared, None if canonical else f"（{year_text}）{head_text[6:]}"


def _parse_full(text: str, types: CaseTypeTable, max_year: int) -> ParsedCaseNumber:
    """The parser without the fast path for canonical text (which must agree with it)."""
    if len(text) > MAX_LENGTH * 4:
        return _error(text, "not_a_case_number", "the text is far too long to be a case number")
    s = _clean(unicodedata.normalize("NFKC", text))
    if not s:
        return _error(text, "empty", "the case number is empty")
    if _PLACEHOLDER_RE.search(s) or (len(s) <= 4 and s.upper() in _PLACEHOLDER_WHOLE):
        return _error(text, "placeholder", f"{s} is a placeholder, not a real case number")
    if len(s) > MAX_LENGTH:
        return _error(text, "not_a_case_number", "the text is too long to be a case number")

    warnings: list[CaseNumberProblem] = [_TRADITIONAL] if "粵" in text else []
    m = _NEW_RE.fullmatch(s)
    if m is not None:
        year = int(m["year"])
        case_type = types.get(m["type"])
        # An unknown "type" before 2016 is usually an old court abbreviation run into the
        # type (（2015）粤高法民一初5号), so the pre-2016 reading wins if it fits.
        if not (case_type is None and year < REFORM_YEAR and _OLD_RE.fullmatch(s)):
            return _parse_new(text, m, year, case_type, max_year, warnings)
    m = _OLD_RE.fullmatch(s)
    if m is not None:
        return _parse_old(text, m, types, max_year, warnings)
    return _diagnose(text, s, max_year)


# --- internals ------------------------------------------------------------------------------

_P = CaseNumberProblem
_TRADITIONAL = _P(
    "traditional_province", "the traditional character 粵 is used for the province; read as 粤"
)
_MISSING_HAO = _P("missing_hao", "the final 号 is missing; added in the normalised form")
_DI = _P("di_in_new_format", "第 is not part of the 2016 format; removed in the normalised form")


def _error(text: str, code: str, message: str) -> ParsedCaseNumber:
    return _make(
        text, False, None, None, None, None, None, None, None, None, None, None, None, (),
        _P(code, message),
    )  # fmt: skip


def _bad_digits(text: str, court: str, count: int) -> ParsedCaseNumber:
    return _error(
        text,
        "bad_court_digits",
        f"the court code {court} has {count} digits; court codes have 0 (high court), "
        "2 (intermediate court) or 4 (basic court) digits",
    )


# fmt: off
def _make(
    text: str, valid: bool, normalized: str | None, year: int | None, court: str | None,
    special: str | None, type_code: str | None, number: str | None, suffix: str | None,
    fmt: NumberFormat | None, family: Family | None, instance: Instance | None,
    level: CourtLevel | None, warnings: tuple[CaseNumberProblem, ...],
    error: CaseNumberProblem | None,
) -> ParsedCaseNumber:
    """Build a result almost 3x faster than the frozen dataclass `__init__` would.

    That `__init__` calls `object.__setattr__` once per field, which dominated the cost of a
    parse; filling `__dict__` in one call gives the same object.
    """
    result = _new_object(ParsedCaseNumber)
    result.__dict__.update(
        input=text, valid=valid, normalized=normalized, year=year, court_code=court,
        special_code=special, type_code=type_code, number=number, suffix=suffix, format=fmt,
        family=family, instance=instance, court_level=level, warnings=warnings, error=error,
    )
    return result
# fmt: on


_new_object = object.__new__
_year_and_expiry: tuple[int, float] = (0, 0.0)


def _this_year() -> int:
    """Today's year, recomputed only once the cached year is over (date.today() is slow)."""
    global _year_and_expiry
    if time.time() >= _year_and_expiry[1]:
        year = date.today().year
        _year_and_expiry = (year, datetime(year + 1, 1, 1).timestamp())
    return _year_and_expiry[0]


def _clean(s: str) -> str:
    # translate() is slow on non-ASCII text; most input needs no change at all.
    return s.translate(_TRANSLATION) if _NEEDS_CLEANING_RE.search(s) else s


def _court_level(court: str) -> CourtLevel | None:
    return "supreme" if court == "最高法" else _COURT_LEVEL_BY_LENGTH.get(len(court))


def _year_error(text: str, year: int, max_year: int) -> ParsedCaseNumber | None:
    if EARLIEST_YEAR <= year <= max_year:
        return None
    message = f"the year {year} is outside {EARLIEST_YEAR}–{max_year}; probably a typo"
    return _error(text, "year_out_of_range", message)


def _tail_warnings(m: re.Match[str], warnings: list[CaseNumberProblem]) -> None:
    """Warnings about the sequence-number tail, shared by both formats."""
    if _SEQ_SPLIT_RE.search(m["no"]):
        message = f"several case numbers are written as one ({m['no']}); a row should hold one"
        warnings.append(_P("several_numbers", message))
    if m["hao"] is None:
        warnings.append(_MISSING_HAO)


def _parse_new(
    text: str,
    m: re.Match[str],
    year: int,
    case_type: CaseType | None,
    max_year: int,
    warnings: list[CaseNumberProblem],
) -> ParsedCaseNumber:
    if (bad := _year_error(text, year, max_year)) is not None:
        return bad
    court, digits = m["court"], m["digits"]
    if digits is not None and len(digits) not in (0, 2, 4):
        return _bad_digits(text, court, len(digits))
    type_code, number, special, suffix = m["type"], m["no"], m["special"], m["suffix"]
    family: Family | None = None
    instance: Instance | None = None
    if case_type is not None:
        family, instance = case_type.family, case_type.instance
    else:
        message = f"the type code {type_code} is not in the case-type table; check it or add it"
        warnings.append(_P("unknown_type", message))
        # Long codes in the table (民诉前调) are the court's own choice, so only unknown ones
        # are flagged for length.
        if len(type_code) > 3:
            message = (
                f"the type code {type_code} has {len(type_code)} characters; at most 3 are used"
            )
            warnings.append(_P("type_too_long", message))
    if m["di"] is not None:
        warnings.append(_DI)
    _tail_warnings(m, warnings)
    if type_code == "刑核" and any(
        len(part.split("-", 1)[0]) != 8 for part in _SEQ_SPLIT_RE.split(number)
    ):
        message = f"criminal review (刑核) numbers have 8 random digits, but {number} does not"
        warnings.append(_P("criminal_review_not_8_digits", message))
    if year < REFORM_YEAR:
        message = f"the number is in the 2016 format but its year {year} is before the reform"
        warnings.append(_P("new_format_before_2016", message))
    normalized = f"（{year:04d}）{court}{special or ''}{type_code}{number}号{suffix or ''}"
    return _make(
        text, True, normalized, year, court, special, type_code, number, suffix, "2016",
        family, instance, _court_level(court), tuple(warnings), None,
    )  # fmt: skip


def _parse_old(
    text: str,
    m: re.Match[str],
    types: CaseTypeTable,
    max_year: int,
    warnings: list[CaseNumberProblem],
) -> ParsedCaseNumber:
    year = int(m["year"])
    if (bad := _year_error(text, year, max_year)) is not None:
        return bad
    body, sep, number, suffix = m["body"], m["sep"] or "", m["no"], m["suffix"]
    special: str | None = None
    court: str | None
    nb = _NEW_COURT_BODY_RE.fullmatch(body)
    known = types.get(nb["type"]) if nb is not None else None
    if nb is not None and known is not None:
        # A 2016 court code written with the old 字 (common in 2016): decode what is there.
        court, special, type_code = nb["court"], nb["special"], known.code
        family, instance = known.family, known.instance
    else:
        sp = _OLD_SPLIT_RE.fullmatch(body)
        if sp is not None:
            court, type_code = sp["court"], sp["type"]
        else:
            cut = next(i for i, ch in enumerate(body) if ch in _OLD_TYPE_MARKS)
            court, type_code = body[:cut], body[cut:]
        court = court or None
        family, instance = infer_family_and_instance(type_code, types)

    _tail_warnings(m, warnings)
    if year >= REFORM_YEAR:
        if known is not None:
            detail = f"uses the pre-2016 '{sep or '字'}' layout with a 2016 court code"
        elif court is None:
            detail = f"has no court code before {type_code}"
        elif _NEW_COURT_RE.fullmatch(court):
            detail = f"does not follow the 2016 layout after the court code {court}"
        else:
            detail = f"has {court} as court code, not a province abbreviation and 0, 2 or 4 digits"
        message = f"the year is {year} but the number {detail}; check it against the case file"
        warnings.append(_P("old_format_after_2016", message))
    normalized = f"（{year:04d}）{body}{sep}{number}号{suffix or ''}"
    return _make(
        text, True, normalized, year, court, special, type_code, number, suffix, "pre2016",
        family, instance, None, tuple(warnings), None,
    )  # fmt: skip


def _diagnose(text: str, s: str, max_year: int) -> ParsedCaseNumber:
    """Name the most useful error for a string neither pattern accepts."""
    ym = _YEAR_AT_START_RE.match(s)
    if ym is None:
        if (found := _YEAR_ANYWHERE_RE.search(s)) is not None:
            message = f"there is text ({s[: found.start()]}) before the year in brackets"
            return _error(text, "not_a_case_number", message)
        if (loose := _UNBRACKETED_YEAR_RE.match(s)) is not None:
            message = f"the year {loose[1]} is not in brackets, as in (2021)"
        elif (short := _SHORT_YEAR_RE.match(s)) is not None:
            message = f"the year {short[1]} does not have 4 digits, as in (2021)"
        elif _ENDS_LIKE_NUMBER_RE.search(s) is not None:
            message = "there is no year in brackets at the start, as in (2021)"
        else:
            message = "not a case number: no year in brackets as in (2021), no number with 号"
            return _error(text, "not_a_case_number", message)
        return _error(text, "no_year", message)

    year = int(ym[1])
    if (bad := _year_error(text, year, max_year)) is not None:
        return bad
    rest = s[ym.end() :]
    d = _DIAGNOSE_RE.fullmatch(rest)
    if d is None:  # pragma: no cover - the pattern accepts any string
        return _error(text, "not_a_case_number", "the text is not a case number")
    head = d["head"]
    court = _COURT_PREFIX_RE.match(head)
    if _HAS_TYPE_CHAR_RE.search(head, court.end() if court else 0) is None:
        if d["hao"] is not None or d["suffix"] is not None:
            message = "there is no type code (such as 民初) between the court code and the number"
            return _error(text, "no_type", message)
        message = f"the text stops after ({year}){rest}: type code and sequence number are missing"
        return _error(text, "no_number", message)
    if d["no"] is None:
        if (extra := _TEXT_AFTER_HAO_RE.search(rest)) is not None:
            message = f"there is text ({extra[1]}) after the final 号"
            return _error(text, "not_a_case_number", message)
        return _error(text, "no_number", f"there is no sequence number after {head}")
    digits = _COURT_DIGITS_RE.match(head)
    if digits is not None and len(digits[1]) not in (2, 4):
        return _bad_digits(text, digits[0], len(digits[1]))
    message = "the text does not follow the layout (year) court code, type code, number, 号"
    return _error(text, "not_a_case_number", message)
