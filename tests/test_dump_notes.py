"""``budgetlint dump --blocks`` adds a reader's note under each table: the layout it saw,
the table's shape, and whether (and how) the table was read as a 自评表."""

from __future__ import annotations

from typer.testing import CliRunner

from budgetlint.cli import app

runner = CliRunner()


def _notes(tmp_path, text: str) -> list[str]:
    f = tmp_path / "t.txt"
    f.write_text(text, encoding="utf-8")
    r = runner.invoke(app, ["dump", str(f), "--blocks"])
    assert r.exit_code == 0, r.output
    return [ln.strip() for ln in r.output.splitlines() if ln.strip().startswith("※")]


def test_note_names_the_layout_and_the_shape(tmp_path):
    notes = _notes(tmp_path, "| 职务 | 姓名 |\n|---|---|\n| 组长 | 张三 |\n")
    assert notes == ["※ 读法：pipe-rows（每行一个表格行，单元格以“|”分隔（Markdown/网页复制））；2 行，每行 2 格"]


def test_note_says_ragged_rows_are_left_to_the_analysis(tmp_path):
    notes = _notes(tmp_path, "甲 |\n乙 |\n丙 |\n|||\n丁 |\n戊 |\n||||\n")
    assert notes[1] == "※ 各行格数不同：合并单元格在文本中不留位置，按表头对齐由后续分析完成"


def test_note_for_a_perf_table_not_recognised_lists_the_roles_found(tmp_path):
    text = "绩效指标 | 指标内容 | 得分\n产出指标 | 人数 | 20\n"
    notes = _notes(tmp_path, text)
    assert notes[1:] == [
        "※ 含绩效表列名，但未识别出资金表头或指标表头，未按自评表检查",
        "※ 资金表头候选 r0：识别 score=“得分”；缺 budget、executed",
        "※ 指标表头候选 r0：识别 score=“得分”；缺 name、points",
    ]


def test_note_for_a_recognised_perf_table(tmp_path):
    text = (
        "项目名称 | 测试项目\n"
        "一级指标 | 二级指标 | 三级指标 | 分值 | 得分\n"
        "产出指标 | 数量指标 | 人数 | 20 | 20\n"
        "效益指标 | 社会效益 | 满意度 | 10 | 9\n"
    )
    notes = _notes(tmp_path, text)
    assert notes[-1].startswith("※ 识别为自评表（r0–r3）；指标表头 r1，指标行 2 行")
