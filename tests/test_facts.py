"""budgetlint.nlp.analysis.facts: amounts tied to a line item, a period and a role, from prose and tables.

A number becomes a fact only when its clause names exactly one line item and the number is
a level (not a change, a share or a rate).  Seeds come from corpus/reports, small reports
are written to tmp_path, the real corpus is read from ../shared/corpus/real (skipped when
absent).  Tests marked xfail(strict=True), if any, state the correct fact where the current one is
wrong.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from paths import REAL, SEEDS

from budgetlint.nlp.analysis.facts import Fact, clause_role, item_mentions
from budgetlint.nlp.model import Document
from budgetlint.nlp.readers.txt import load_txt


@cache
def _load(path: Path) -> Document:
    return load_txt(path)


def seed(prefix: str) -> Document:
    hits = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not hits:
        pytest.skip(f"seed {prefix} not available")
    return _load(hits[0])


def real(prefix: str) -> Document:
    hits = sorted(REAL.glob(f"{prefix}_*.txt")) if REAL.is_dir() else []
    if not hits:
        pytest.skip(f"real document {prefix} not available")
    return _load(hits[0])


def write(tmp_path: Path, text: str, name: str = "r.txt") -> Document:
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return load_txt(p)


def key(f: Fact) -> tuple:
    return (f.item, f.period, f.role, f.quantity.value, f.unit)


def prose_at(doc: Document, line: int) -> list[Fact]:
    return [f for f in doc.facts if f.source == "prose" and f.line == line]


FINAL = "某单位2023年度部门决算\n\n一、收入支出决算总体情况说明\n"
BUDGET = "某单位2026年部门预算\n\n一、部门预算编制说明\n"


# -- prose facts of seed 002 line 38 ---------------------------------------------------------
def test_seed002_line38_levels_are_facts():
    facts = prose_at(seed("002"), 38)
    assert [key(f) for f in facts] == [
        ("基本支出", "2023", "actual", 213.62, "万元"),
        ("项目支出", "2023", "actual", 37.44, "万元"),
        ("人员经费", "2023", "actual", 109.33, "万元"),
        ("公用经费", "2023", "actual", 104.29, "万元"),
    ]


def test_seed002_personnel_fact_in_detail():
    f = next(f for f in prose_at(seed("002"), 38) if f.item == "人员经费")
    assert (f.label, f.source, f.line, f.end_line, f.scope) == ("人员经费", "prose", 38, 38, "")
    assert (f.quantity.text, f.quantity.decimals) == ("109.33万元", 2)
    assert f.excerpt.endswith("人员经费完成109.33万元")
    assert f.where == "第38行正文"


def test_seed002_changes_and_rates_in_line38_are_not_facts():
    values = {f.quantity.value for f in prose_at(seed("002"), 38)}
    # 比上年增加88.57万元 / 51.13万元 / 36.14万 / 14.99万元; 上升54.51% / 31.47% / 22.24% / 16.79%
    assert values.isdisjoint({88.57, 51.13, 36.14, 14.99, 54.51, 31.47, 22.24, 16.79})


def test_a_clause_without_an_item_gives_no_fact():
    """ "2023年，我办实际支出251.06万元" names no line item."""
    assert 251.06 not in {f.quantity.value for f in prose_at(seed("002"), 38)}


def test_increase_and_decrease_are_not_levels(tmp_path):
    doc = write(
        tmp_path, FINAL + "人员经费比上年增加36.14万元，公用经费较上年减少5.00万元。\n公用经费比上年增长22.24%。\n"
    )
    assert doc.facts == []


def test_a_clause_naming_two_items_gives_no_fact(tmp_path):
    doc = write(tmp_path, FINAL + "人员经费和公用经费合计213.62万元。\n")
    assert doc.facts == []


def test_approximate_amounts_are_not_facts(tmp_path):
    doc = write(tmp_path, FINAL + "公用经费约92万元。\n人员经费100余万元。\n")
    assert doc.facts == []


def test_longer_phrase_wins_over_its_tail():
    assert item_mentions("包括人员类项目经费165.98万元和日常公用经费17.27万元") == [(18, 24, "公用经费")]
    assert item_mentions("“三公”经费财政拨款") == [(0, 6, "三公经费")]


# -- periods ---------------------------------------------------------------------------------
def test_period_is_the_last_year_named_before_the_number(tmp_path):
    doc = write(tmp_path, FINAL + "2022年决算情况已公开。2023年人员经费完成109.33万元。\n")
    assert [key(f) for f in doc.facts] == [("人员经费", "2023", "actual", 109.33, "万元")]


def test_comparison_base_year_is_not_the_period(tmp_path):
    doc = write(
        tmp_path,
        BUDGET + "2026年预算安排人员经费120.00万元，比2025年预算执行数增加5.00%，公用经费预算安排30.00万元。\n",
    )
    assert [key(f) for f in doc.facts] == [
        ("人员经费", "2026", "budget", 120.0, "万元"),
        ("公用经费", "2026", "budget", 30.0, "万元"),
    ]


def test_relative_year_word_in_the_clause(tmp_path):
    doc = write(tmp_path, FINAL + "上年公用经费决算83.72万元。\n本年公用经费决算92.01万元。\n")
    assert [(f.period, f.quantity.value) for f in doc.facts] == [("2022", 83.72), ("2023", 92.01)]


def test_report_year_when_nothing_names_a_year(tmp_path):
    doc = write(tmp_path, FINAL + "公用经费决算数为92.01万元。\n")
    assert [f.period for f in doc.facts] == ["2023"]


def test_relative_year_in_the_clause_wins_over_an_earlier_year(tmp_path):
    doc = write(tmp_path, FINAL + "2023年公用经费决算92.01万元，上年公用经费决算83.72万元。\n")
    assert [(f.period, f.quantity.value) for f in doc.facts] == [("2023", 92.01), ("2022", 83.72)]


# -- roles -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "clause, role",
    [
        ("公用经费年初预算", "initial"),
        ("2023年年初一般公共预算拨款预算支出数为", "initial"),
        ("公用经费全年预算", "adjusted"),
        ("调整后预算数", "adjusted"),
        ("2026年预算安排", "budget"),
        ("公用经费预算数为", "budget"),
        ("“一般公共服务支出”（类）2022年度决算", "actual"),
        ("人员经费完成", "actual"),
        ("2025年当年预算执行数为", "actual"),
        ("本年公用经费支出了", "actual"),
    ],
)
def test_clause_role(clause, role):
    assert clause_role(clause, "") == role


def test_clause_without_a_role_word_takes_the_default():
    assert clause_role("公用经费", "actual") == "actual"
    assert clause_role("公用经费", "budget") == "budget"
    assert clause_role("公用经费", "") == ""


def test_roles_in_a_final_accounts_report(tmp_path):
    doc = write(
        tmp_path,
        FINAL + "公用经费年初预算9.50万元。\n公用经费决算数为92.01万元。\n"
        "2023年人员经费完成109.33万元。\n本年公用经费88.00万元。\n",
    )
    assert [(f.item, f.role, f.quantity.value) for f in doc.facts] == [
        ("公用经费", "initial", 9.5),
        ("公用经费", "actual", 92.01),
        ("人员经费", "actual", 109.33),
        ("公用经费", "actual", 88.0),
    ]


def test_default_role_of_a_budget_is_budget(tmp_path):
    doc = write(tmp_path, BUDGET + "2026年公用经费30.00万元。\n")
    assert [key(f) for f in doc.facts] == [("公用经费", "2026", "budget", 30.0, "万元")]


def test_seed002_initial_budget_total_in_prose():
    facts = prose_at(seed("002"), 44)
    assert [(f.item, f.period, f.role, f.quantity.value, f.label) for f in facts] == [
        ("支出总额", "2023", "initial", 213.62, "预算支出数"),
        ("基本支出", "2023", "actual", 213.62, "基本支出"),
    ]


# -- 科目 topic facts ----------------------------------------------------------------------------
TOPIC = (
    "7、社会保障和就业支出（208类）行政事业单位养老支出（05款）行政单位离退休（01项）56.12万元。"
    "主要用于：退休人员支出。2025年当年预算执行数为55.1万元，2026年预算安排57.8万元，"
    "比2025年预算执行数增加4.90%。主要原因是：人员增加。\n"
)


def test_numbered_subject_paragraph_gives_two_topic_facts(tmp_path):
    doc = write(tmp_path, BUDGET + TOPIC)
    assert [(f.item, f.period, f.role, f.quantity.value, f.unit, f.label, f.scope) for f in doc.facts] == [
        ("2080501", "2026", "budget", 56.12, "万元", "行政单位离退休", "topic"),
        ("2080501", "2026", "budget", 57.8, "万元", "行政单位离退休", "topic"),
    ]


def test_topic_facts_keep_their_line(tmp_path):
    doc = write(tmp_path, BUDGET + TOPIC)
    assert [f.line for f in doc.facts] == [4, 4]


def test_real_budget_subject_paragraph_wrapped_over_two_lines():
    doc = real("004")
    facts = [f for f in doc.facts if f.item == "2080501" and f.source == "prose"]
    assert [(f.line, f.period, f.role, f.quantity.value, f.scope) for f in facts] == [
        (84, "2026", "budget", 57.8, "topic"),
        (85, "2026", "budget", 57.8, "topic"),
    ]


def test_real_budget_coded_rows_give_table_facts_of_their_fund():
    doc = real("004")
    facts = {(f.fund, f.quantity.value) for f in doc.facts if f.item == "2210201" and f.source == "table"}
    assert ("general", 2087959.0) in facts


def test_real_budget_topic_facts_that_disagree():
    doc = real("004")
    facts = [f for f in doc.facts if f.item == "2210201" and f.source == "prose"]
    assert [(f.line, f.quantity.value, f.label) for f in facts] == [
        (96, 208.8, "住房公积金"),
        (97, 201.5, "住房公积金"),
    ]


# -- table facts ------------------------------------------------------------------------------------
def test_seed002_basic_data_table_facts_for_public_funds():
    doc = seed("002")
    facts = [f for f in doc.facts if f.source == "table" and f.item == "公用经费"]
    assert [(f.period, f.role, f.quantity.value, f.unit, f.line, f.table, f.row, f.col) for f in facts] == [
        ("2022", "actual", 83.72, None, 183, 0, 15, 1),
        ("2023", "budget", 9.5, None, 184, 0, 15, 2),
        ("2023", "actual", 92.01, None, 185, 0, 15, 3),
    ]
    assert facts[2].label == "公用经费"
    assert facts[2].where == "第185行表格“公用经费”行"


def test_seed002_self_evaluation_fund_total_facts():
    doc = seed("002")
    facts = [f for f in doc.facts if f.source == "table" and f.item == "支出总额"]
    assert [(f.period, f.role, f.quantity.value, f.unit, f.line, f.table, f.row, f.col) for f in facts] == [
        ("2023", "initial", 128.90, "万元", 260, 1, 2, 2),
        ("2023", "adjusted", 251.06, "万元", 260, 1, 2, 3),
        ("2023", "actual", 251.06, "万元", 260, 1, 2, 4),
    ]
    assert facts[0].label == "年度资金总额"
    assert facts[0].quantity.decimals == 2


def test_project_self_evaluation_tables_give_no_department_total():
    doc = seed("000")
    assert [f for f in doc.facts if f.source == "table"] == []


def test_table_label_with_numbering_names_the_item():
    """ "   3、公务接待" in the basic-data table is the item 公务接待费."""
    doc = seed("002")
    facts = [f for f in doc.facts if f.source == "table" and f.item == "公务接待费"]
    assert [(f.period, f.role, f.quantity.value, f.label) for f in facts] == [
        ("2022", "actual", 0.0, "公务接待"),
        ("2023", "budget", 0.3, "公务接待"),
        ("2023", "actual", 0.0, "公务接待"),
    ]


def test_yuan_interval_of_a_fact():
    f = next(f for f in prose_at(seed("002"), 38) if f.item == "公用经费")
    iv = f.yuan_interval()
    assert (round(iv.lo, 4), round(iv.hi, 4)) == (1042850.0, 1042950.0)
    t = next(
        f
        for f in seed("002").facts
        if f.source == "table" and f.item == "公用经费" and f.role == "actual" and f.period == "2023"
    )
    assert t.yuan_interval() is None  # the table states no unit
    iv = t.yuan_interval("万元")
    assert (round(iv.lo, 4), round(iv.hi, 4)) == (920050.0, 920150.0)


# -- items that a qualifier changes -----------------------------------------------------------------
def test_seed000_basic_expenditure_budget_is_not_the_total():
    facts = prose_at(seed("000"), 130)
    assert [(f.item, f.quantity.value) for f in facts if f.role == "budget"] == [
        ("基本支出", 396.477809),
        ("项目支出", 700.753007),
    ]


def test_seed002_government_fund_revenue_is_not_fiscal_revenue():
    facts = [f for f in prose_at(seed("002"), 34) if f.item == "财政拨款收入"]
    assert 0.0 not in [f.quantity.value for f in facts]


# -- units of tables that state none, and the table side of a comparison ------------------------
def _fact(
    source: str, value: float, unit: str | None, table: int | None = None, item: str = "基本支出", decimals: int = 2
) -> Fact:
    from budgetlint.nlp.numbers.quantities import parse_value

    q = parse_value(f"{value:.{decimals}f}")
    return Fact(
        item=item,
        period="2023",
        role="actual",
        quantity=q,
        unit=unit,
        source=source,
        line=1,
        end_line=1,
        label=item,
        where="",
        table=table,
    )


def test_infer_table_units_picks_the_one_unit_under_which_the_prose_agrees():
    from budgetlint.nlp.analysis.facts import infer_table_units

    prose = [_fact("prose", 120.5, "万元"), _fact("prose", 120.5, "万元")]
    table = [_fact("table", 1205000.0, None, table=0), _fact("table", 120.5, None, table=1)]
    assert infer_table_units(prose, table) == {0: "元", 1: "万元"}


def test_infer_table_units_leaves_a_table_agreeing_under_two_units():
    from budgetlint.nlp.analysis.facts import infer_table_units

    prose = [_fact("prose", 120.5, "万元"), _fact("prose", 1205000.0, "万元", decimals=0)]
    table = [_fact("table", 120.5, None, table=0), _fact("table", 1205000.0, None, table=0, decimals=0)]
    assert infer_table_units(prose, table) == {}


def test_table_sides_take_the_first_candidate_with_a_unit_when_all_tell_one_value():
    from budgetlint.nlp.analysis.facts import table_sides

    first, second = _fact("table", 120.5, "万元", table=0), _fact("table", 1205000.0, None, table=1)
    side = table_sides([first, second], {1: "元"})[("基本支出", "2023", "actual", "")]
    assert (side.fact, side.unit) == (first, "万元")


def test_table_sides_leave_out_a_key_whose_cells_disagree():
    from budgetlint.nlp.analysis.facts import table_sides

    assert table_sides([_fact("table", 120.5, "万元", 0), _fact("table", 99.0, "万元", 1)], {}) == {}


def test_table_sides_without_units_need_equal_printed_values():
    from budgetlint.nlp.analysis.facts import table_sides

    t = _fact("table", 120.5, None, table=0)
    sides = table_sides(
        [
            t,
            _fact("table", 120.5, None, table=1),
            _fact("table", 7.0, None, 2, item="项目支出"),
            _fact("table", 8.0, None, 3, item="项目支出"),
        ],
        {},
    )
    assert list(sides) == [("基本支出", "2023", "actual", "")]
    assert (sides[("基本支出", "2023", "actual", "")].fact, sides[("基本支出", "2023", "actual", "")].unit) == (t, None)


@pytest.mark.parametrize(
    ("caption", "kind"),
    [
        ("2024年部门支出预算总表", "支出表"),
        ("财政拨款支出预算表（功能科目）", "财政拨款支出表"),
        ("一般公共预算机关运行经费支出预算表", None),
        ("2024年部门一般公共预算基本支出部门预算经济分类预算表", "一般公共预算基本支出表"),
        ("财政拨款“三公”经费支出决算表", "三公经费表"),
        ("财政拨款收入支出决算总表", "财政拨款收支总表"),
    ],
)
def test_a_table_kind_is_its_longest_unqualified_title(caption, kind):
    from budgetlint.nlp.analysis.ledgers import table_kind
    from budgetlint.nlp.model import Table

    assert table_kind(Table(line=1, end_line=1, caption=caption)) == kind


@pytest.mark.parametrize(
    ("title", "fund"),
    [
        ("六、一般公共预算财政拨款基本支出决算情况说明", "general"),
        ("四、财政拨款收入支出决算总体情况说明", "fiscal"),
        ("一、收入支出决算总体情况说明", "all"),
        ("七、财政拨款“三公”经费支出决算情况说明", ""),
        ("主要职能", ""),
    ],
)
def test_a_section_heading_names_the_fund_of_the_table_it_explains(title, fund):
    from budgetlint.nlp.analysis.facts import heading_fund

    assert heading_fund(title) == fund


def test_a_fund_name_holding_a_role_word_does_not_give_the_role():
    from budgetlint.nlp.analysis.facts import clause_role

    assert clause_role("一般公共预算财政拨款基本支出", "actual") == "actual"
    assert clause_role("一般公共预算财政拨款基本支出预算数", "actual") == "budget"
