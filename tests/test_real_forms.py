"""Form fields, prompts left in place and truncated answers on the real corpora: the
findings these readings add, each checked by hand in the text.  Skipped when the shared
corpora are absent; their files are never copied into the repository."""

from __future__ import annotations

import pytest
from paths import REAL, REPO

from budgetlint.config import Config
from budgetlint.nlp.analysis.sections import is_prompt
from budgetlint.runner import lint_paths

REAL2 = REAL.parent / "real2"
SEEDS = REPO.parent / "shared" / "seeds"

F005 = "005_sh_putuo_sfj_2026_danwei_yusuan.txt"
F006 = "006_sh_putuo_sfj_2026_yusuan_review_checklists.txt"
F042 = "042_sh_putuo_fuliyuan_2024_danwei_yusuan.txt"

NEW_RULES = ("BPL004",)


def _findings(folder, pattern="*.txt", rules=NEW_RULES) -> set[tuple[str, str, int, str]]:
    report = lint_paths(sorted(str(p) for p in folder.glob(pattern)), Config(select=list(rules)))
    return {
        (f.path.rsplit("/", 1)[-1], x.rule, x.line, x.severity.name)
        for f in report.files
        for x in f.findings
        if x.rule in rules
    }


@pytest.mark.skipif(not REAL.is_dir(), reason="real corpus not present")
def test_truncated_reasons_on_the_real_corpus():
    assert _findings(REAL) == {
        # 006 其他相关说明 item 1: "公务用车购置及运行费9.98万元，与2025年预算数持平，主要原因是。"
        (F005, "BPL004", 274, "warning"),
        # the same cut sentence a year earlier: "与2023年预算持平，主要原因是。"
        (F042, "BPL004", 213, "warning"),
    }  # 006 quotes the sentence inside “…”: a quotation, silent


@pytest.mark.skipif(not REAL.is_dir(), reason="real corpus not present")
def test_truncated_reasons_from_the_pdfs():
    # the PDFs of 005 and 042 give the same two findings on their rendered lines
    assert _findings(REAL / "bin", "*.pdf") == {
        (F005.replace(".txt", ".pdf"), "BPL004", 274, "warning"),
        (F042.replace(".txt", ".pdf"), "BPL004", 211, "warning"),
    }


@pytest.mark.skipif(not REAL2.is_dir() or not SEEDS.is_dir(), reason="corpora not present")
def test_no_truncated_reason_elsewhere():
    assert _findings(REAL2) == set()
    assert _findings(SEEDS) == set()


@pytest.mark.parametrize(
    "text",
    [
        "结合自评情况,分析存在的问题及原因。(200字以内)",
        "对照年度目标,说明相关任务目标的完成情况",
        "提出下一步改进措施（300字以内）",
        "请填写存在的问题",
        "如实填写",
    ],
)
def test_prompts_are_recognised_by_their_shape(text):
    assert is_prompt(text)


@pytest.mark.parametrize(
    "text",
    [
        "对照年度目标，全部完成",
        "结合实际情况，项目资金已全部拨付到位。",
        "预算执行率为86%，说明资金使用进度偏慢。",
        "无",
    ],
)
def test_answers_are_not_prompts(text):
    assert not is_prompt(text)


# -- 自评表 column vocabulary: forms name their columns differently --------------------------


def _perf(tmp_path, rows: list[str]):
    from budgetlint.nlp.readers import load_document

    p = tmp_path / "form.txt"
    p.write_text("项目支出绩效自评表\n" + "\n".join(rows) + "\n", encoding="utf-8")
    doc = load_document(str(p))
    return doc, doc.perf_tables


def test_fund_header_with_lettered_columns_and_points_in_the_header(tmp_path):
    # 全年预算数(A) / 全年执行数(B) / 执行率(B/A), and 得分(20分*执行率)
    _, pts = _perf(
        tmp_path,
        [
            "项目名称\t示例项目",
            "预算执行情况(万元)(20分)\t预算数(A)\t执行数(B)\t执行率(B/A)\t得分(20分*执行率)",
            "年度财政资金总额\t50\t10\t20%\t4",
        ],
    )
    (fund,) = pts[0].funds
    assert {k: c.text for k, c in fund.cells.items()} == {
        "budget": "50",
        "executed": "10",
        "rate": "20%",
        "score": "4",
    }
    assert pts[0].total_fund is fund


def test_indicator_header_with_weight_self_score_and_split_target(tmp_path):
    # 权重 for 分值, 自评分 for 得分, 指标值 split from 指标性质 and 度量单位
    _, pts = _perf(
        tmp_path,
        [
            "一级指标\t二级指标\t三级指标\t指标性质\t指标值\t度量单位\t实际完成值\t权重\t自评分\t未完成原因分析",
            "产出指标\t数量指标\t培训人数\t≥\t75\t人\t70\t20\t18\t",
            "效益指标\t社会效益\t投诉率\t反向\t5\t%\t3%\t10\t10\t",
        ],
    )
    a, b = pts[0].indicators
    assert (a.name, a.target_text, a.text("points"), a.text("score")) == ("培训人数", "≥75人", "20", "18")
    assert a.target_status()[0] == "missed" and a.lost_points and a.has_explanation_column
    assert (b.target_text, b.target_status()[0]) == ("≤5%", "met")


@pytest.mark.parametrize(
    "header",
    ["偏差原因", "未完成原因分析", "原因", "偏差原因分析及改进措施", "偏差大或目标未完成原因分析"],
)
def test_every_deviation_column_name_is_read(tmp_path, header):
    _, pts = _perf(
        tmp_path,
        [
            f"一级指标\t二级指标\t三级指标\t年度指标值\t实际完成值\t分值\t得分\t{header}",
            "产出指标\t数量指标\t培训人数\t≥75人\t70人\t20\t18\t无",
        ],
    )
    (ind,) = pts[0].indicators
    assert ind.explanation == "无" and not ind.explained


@pytest.mark.parametrize("actual", ["实际完成值", "完成值", "实际完成情况", "全年实际值(B)"])
def test_every_actual_column_name_is_read(tmp_path, actual):
    _, pts = _perf(
        tmp_path,
        [
            f"一级指标\t二级指标\t三级指标\t年初目标值(A)\t{actual}\t分值\t得分",
            "产出指标\t数量指标\t培训人数\t≥75人\t70人\t20\t18",
        ],
    )
    (ind,) = pts[0].indicators
    assert (ind.text("target"), ind.text("actual")) == ("≥75人", "70人")


def test_indicator_header_without_points_column(tmp_path):
    # forms that give the points per block ("产出指标(60分)") and only 得分 per indicator
    _, pts = _perf(
        tmp_path,
        [
            "年度绩效目标(80分)\t一级指标\t二级指标\t三级指标\t年初目标值(A)\t实际完成值(B)\t得分",
            "产出指标(60分)\t数量指标\t慰问重点优抚对象\t100%\t100%\t20",
            "质量指标\t补助经费足额拨付率\t100%\t100%\t20",
        ],
    )
    a, b = pts[0].indicators
    assert (a.level1, a.name, a.text("score")) == ("产出指标(60分)", "慰问重点优抚对象", "20")
    assert (b.level2, b.name, b.text("target"), b.text("actual"), b.text("score")) == (
        "质量指标",
        "补助经费足额拨付率",
        "100%",
        "100%",
        "20",
    )
    assert a.points is None and not a.lost_points  # no 分值: nothing to compare the score with


def test_a_target_that_opens_like_an_instruction_is_not_a_prompt():
    # a real 年度目标 text (seed 000): three clauses, a description, not an instruction
    assert not is_prompt("针对检查发现的漏洞和问题，提出网络安全管理和技术保障建议，帮助完善网络安全工作管理制度措施。")
    assert not is_prompt("结合自评情况，分析了存在的问题，提出了改进措施。")
    assert not is_prompt("结合自评情况，分析了存在的问题。")


# -- form fields: a label cell and its value cell, judged like a section -------------------


def test_form_fields_are_read_with_kinds_and_value_cell(tmp_path):
    doc, _ = _perf(
        tmp_path,
        [
            "项目名称\t示例项目",
            "存在问题\t无",
            "改进措施及结果应用方案\t无\t备注：预算数为调整后财政资金总额。",
            "存在问题\t原因分析\t改进措施",  # a header of labels: no field
        ],
    )
    a, b = doc.form_fields
    assert (a.label, a.kinds, a.text, a.placeholder_answer, a.location) == (
        "存在问题",
        ("problems",),
        "无",
        "无",
        {"table": 0, "row": 1, "col": 1},
    )
    assert (b.kinds, b.text) == (("measures",), "无")  # the 备注 cell is not the answer


def test_form_field_findings_point_at_the_value_cell(tmp_path):
    p = tmp_path / "form.txt"
    p.write_text("项目支出绩效自评表\n项目名称\t示例项目\n存在问题\t无\n", encoding="utf-8")
    report = lint_paths([str(p)], Config(select=["SEC001"]))
    (f,) = report.files[0].findings
    assert (f.rule, f.line, f.location) == ("SEC001", 3, {"table": 0, "row": 1, "col": 1})


def test_fund_row_shifted_against_its_header_is_aligned_on_an_amount(tmp_path):
    # the header keeps an empty cell the data row lacks: 执行数 must be an amount, never
    # the 执行率 that the unshifted column would give
    _, pts = _perf(
        tmp_path,
        [
            "项目名称\t示例项目",
            "预算执行情况(万元)(20分)\t \t预算数(A)\t执行数(B)\t执行率(B/A)\t得分(20分*执行率)",
            "年度财政资金总额\t34.64\t34.64\t100%\t20",
        ],
    )
    (fund,) = pts[0].funds
    assert {k: c.text for k, c in fund.cells.items()} == {
        "budget": "34.64",
        "executed": "34.64",
        "rate": "100%",
        "score": "20",
    }


@pytest.mark.skipif(not REAL2.is_dir(), reason="real2 corpus not present")
def test_real2_form_fields_once_the_grid_is_read():
    # 119 (云南 20/80 form) ends with `偏差大或目标未完成原因分析 | 无` and
    # `改进措施及结果应用方案 | 无` as '|' rows; read only once the text grid reader
    # rebuilds them as a table
    from budgetlint.nlp.readers import load_document

    f119 = "119_yn_baoshan_tyjrswj_2022_xiangmu_zipingbiao.txt"
    doc = load_document(str(REAL2 / f119))
    if not doc.tables:
        pytest.skip("the '|' layout is not read as a table by this reader")
    (pt,) = doc.perf_tables
    assert len(pt.indicators) == 5 and all(i.points is None for i in pt.indicators)
    # no 分值 per indicator and no readable 总分: whether a deviation occurred cannot be
    # told, so 无 as its cause is left alone; 无 as the improvement measures is a
    # boilerplate answer (measures are due on every form)
    assert _findings(REAL2, f119, rules=("SEC001", "BPL001", "BPL004")) == {(f119, "BPL001", 167, "warning")}


def test_scoring_sheet_with_points_in_the_names(tmp_path):
    # 自评指标计分表: 一级/二级/三级指标 (points in the names) and 自评分; "三级 指标" spaced
    _, pts = _perf(
        tmp_path,
        [
            "一级 指标\t二级 指标\t三级 指标\t自评分\t具体指标\t评价标准",
            "项目决策(20分)\t项目目标(4分)\t目标内容(4分)\t4\t设立了项目绩效目标\t设有目标(1分)",
            "决策过程(8分)\t决策依据(4分)\t3\t符合法律法规\t符合法律法规(1分)",
        ],
    )
    a, b = pts[0].indicators
    assert (a.name, a.points.value, a.score.value, a.lost_points) == ("目标内容(4分)", 4, 4, False)
    assert (b.level2, b.name, b.points.value, b.score.value, b.lost_points) == (
        "决策过程(8分)",
        "决策依据(4分)",
        4,
        3,
        True,
    )
