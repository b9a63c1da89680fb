"""Rules on Word documents: a 绩效自评表 built as a real Word table with merged cells."""

from __future__ import annotations

from docx_builder import build_docx, perf_table_block

from budgetlint.config import Config
from budgetlint.runner import lint_file, selected_rules


def _lint(path):
    cfg = Config()
    return lint_file(str(path), selected_rules(cfg), cfg)


def test_merged_word_perf_table_flags_the_unexplained_deduction(tmp_path):
    path = build_docx(
        tmp_path / "自评表.docx",
        [
            ("heading", "三、项目支出绩效自评表", 1),
            ("para", "项目支出绩效自评表"),
            perf_table_block(),
        ],
    )
    res = _lint(path)
    assert res.error is None and res.format == "docx"
    dev = [f for f in res.findings if f.rule == "DEV001"]
    assert len(dev) == 1
    f = dev[0]
    assert f.evidence["indicator"] == "现场检查单位数量"
    assert (f.evidence["points"], f.evidence["score"]) == (20, 18)
    assert "网络安全检查工作" in f.message
    assert f.location["col"] == 8 and f.section.startswith("三、项目支出绩效自评表")


def test_the_same_table_as_text_gives_the_same_finding(tmp_path):
    from budgetlint.nlp.readers.docx import load_docx

    docx_path = build_docx(tmp_path / "t.docx", [perf_table_block()])
    doc = load_docx(docx_path)
    lines = []
    for row in doc.tables[0].rows:
        lines.append("\t".join(c.text for c in row))
    txt = tmp_path / "t.txt"
    txt.write_text("项目支出绩效自评表\n" + "\n".join(lines) + "\n", encoding="utf-8")
    a = [(f.rule, f.severity.name, f.evidence.get("indicator")) for f in _lint(docx_path).findings]
    b = [(f.rule, f.severity.name, f.evidence.get("indicator")) for f in _lint(txt).findings]
    assert a == b
    assert ("DEV001", "error", "现场检查单位数量") in a


def test_a_heading_styled_problems_section_left_empty(tmp_path):
    path = build_docx(
        tmp_path / "r.docx",
        [
            ("heading", "四、存在的问题及原因分析", 1),
            ("heading", "五、下一步改进措施", 1),
            ("para", "加强预算执行监控。"),
        ],
    )
    res = _lint(path)
    assert [(f.rule, f.line) for f in res.findings] == [("SEC001", 1)]
