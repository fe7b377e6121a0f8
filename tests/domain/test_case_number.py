"""Case-number parsing: LEGAL.md §1.8 real examples, messy input, warnings, errors, search."""

from __future__ import annotations

import dataclasses
import pickle
from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from backlog_desk.domain.case_number import (
    ParsedCaseNumber,
    parse_case_number,
    parse_case_number_columns,
    parse_case_numbers,
    search_key,
)
from backlog_desk.domain.case_types import (
    DEFAULT_CASE_TYPES,
    CaseType,
    Family,
    Instance,
)

YEAR = 2025  # fixed so the tests do not depend on today's date


def parse(text: str) -> ParsedCaseNumber:
    return parse_case_number(text, current_year=YEAR)


# The problem codes the API contract names; nothing else may appear.
CONTRACT_CODES = {
    "missing_hao", "di_in_new_format", "several_numbers", "traditional_province",
    "unknown_type", "no_year", "no_type", "no_number", "placeholder", "year_out_of_range",
    "bad_court_digits", "old_format_after_2016", "new_format_before_2016", "type_too_long",
    "criminal_review_not_8_digits", "empty", "not_a_case_number",
}  # fmt: skip


def warning_codes(result: ParsedCaseNumber) -> set[str]:
    return {w.code for w in result.warnings}


# --- LEGAL.md §1.8: one case per example in the "variants seen in the wild" table -----------

# (input, normalized or None, warning codes, error code or None)
LEGAL_1_8 = [
    ("(2017)湘10民终776号", "（2017）湘10民终776号", set(), None),
    ("（2012)徐执异字第0022号", "（2012）徐执异字第0022号", set(), None),
    ("（2017）苏０813刑初2号", "（2017）苏0813刑初2号", set(), None),
    ("（2022）粵0106刑初514号", "（2022）粤0106刑初514号", {"traditional_province"}, None),
    ("（2022）渝02刑终第15号", "（2022）渝02刑终15号", {"di_in_new_format"}, None),
    ("(2017)浙01法赔第1号", "（2017）浙01法赔1号", {"di_in_new_format"}, None),
    ("(2016)川01民终字第5644号", "（2016）川01民终字第5644号", {"old_format_after_2016"}, None),
    ("(2016)鲁72民特字61号", "（2016）鲁72民特字61号", {"old_format_after_2016"}, None),
    ("(2018)苏0482民再字1号", "（2018）苏0482民再字1号", {"old_format_after_2016"}, None),
    ("(2016)粤0606民初522、1653号", "（2016）粤0606民初522、1653号", {"several_numbers"}, None),
    ("(2011)丹民初字第2257、2258号", "（2011）丹民初字第2257、2258号", {"several_numbers"}, None),
    ("（2016）粤1302财保1016-1号", "（2016）粤1302财保1016-1号", set(), None),
    ("(2017)粤0229民初1034号之一", "（2017）粤0229民初1034号之一", set(), None),
    # Typos are flagged, never repaired: each reads as a (suspicious) free-form number.
    ("（2021）0304刑初288号", "（2021）0304刑初288号", {"old_format_after_2016"}, None),
    ("（2019）经刑终134号", "（2019）经刑终134号", {"old_format_after_2016"}, None),
    ("(2019)刑终113号", "（2019）刑终113号", {"old_format_after_2016"}, None),
    ("（2020）渝02366刑初310号", None, set(), "bad_court_digits"),
    ("(2017)内0102民初6757", "（2017）内0102民初6757号", {"missing_hao"}, None),
    ("（2017）沪01", None, set(), "no_number"),
    ("（2018）渝0114号", None, set(), "no_type"),
    ("(2018)京0102153号", None, set(), "no_type"),
    ("(2011)东辽民初字第某某号", None, set(), "placeholder"),
]


@pytest.mark.parametrize(("text", "normalized", "warnings", "error"), LEGAL_1_8)
def test_legal_1_8_examples(
    text: str, normalized: str | None, warnings: set[str], error: str | None
) -> None:
    result = parse(text)
    assert result.input == text
    assert result.normalized == normalized
    assert result.valid is (error is None)
    assert warning_codes(result) == warnings
    assert (result.error.code if result.error else None) == error


# --- the brief's own examples ------------------------------------------------------------


CANONICAL = "（2021）吉0105民初99号"


@pytest.mark.parametrize(
    "text",
    [
        "（2021）吉0105民初99号",
        "(2021)吉0105民初99号",
        "（2021)吉0105民初99号",
        "(2021）吉0105民初99号",
        "（２０２１）吉０１０５民初９９号",
        "( 2021 ) 吉0105 民初 99 号",
        "\u3000（2021）\t吉0105民初99号\n",
        "〔2021〕吉0105民初99号",
        "[2021]吉0105民初99号",
        "［2021］吉0105民初99号",
        "【2021】吉0105民初99号",
        "\ufeff(2021)吉0105民初99号",
        "(2021)吉0105民初\u200b99号",
    ],
)
def test_messy_forms_normalise_to_the_canonical_form_without_warnings(text: str) -> None:
    result = parse(text)
    assert result.valid
    assert result.normalized == CANONICAL
    assert result.warnings == ()
    assert result.input == text
    assert (result.year, result.court_code, result.type_code, result.number) == (
        2021,
        "吉0105",
        "民初",
        "99",
    )
    assert (result.family, result.instance, result.court_level) == (
        Family.CIVIL,
        Instance.FIRST,
        "basic",
    )
    assert result.format == "2016"
    assert result.special_code is None and result.suffix is None and result.error is None


def test_canonical_input_is_returned_as_is() -> None:
    result = parse(CANONICAL)
    assert result.normalized == CANONICAL
    assert result == dataclasses.replace(parse(" " + CANONICAL), input=CANONICAL)


def test_spc_ip_tribunal_number() -> None:
    result = parse("（2019）最高法知民终1号")
    assert result.valid and result.warnings == ()
    assert (result.court_code, result.special_code, result.type_code) == ("最高法", "知", "民终")
    assert result.court_level == "supreme"
    assert (result.family, result.instance) == (Family.CIVIL, Instance.SECOND)
    assert result.normalized == "（2019）最高法知民终1号"


def test_spc_death_penalty_review_with_eight_digits() -> None:
    result = parse("（2016）最高法刑核14483628号")
    assert result.valid and result.warnings == ()
    assert (result.type_code, result.number) == ("刑核", "14483628")
    assert (result.family, result.instance) == (Family.CRIMINAL, Instance.REVIEW)


def test_criminal_review_with_short_number_warns() -> None:
    result = parse("（2021）鲁刑核80号")
    assert result.valid
    assert warning_codes(result) == {"criminal_review_not_8_digits"}
    assert result.court_level == "high"
    assert result.normalized == "（2021）鲁刑核80号"


@pytest.mark.parametrize(
    ("text", "court", "type_code", "number", "family", "instance", "normalized"),
    [
        ("(2011)米东民一初字1263号", "米东", "民一初", "1263", Family.CIVIL, Instance.FIRST,
         "（2011）米东民一初字1263号"),
        ("（1996）重刑初第788号", "重", "刑初", "788", Family.CRIMINAL, Instance.FIRST,
         "（1996）重刑初第788号"),
        ("(2015)深宝法沙执字第1335-16号", "深宝法沙", "执", "1335-16", Family.ENFORCEMENT,
         Instance.ENFORCEMENT, "（2015）深宝法沙执字第1335-16号"),
        ("（2015）豫法知民终字第00356号", "豫法", "知民终", "00356", Family.CIVIL,
         Instance.SECOND, "（2015）豫法知民终字第00356号"),
        ("（2012）刑三复79564476号", None, "刑三复", "79564476", Family.CRIMINAL,
         Instance.REVIEW, "（2012）刑三复79564476号"),
        ("(2010)崇非诉行审字第8号", "崇", "非诉行审", "8", Family.ADMINISTRATIVE,
         Instance.REVIEW, "（2010）崇非诉行审字第8号"),
        ("(2013)宁法商清预字第1号", "宁法", "商清预", "1", Family.CIVIL, Instance.OTHER,
         "（2013）宁法商清预字第1号"),
        ("（2014）穗中法民四终字第12号", "穗中法", "民四终", "12", Family.CIVIL,
         Instance.SECOND, "（2014）穗中法民四终字第12号"),
        ("(2010)新民民初字第5号", "新民", "民初", "5", Family.CIVIL, Instance.FIRST,
         "（2010）新民民初字第5号"),
        ("（2015）粤高法民一初5号", "粤高法", "民一初", "5", Family.CIVIL, Instance.FIRST,
         "（2015）粤高法民一初5号"),
    ],
)  # fmt: skip
def test_pre_2016_numbers(
    text: str,
    court: str | None,
    type_code: str,
    number: str,
    family: Family,
    instance: Instance,
    normalized: str,
) -> None:
    result = parse(text)
    assert result.valid and result.warnings == ()
    assert result.format == "pre2016"
    assert (result.court_code, result.type_code, result.number) == (court, type_code, number)
    assert (result.family, result.instance) == (family, instance)
    assert result.court_level is None
    assert result.normalized == normalized


def test_new_court_code_with_old_zi_is_decoded_but_flagged() -> None:
    result = parse("(2016)川01民终字第5644号")
    assert (result.court_code, result.type_code) == ("川01", "民终")
    assert (result.family, result.instance) == (Family.CIVIL, Instance.SECOND)
    assert result.format == "pre2016"
    assert "字" in result.warnings[0].message


# --- warnings ---------------------------------------------------------------------------------


def test_traditional_province_is_mapped_and_flagged() -> None:
    result = parse("(2022)粵0106刑初514号")
    assert result.court_code == "粤0106"
    assert result.normalized == "（2022）粤0106刑初514号"
    assert [w.code for w in result.warnings] == ["traditional_province"]
    assert "粵" in result.warnings[0].message


def test_missing_hao_is_added_and_flagged_in_both_formats() -> None:
    new = parse("(2021)吉0105民初99")
    assert new.normalized == CANONICAL
    assert warning_codes(new) == {"missing_hao"}
    assert "号" in new.warnings[0].message
    old = parse("(2011)米东民一初字1263")
    assert old.normalized == "（2011）米东民一初字1263号"
    assert warning_codes(old) == {"missing_hao"}


def test_several_numbers_with_range_and_commas() -> None:
    for text, number in [
        ("(2021)京0102民初9至14-7号", "9至14-7"),
        ("(2021)京0102民初1，2号", "1,2"),
        ("(2021)京0102民初1,2号", "1,2"),
    ]:
        result = parse(text)
        assert result.valid
        assert result.number == number
        assert warning_codes(result) == {"several_numbers"}


def test_sub_number_is_not_several_numbers() -> None:
    result = parse("(2015)深宝法沙执字第1335—16号")  # em dash typed for the hyphen
    assert result.number == "1335-16"
    assert result.warnings == ()


def test_unknown_type_is_valid_with_warning() -> None:
    result = parse("（2021）吉0105民民99号")
    assert result.valid
    assert warning_codes(result) == {"unknown_type"}
    assert result.type_code == "民民"
    assert result.family is None and result.instance is None
    assert result.court_level == "basic"


def test_long_unknown_type_gets_both_warnings_but_a_known_long_code_none() -> None:
    assert warning_codes(parse("（2021）吉0105民事诉讼5号")) == {"unknown_type", "type_too_long"}
    known = parse("（2021）吉0105民诉前调5号")
    assert known.warnings == ()
    assert known.type_code == "民诉前调"


def test_court_extended_type_table_removes_unknown_type_warning() -> None:
    table = DEFAULT_CASE_TYPES.with_types([CaseType("民新", Family.CIVIL, Instance.OTHER, "新")])
    result = parse_case_number("（2021）吉0105民新5号", table, current_year=YEAR)
    assert result.warnings == ()
    assert result.family is Family.CIVIL


def test_new_format_before_2016_warns() -> None:
    result = parse("（2014）浙民初5号")
    assert result.valid and result.format == "2016"
    assert warning_codes(result) == {"new_format_before_2016"}


def test_old_format_after_2016_message_names_the_problem() -> None:
    assert "no court code" in parse("(2019)刑终113号").warnings[0].message
    assert "经" in parse("（2019）经刑终134号").warnings[0].message


def test_several_warnings_accumulate() -> None:
    result = parse("(2022)粵02刑终第15、16")
    assert result.valid
    assert warning_codes(result) == {
        "traditional_province",
        "di_in_new_format",
        "several_numbers",
        "missing_hao",
    }
    assert result.normalized == "（2022）粤02刑终15、16号"


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        ("\u3000\t\n", "empty"),
        ("(2011)东辽民初字第某某号", "placeholder"),
        ("（2021）吉0105民初XX号", "placeholder"),
        ("（2021）吉0105民初×号", "placeholder"),
        ("***", "placeholder"),
        ("待定", "placeholder"),
        ("无", "placeholder"),
        ("N/A", "placeholder"),
        ("吉0105民初99号", "no_year"),
        ("2021吉0105民初99号", "no_year"),
        ("(21)吉0105民初99号", "no_year"),
        ("(1979)吉0105民初99号", "year_out_of_range"),
        ("(2027)吉0105民初99号", "year_out_of_range"),
        ("(1975)重刑初字第1号", "year_out_of_range"),
        ("（2018）渝0114号", "no_type"),
        ("(2021)123号", "no_type"),
        ("（2017）沪01", "no_number"),
        ("(2021)", "no_number"),
        ("(2021)吉0105民初号", "no_number"),
        ("(2021)吉0105民初", "no_number"),
        ("（2020）渝02366刑初310号", "bad_court_digits"),
        ("（2020）渝123民初5号", "bad_court_digits"),
        ("（2020）渝1民初5号", "bad_court_digits"),
        ("hello", "not_a_case_number"),
        ("12345", "not_a_case_number"),
        ("案号：（2021）吉0105民初99号", "not_a_case_number"),
        ("(2021)吉0105民初99号判决书", "not_a_case_number"),
        ("(2021)吉0105民初99号号", "not_a_case_number"),
        ("(2021)吉0105民初123456789号", "not_a_case_number"),
    ],
)
def test_errors(text: str, code: str) -> None:
    result = parse(text)
    assert not result.valid
    assert result.normalized is None
    assert result.error is not None and result.error.code == code
    assert result.error.message
    assert result.input == text
    assert (result.year, result.type_code, result.family, result.format) == (None,) * 4


def test_year_bounds_follow_current_year() -> None:
    assert parse_case_number("(2026)吉0105民初1号", current_year=2025).valid
    assert not parse_case_number("(2027)吉0105民初1号", current_year=2025).valid
    assert parse_case_number("(1980)重刑初字第1号", current_year=2025).valid


def test_current_year_defaults_to_today() -> None:
    this_year = date.today().year
    assert parse_case_number(f"({this_year + 1})吉0105民初1号").valid
    late = parse_case_number(f"({this_year + 2})吉0105民初1号")
    assert late.error is not None and late.error.code == "year_out_of_range"


# --- identity: never conflate different numbers ---------------------------------------------


def test_leading_zeros_are_kept() -> None:
    assert parse("（2012)徐执异字第0022号").number == "0022"
    assert parse("（2012)徐执异字第0022号").normalized != parse("（2012)徐执异字第22号").normalized
    assert parse("(2021)吉0105民初099号").normalized == "（2021）吉0105民初099号"


def test_suffix_and_sub_numbers_keep_numbers_apart() -> None:
    plain = parse("(2017)粤0229民初1034号")
    first = parse("(2017)粤0229民初1034号之一")
    sub = parse("(2017)粤0229民初1034-1号")
    assert len({plain.normalized, first.normalized, sub.normalized}) == 3
    assert first.suffix == "之一"
    assert sub.number == "1034-1"


def test_results_are_immutable_hashable_and_picklable() -> None:
    result = parse("（2022）粵0106刑初514号")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.year = 2000  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(result)) == result
    assert hash(result) == hash(parse("（2022）粵0106刑初514号"))
    assert result == parse_case_number("（2022）粵0106刑初514号", current_year=YEAR)


# --- search_key -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fragment",
    [
        "2021)吉0105民初99",
        "民初99号",
        "（２０２１）",
        "〔2021〕吉0105",
        "吉 0105",
        "【2021】",
        "99",
    ],
)
def test_search_key_finds_fragments(fragment: str) -> None:
    assert search_key(fragment) in search_key(CANONICAL)


def test_search_key_maps_brackets_spaces_and_traditional_province() -> None:
    assert search_key(" （2022）\u3000粵0106 刑初514号 ") == "(2022)粤0106刑初514号"
    assert search_key("民初98号") not in search_key(CANONICAL)


# --- properties -------------------------------------------------------------------------------

_ALPHABET = list(
    "()（）〔〕[]【】0123456789０１２３-、,至 \u3000\t民刑行执赔破初终再申核字第号之一二吉京粤粵渝"
    "最高法知某X×*深宝沙"
)


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(), st.text(alphabet=_ALPHABET, max_size=30)))
@example("(" * 200 + "2021)" + "民" * 300 + "1号")
@example("(2021)" + "民1" * 56 + "号")
@example("(2021)" + "民" * 56 + "1" * 56 + "号")
def test_never_raises_and_results_are_consistent(text: str) -> None:
    result = parse(text)
    assert result.input == text
    assert result.valid is (result.error is None)
    assert (result.normalized is not None) is result.valid
    assert warning_codes(result) | {result.error.code if result.error else "empty"} <= (
        CONTRACT_CODES
    )
    assert all(problem.message for problem in result.warnings)
    if result.valid:
        assert result.normalized is not None and result.normalized.startswith("（")
        assert result.normalized.endswith(result.suffix or "号")
        # The normalised form is a fixed point: parsing it again changes nothing.
        again = parse(result.normalized or "")
        assert again.valid and again.normalized == result.normalized
        assert again.type_code == result.type_code and again.number == result.number


def _canonical_numbers() -> st.SearchStrategy[str]:
    province = st.sampled_from("京津冀晋内辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川黔云藏陕甘青宁新兵军")
    digits = st.sampled_from(["", "01", "73", "0105", "8602"])
    court = st.one_of(st.just("最高法"), st.builds(str.__add__, province, digits))
    number = st.from_regex(r"[0-9]{1,8}(-[0-9]{1,3})?", fullmatch=True)
    return st.builds(
        lambda year, court, special, type_code, number, suffix, half: (
            ("({}){}" if half else "（{}）{}").format(year, court)
            + special + type_code + number + "号" + suffix
        ),
        st.integers(2016, YEAR + 1),
        court,
        st.sampled_from(["", "知"]),
        st.sampled_from(DEFAULT_CASE_TYPES.codes()),
        number,
        st.sampled_from(["", "之一", "之二"]),
        st.booleans(),
    )  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(_canonical_numbers())
def test_short_path_for_clean_numbers_agrees_with_the_full_parser(text: str) -> None:
    """A leading space forces the full parser; both paths must give the same answer."""
    quick = parse(text)
    full = parse(" " + text)
    assert quick.valid
    assert dataclasses.replace(full, input=text) == quick


def _export_columns() -> st.SearchStrategy[list[str]]:
    """Lists like an export's case-number column: many numbers under few heads, canonical or
    nearly so (years out of range, unknown types, 刑核, sub-numbers, stray text)."""
    head = st.builds(
        lambda year, court, type_code, half: (
            ("({}){}" if half else "（{}）{}").format(year, court) + type_code
        ),
        st.integers(2010, YEAR + 3),
        st.sampled_from(["吉0105", "吉01", "吉", "最高法", "粤0304知", "吉010", "京0101 "]),
        st.one_of(st.sampled_from(DEFAULT_CASE_TYPES.codes()),
                  st.sampled_from(["刑核", "民初", "执", "执恢", "民啊", ""])),
        st.booleans(),
    )  # fmt: skip
    tail = st.one_of(
        st.from_regex(r"[0-9]{1,9}号", fullmatch=True),
        st.from_regex(r"[0-9]{1,8}(-[0-9]{1,3})?号(之一)?", fullmatch=True),
        st.sampled_from(["号", "12", "00012号", "１２号", "12号 ", "第12号"]),
    )
    number = st.one_of(st.builds(str.__add__, head, tail), _canonical_numbers(),
                       st.text(max_size=12))
    return st.lists(number, max_size=40)


@settings(max_examples=300, deadline=None)
@given(_export_columns())
def test_batch_parser_gives_what_one_at_a_time_gives(texts: list[str]) -> None:
    """The batch parser decides once per head and copies the result: it must still equal
    the one-number parser for each number, and the full parser for canonical ones."""
    texts = texts + texts[::2]  # heads and whole numbers seen again
    batch = parse_case_numbers(texts, current_year=YEAR)
    assert batch == [parse(t) for t in texts]
    normalized, shared = parse_case_number_columns(texts, current_year=YEAR)
    assert normalized == [r.normalized for r in batch]
    rows = ("input", "normalized", "number")
    assert [dataclasses.replace(r, **dict.fromkeys(rows)) for r in shared] == [
        dataclasses.replace(r, **dict.fromkeys(rows)) for r in batch]
    for text, result in zip(texts, batch, strict=True):
        assert result.input is text
        if result.valid and not result.warnings:
            full = parse(" " + text)  # a leading space forces the full parser
            assert dataclasses.replace(full, input=text) == result


def test_batch_parser_shares_nothing_mutable_between_results() -> None:
    a, b = parse_case_numbers(["（2021）吉0105民初1号", "(2021)吉0105民初22号"], current_year=YEAR)
    assert (a.number, a.normalized) == ("1", "（2021）吉0105民初1号")
    assert (b.number, b.normalized, b.input) == ("22", "（2021）吉0105民初22号",
                                                 "(2021)吉0105民初22号")
    assert a.__dict__ is not b.__dict__ and a.warnings == b.warnings == ()
    assert parse_case_numbers([]) == []


def test_columns_share_one_result_per_head() -> None:
    texts = [f"（2021）吉0105民初{n}号" for n in range(1, 500)] + ["(2021)吉0105民初7号", "坏"]
    normalized, shared = parse_case_number_columns(texts, current_year=YEAR)
    assert len({id(r) for r in shared[:499]}) == 1  # one object for the whole head
    assert shared[0].input is None and shared[0].type_code == "民初" and shared[0].valid
    assert normalized[499] == "（2021）吉0105民初7号" and shared[499] == shared[0]
    assert normalized[500] is None and shared[500].input == "坏" and not shared[500].valid


def test_fast_path_keeps_the_criminal_review_warning() -> None:
    # Found by the batch property test: eight characters are not eight digits.
    result = parse("（2016）最高法刑核00000-00号")
    assert result.valid
    assert [w.code for w in result.warnings] == ["criminal_review_not_8_digits"]
    assert not parse("（2016）最高法刑核12345678号").warnings
