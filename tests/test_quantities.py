"""budgetlint.nlp.numbers.quantities: numbers with their units, as printed in prose and table cells."""

import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from budgetlint.nlp.numbers.quantities import Quantity, comparator_of, extract, parse_value

INF = math.inf


def one(text: str) -> Quantity:
    qs = extract(text)
    assert len(qs) == 1, qs
    return qs[0]


def fields(q: Quantity) -> tuple:
    return (q.value, q.text, q.start, q.end, q.unit, q.decimals, q.approx, q.comparator, q.kind)


# --- money, percent and the seed phrases ------------------------------------------------


def test_seed_total_in_wan_yuan_with_six_decimals_and_the_year_is_not_a_quantity():
    s = "2022年度收、支总计1097.230816万元"
    assert fields(one(s)) == (1097.230816, "1097.230816万元", 11, 24, "万元", 6, False, None, "money")


def test_percent_growth():
    assert fields(one("增长63.78%")) == (63.78, "63.78%", 2, 8, "%", 2, False, None, "percent")


def test_three_quantities_in_the_seed_arithmetic_sentence_with_bare_wan():
    qs = extract("人员经费完成109.33万元，比上年增加36.14万，上升22.24%")
    assert [fields(q) for q in qs] == [
        (109.33, "109.33万元", 6, 14, "万元", 2, False, None, "money"),
        (36.14, "36.14万", 20, 26, "万", 2, False, None, "plain"),
        (22.24, "22.24%", 29, 35, "%", 2, False, None, "percent"),
    ]


def test_bare_wan_multiplier_is_unit_wan_not_wan_yuan():
    assert fields(one("粉丝全年增量数10万")) == (10.0, "10万", 7, 10, "万", 0, False, None, "plain")
    assert fields(one("40万")) == (40.0, "40万", 0, 3, "万", 0, False, None, "plain")


def test_space_between_number_and_unit_and_decrease_word_is_not_a_sign():
    assert fields(one("减少91.91 万元")) == (91.91, "91.91 万元", 2, 10, "万元", 2, False, None, "money")


def test_several_spaces_before_percent_from_pdf_text():
    assert fields(one("增长13.22  %")) == (13.22, "13.22  %", 2, 10, "%", 2, False, None, "percent")


def test_thousands_separators():
    assert fields(one("合计14,348,853.34元")) == (14348853.34, "14,348,853.34元", 2, 16, "元", 2, False, None, "money")


def test_bare_number_without_unit_is_returned_with_unit_none():
    assert fields(one("年度资金总额\t50000.00\t")) == (50000.0, "50000.00", 7, 15, None, 2, False, None, "plain")


def test_yi_with_plus_is_an_approximation():
    assert fields(one("相关话题阅读量1.6亿+。")) == (1.6, "1.6亿+", 7, 12, "亿", 1, True, None, "plain")


def test_wan_ren_ci_compound_unit():
    assert fields(one("服务40万人次")) == (40.0, "40万人次", 2, 7, "万人次", 0, False, None, "count")


def test_points():
    assert fields(one("该指标得2.40分。")) == (2.4, "2.40分", 4, 9, "分", 2, False, None, "points")


def test_percentage_points():
    q = one("下降3.5个百分点")
    assert (q.value, q.unit, q.kind, q.text) == (3.5, "百分点", "percent", "3.5个百分点")


def test_full_width_digits_and_percent():
    assert fields(one("满意度１２％")) == (12.0, "１２％", 3, 6, "%", 0, False, None, "percent")


def test_minus_sign_is_not_part_of_the_value():
    assert fields(one("增长-5.2%")) == (5.2, "5.2%", 3, 7, "%", 1, False, None, "percent")


def test_latex_escaped_percent():
    assert fields(one("得分率  $69.33\\%$  ，")) == (69.33, "69.33\\%", 6, 13, "%", 2, False, None, "percent")


def test_pdf_line_wrap_between_number_and_unit():
    assert fields(one("比上年预算增加403.75\n万元，")) == (
        403.75,
        "403.75\n万元",
        7,
        16,
        "万元",
        2,
        False,
        None,
        "money",
    )


def test_pdf_line_wrap_between_wan_and_yuan():
    q = one("减少1.77 万\n元，")
    assert (q.value, q.unit, q.end) == (1.77, "万元", 10)


# --- counts and Chinese numerals --------------------------------------------------------


def test_target_with_comparator_and_measure_word():
    assert fields(one("≥75个")) == (75.0, "≥75个", 0, 4, "个", 0, False, ">=", "count")


def test_chinese_numeral_liang_ci():
    assert fields(one("每年开展两次")) == (2.0, "两次", 4, 6, "次", 0, False, None, "count")


def test_chinese_numeral_shi_er_ge_yue_is_a_duration_in_months():
    assert fields(one("历时十二个月")) == (12.0, "十二个月", 2, 6, "月", 0, False, None, "count")


def test_chinese_numeral_san_ge():
    assert fields(one("设立三个专班")) == (3.0, "三个", 2, 4, "个", 0, False, None, "count")


def test_chinese_numeral_with_wan_yuan():
    assert fields(one("奖励五万元")) == (5.0, "五万元", 2, 5, "万元", 0, False, None, "money")
    assert fields(one("一万二千元")) == (12000.0, "一万二千元", 0, 5, "元", 0, False, None, "money")


def test_chinese_percent():
    assert fields(one("达到百分之九十")) == (90.0, "百分之九十", 2, 7, "%", 0, False, None, "percent")


def test_chinese_numerals_without_a_unit_are_not_numbers():
    assert extract("一是加强管理，二是一般情况") == []


def test_set_phrases_with_chinese_numerals_are_not_quantities():
    assert extract("十四五规划；三公经费；一次性补贴；十分重要；一起推进") == []


def test_jiu_shi_fen_is_ninety_points_not_the_phrase_shi_fen():
    assert (one("得九十分").value, one("得九十分").unit) == (90.0, "分")


def test_unit_blockers_xiangmu_is_not_xiang():
    q = one("完成3项目标")
    assert (q.value, q.unit) == (3.0, None)


# --- approximations ---------------------------------------------------------------------


def test_duo_between_number_and_unit():
    q = one("漏洞1200多起")
    assert fields(q) == (1200.0, "1200多起", 2, 8, "起", 0, True, None, "count")
    assert q.approx_kind == "at_least"


def test_yu_between_number_and_unit():
    assert fields(one("完成各类报告300余份")) == (300.0, "300余份", 6, 11, "份", 0, True, None, "count")


def test_yu_between_number_and_multiplier():
    q = one("对属地30余万家网站")
    assert (q.value, q.unit, q.approx, q.text, q.base()) == (30.0, "万家", True, "30余万家", (300000.0, "家"))


def test_chao_and_duo_together_are_at_least_and_greater_than():
    q = one("网络安全漏洞超1200多起")
    assert fields(q) == (1200.0, "超1200多起", 6, 13, "起", 0, True, ">", "count")
    assert q.approx_kind == "at_least"


def test_yue_is_an_around_approximation():
    q = one("投入约5万元")
    assert fields(q) == (5.0, "约5万元", 2, 6, "万元", 0, True, None, "money")
    assert q.approx_kind == "around"


def test_zuoyou_is_an_around_approximation():
    q = one("约100人左右")
    assert (q.value, q.unit, q.approx_kind, q.text) == (100.0, "人", "around", "约100人左右")


def test_yishang_is_at_least_and_greater_or_equal():
    q = one("修复率达到98%以上。")
    assert fields(q) == (98.0, "98%以上", 5, 10, "%", 0, True, ">=", "percent")


def test_ge_duo_yue():
    q = one("历时3个多月")
    assert (q.value, q.unit, q.approx, q.text) == (3.0, "月", True, "3个多月")


def test_yu_e_is_not_an_approximation():
    q = one("结转100余额")
    assert (q.value, q.approx, q.text) == (100.0, False, "100")


# --- comparators ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,op",
    [
        ("不少于400起", ">="),
        ("不低于90%", ">="),
        ("≥90%", ">="),
        ("大于等于5个", ">="),
        ("至少3次", ">="),
        ("≤100%", "<="),
        ("不超过5%", "<="),
        ("不高于5%", "<="),
        ("小于等于2天", "<="),
        ("控制在5%以内", "<="),
        (">10次", ">"),
        ("高于80%", ">"),
        ("大于3个", ">"),
        ("<3次", "<"),
        ("低于60%", "<"),
        ("小于5%", "<"),
        ("=365天", "="),
        ("＝100%", "="),
        ("90%以上", ">="),
        ("5%以内", "<="),
        ("60分以下", "<="),
    ],
)
def test_comparator_words(text, op):
    assert comparator_of(text) == op
    assert parse_value(text).comparator == op


def test_dadao_is_not_a_comparator():
    assert comparator_of("满意度达到99%") is None


def test_target_without_a_number_has_no_comparator():
    assert comparator_of("控制在预算范围内") is None
    assert comparator_of("及时") is None


def test_longest_comparator_wins():
    q = one("不低于90%")
    assert (q.comparator, q.text, q.start) == (">=", "不低于90%", 0)


def test_comparator_in_extract_spans_the_word():
    q = one("每年推送不少于8000条。")
    assert fields(q) == (8000.0, "不少于8000条", 4, 12, "条", 0, False, ">=", "count")


# --- what is not a quantity -------------------------------------------------------------


def test_ordinal_di_is_excluded():
    assert extract("第14次党代会") == []
    assert extract("第七次党代会") == []


def test_year_month_deadline_is_excluded():
    assert extract("2023年12月前完成") == []


@pytest.mark.parametrize(
    "text",
    [
        "2023年",
        "2022年度",
        "9月份",
        "2024年7月30日",
        "2021年度内完成",
        "12月31日",
        "2021-2024年",
        "2021- 2024年",
        "（2019—2021年）",
        "2022-12-31",
        "2025.1.1-2025.12.3",
        "二〇二三年",
        "一季度",
        "3季度",
        "截至9:30",
    ],
)
def test_dates_are_not_quantities(text):
    assert extract(text) == []


def test_phone_number_is_excluded_in_extract():
    assert extract("联系电话：83368752") == []
    assert extract("电话021-52564588，400-820-8820") == []


def test_codes_are_excluded():
    assert extract("（01项） 204类 06款 主管部门0101011 鹿发﹝2019﹞8号") == []


@pytest.mark.parametrize(
    "text", ["1、开展工作", "（2）加强管理", "(3)完善制度", "①加强", "3.完成任务", "4．落实", "1）建立"]
)
def test_list_markers_are_not_quantities(text):
    assert extract(text) == []


def test_heading_number_at_line_start_is_not_a_quantity():
    assert extract("1.1 项目概况\n201 一般公共服务支出") == []


def test_list_marker_glued_to_a_year():
    assert extract("4．2024年部门预算表") == []


def test_references_are_excluded_but_not_when_a_unit_follows():
    assert extract("表1-1：情况详见图2和附件5") == []
    assert fields(one("报表3份")) == (3.0, "3份", 2, 4, "份", 0, False, None, "count")


def test_numbers_glued_to_ascii_words_are_not_quantities():
    assert extract("5G网络 PM2.5 H5页面 C101项目 1/3") == []


def test_html_table_markup():
    qs = extract('<td rowspan="15">省赛</td><td>2022年</td><td>605.00</td><td>5</td>')
    assert [(q.value, q.unit, q.comparator, q.text) for q in qs] == [
        (605.0, None, None, "605.00"),
        (5.0, None, None, "5"),
    ]


def test_year_without_nian_is_a_bare_number():
    assert fields(one("<td>2021</td>")) == (2021.0, "2021", 4, 8, None, 0, False, None, "plain")


def test_duration_in_years_is_a_quantity():
    assert fields(one("每2年举办")) == (2.0, "2年", 1, 3, "年", 0, False, None, "count")


def test_quantities_are_in_order_and_do_not_overlap():
    s = "收入100万元，支出90万元，增长5%，第3次，共4次，2023年。"
    qs = extract(s)
    assert [q.text for q in qs] == ["100万元", "90万元", "5%", "4次"]
    assert all(a.end <= b.start for a, b in zip(qs, qs[1:]))
    assert all(s[q.start : q.end] == q.text for q in qs)


# --- parse_value ------------------------------------------------------------------------


def test_parse_value_bare_decimal():
    assert fields(parse_value("0.69")) == (0.69, "0.69", 0, 4, None, 2, False, None, "plain")


def test_parse_value_percent():
    assert fields(parse_value("99.25%")) == (99.25, "99.25%", 0, 6, "%", 2, False, None, "percent")


def test_parse_value_target_cell():
    assert fields(parse_value("≥75个")) == (75.0, "≥75个", 0, 4, "个", 0, False, ">=", "count")


def test_parse_value_thousands():
    assert fields(parse_value("14,348,853.34")) == (14348853.34, "14,348,853.34", 0, 13, None, 2, False, None, "plain")


def test_parse_value_long_bare_number_parses_in_a_cell():
    assert fields(parse_value("831200")) == (831200.0, "831200", 0, 6, None, 0, False, None, "plain")
    assert parse_value("86970000").value == 86970000.0


@pytest.mark.parametrize(
    "cell", ["—", "——", "-", "定性", "及时", "无", "", "\u3000", None, "2023年", "204类", "年初预算数", "完成27次"]
)
def test_parse_value_no_value(cell):
    assert parse_value(cell) is None


def test_parse_value_ideographic_space_and_box():
    assert fields(parse_value("\u3000≥98")) == (98.0, "≥98", 1, 4, None, 0, False, ">=", "plain")
    assert fields(parse_value("□≥98")) == (98.0, "≥98", 1, 4, None, 0, False, ">=", "plain")


def test_parse_value_offsets_are_in_the_cell():
    cell = "  50000.00 "
    q = parse_value(cell)
    assert (q.value, q.decimals, q.start, q.end, cell[q.start : q.end]) == (50000.0, 2, 2, 10, "50000.00")


def test_parse_value_strips_a_leading_minus():
    assert (parse_value("-12.50").value, parse_value("-12.50").text) == (12.5, "12.50")


# --- base() and interval() --------------------------------------------------------------


def test_base_and_interval_wan_yuan():
    q = parse_value("1097.230816万元")
    v, u = q.base()
    assert (v, u) == (pytest.approx(10972308.16), "元")
    lo, hi = q.interval()
    assert (lo, hi) == (pytest.approx(10972308.155), pytest.approx(10972308.165))


def test_base_and_interval_yi_yuan():
    q = parse_value("1.6亿元")
    assert q.base() == (pytest.approx(1.6e8), "元")
    assert q.interval() == (pytest.approx(1.55e8), pytest.approx(1.65e8))


def test_base_and_interval_yuan():
    q = parse_value("34638.00元")
    assert q.base() == (34638.0, "元")
    assert q.interval() == (pytest.approx(34637.995), pytest.approx(34638.005))


def test_base_and_interval_percent():
    q = parse_value("63.78%")
    assert q.base() == (63.78, "%")
    assert q.interval() == (pytest.approx(63.775), pytest.approx(63.785))


def test_base_of_bare_wan_and_wan_ren():
    assert parse_value("36.14万").base() == (pytest.approx(361400.0), None)
    assert parse_value("3万人").base() == (30000.0, "人")


def test_base_of_bare_number():
    assert parse_value("0.69").base() == (0.69, None)


def test_interval_of_at_least_approximation():
    q = one("宣传品2000余套")
    assert q.interval() == (2000.0, INF)
    assert one("1.6亿+").interval() == (pytest.approx(1.6e8), INF)


def test_interval_of_around_approximation_is_two_sided():
    lo, hi = one("约5万元").interval()
    assert lo == pytest.approx(50000 - 5000 - 5000) and hi == pytest.approx(50000 + 5000 + 5000)


def test_equality_ignores_approx_kind():
    q = one("约5万元")
    assert q == Quantity(5.0, "约5万元", 0, 4, "万元", 0, True, None, "money")


# --- properties -------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    cents=st.integers(min_value=0, max_value=10**12),
    decimals=st.integers(min_value=0, max_value=6),
    unit=st.sampled_from(["元", "万元", "亿元"]),
    sep=st.booleans(),
    space=st.sampled_from(["", " ", "  "]),
    prefix=st.sampled_from(["支出合计", "比上年增加", "其中：基本支出", "减少", "\t", ""]),
)
def test_formatted_amount_round_trips(cents, decimals, unit, sep, space, prefix):
    x = cents / 10**6
    num = f"{x:,.{decimals}f}" if sep else f"{x:.{decimals}f}"
    s = f"{prefix}{num}{space}{unit}，占比"
    q = one(s)
    assert q.value == float(num.replace(",", ""))
    assert (q.decimals, q.unit, q.kind, q.text, q.start) == (
        decimals,
        unit,
        "money",
        f"{num}{space}{unit}",
        len(prefix),
    )


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "2023年",
                "收入",
                "100万元",
                "，",
                "增长",
                "5.5%",
                "第3次",
                "两次",
                "1、",
                "≥",
                "90%",
                "\n",
                " ",
                "约",
                "余",
                "多",
                "起",
                "12月",
                "83368752",
                "（2）",
                "十四五",
                "1.6亿+",
                "0.69",
                "\t",
                "—",
                "万",
                "元",
                "３",
            ]
        ),
        max_size=30,
    )
)
def test_extract_spans_are_ordered_non_overlapping_and_match_the_text(parts):
    s = "".join(parts)
    qs = extract(s)
    assert all(s[q.start : q.end] == q.text for q in qs)
    assert all(a.end <= b.start for a, b in zip(qs, qs[1:]))
    assert all(q.value >= 0 and q.kind in {"money", "percent", "count", "points", "plain"} for q in qs)


def test_a_30k_character_report_is_fast():
    para = (
        "2022年度收、支总计1097.230816万元，比上年增加427.297727万元，增长63.78%。其中：基本支出384.849207万元，"
        "占支出合计的35.45%；完成各类报告300余份，开展宣传活动两次，一是加强管理。\n"
    )
    text = (para * (30000 // len(para) + 1))[:30000]
    extract(text)
    t0 = time.perf_counter()
    extract(text)
    assert time.perf_counter() - t0 < 0.25  # a few ms on a normal machine; generous for CI


def test_box_drawing_double_line_is_an_equals_comparator():
    q = one("满意度═100%")
    assert (q.value, q.unit, q.comparator, q.text) == (100.0, "%", "=", "═100%")


def test_full_width_comma_groups_full_width_digits_and_keeps_offsets():
    text = "共计１，２３４．５万元"
    q = one(text)
    assert (q.value, q.unit, q.start, q.end) == (1234.5, "万元", 2, 11)
    assert text[q.start : q.end] == "１，２３４．５万元"


def test_full_width_comma_between_numbers_is_still_a_clause_mark():
    assert [q.value for q in extract("３，５")] == [3.0, 5.0]
    assert [q.value for q in extract("１，２３４５")] == [1.0, 2345.0]


def test_percent_sign_spaced_away_from_the_number():
    assert [(q.value, q.text) for q in extract("增长  10.06  %，下降10.06  ％")] == [
        (10.06, "10.06  %"),
        (10.06, "10.06  ％"),
    ]


def test_amount_after_a_straight_quote_closing_a_name():
    text = '"一般行政管理事务(项)"110.60万元'
    assert [(q.value, q.unit, text[q.start : q.end]) for q in extract(text)] == [(110.6, "万元", "110.60万元")]


def test_bare_number_in_an_attribute_after_a_quote_is_not_a_figure():
    assert extract('colspan="2"') == []


def test_year_after_a_half_width_full_stop_is_a_date():
    assert extract("一般行政管理事务.2023年当年预算") == []
