"""The command line: exit codes, output formats, selection, configuration, bad input."""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budgetlint.cli import app

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "corpus" / "reports"
SEED000 = REPORTS / "000_379f0337fb54ccc3.txt"
SEED003 = REPORTS / "003_a52c9a4f619d8c08.txt"

runner = CliRunner()


def run(*args, cwd=None):
    old = os.getcwd()
    os.chdir(cwd or ROOT)
    try:
        return runner.invoke(app, [str(a) for a in args])
    finally:
        os.chdir(old)


def test_findings_exit_1_and_print_path_line_code_severity():
    r = run("check", SEED000, "--no-color")
    assert r.exit_code == 1
    assert f"{SEED000}:376: DEV001 error 指标“现场检查单位数量”" in r.output
    assert "共检查 1 个文件" in r.output


def test_clean_file_exits_0(tmp_path):
    f = tmp_path / "ok.txt"
    f.write_text("一、基本情况\n本部门设3个内设机构。\n", encoding="utf-8")
    r = run("check", f, "--no-color")
    assert r.exit_code == 0, r.output


def test_exit_zero_turns_findings_into_success():
    assert run("check", SEED000, "--exit-zero").exit_code == 0


def test_json_output_follows_the_schema():
    r = run("check", SEED000, "--format", "json")
    data = json.loads(r.stdout)
    assert data["schema_version"] == 1 and data["tool"] == {"name": "budgetlint", "version": "0.1.0"}
    (f,) = data["files"]
    assert f["format"] == "txt" and f["doc_kind"] == "final_accounts" and f["error"] is None
    first = next(x for x in f["findings"] if x["rule"] == "DEV001")
    assert set(first) == {
        "rule",
        "category",
        "severity",
        "message",
        "line",
        "end_line",
        "section",
        "location",
        "excerpt",
        "evidence",
    }
    assert (first["line"], first["end_line"]) == (376, 384)
    assert first["evidence"]["points"] == 20 and first["evidence"]["score"] == 18
    assert data["summary"]["files"] == 1 and data["summary"]["by_rule"]["DEV001"] == 6


def test_unreadable_file_exits_2_and_the_others_are_still_linted(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip at all")
    r = run("check", bad, SEED000, "--format", "json")
    assert r.exit_code == 2
    data = json.loads(r.stdout)
    assert data["files"][0]["error"] and data["files"][1]["findings"]
    assert data["summary"]["unreadable"] == 1


def test_missing_path_is_reported_once_on_stderr_only(tmp_path):
    missing = tmp_path / "nope.txt"
    r = run("check", missing, SEED000, "--no-color")
    assert r.exit_code == 2
    assert r.stderr == f"budgetlint: {missing}: 无法读取：文件不存在\n"
    assert str(missing) not in r.stdout
    assert "共检查 2 个文件" in r.stdout and "；1 个文件无法读取。" in r.stdout


def test_directories_are_walked_for_txt_and_docx(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("四、存在的问题\n五、改进措施\n加强管理。\n", encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    data = json.loads(run("check", tmp_path, "--format", "json").stdout)
    assert [Path(f["path"]).name for f in data["files"]] == ["a.txt"]


def test_select_and_ignore_by_code_or_prefix():
    only_sec = json.loads(run("check", SEED000, "--format", "json", "--select", "SEC").stdout)
    assert {x["rule"] for x in only_sec["files"][0]["findings"]} == {"SEC001"}
    no_dev = json.loads(run("check", SEED000, "--format", "json", "--ignore", "DEV,SEC001").stdout)
    rules = {x["rule"] for x in no_dev["files"][0]["findings"]}
    assert "BPL001" in rules and not any(r.startswith(("DEV", "SEC")) for r in rules)


def test_unknown_selector_is_a_usage_error():
    r = run("check", SEED000, "--select", "XYZ")
    assert r.exit_code == 2 and "XYZ" in r.output


def test_min_severity_filters_findings():
    data = json.loads(run("check", SEED000, "--format", "json", "--min-severity", "error").stdout)
    assert {x["severity"] for x in data["files"][0]["findings"]} == {"error"}


def test_config_file_options_reach_the_rules(tmp_path):
    (tmp_path / "budgetlint.toml").write_text(
        'select = ["BPL"]\n[rules.BPL001]\nreport-optional = true\n', encoding="utf-8"
    )
    data = json.loads(run("check", SEED000, "--format", "json", cwd=tmp_path).stdout)
    sev = sorted(x["severity"] for x in data["files"][0]["findings"])
    assert sev == ["info", "warning"]


def test_bad_config_is_a_one_line_error(tmp_path):
    (tmp_path / "budgetlint.toml").write_text("select = 3\n", encoding="utf-8")
    r = run("check", SEED000, cwd=tmp_path)
    assert r.exit_code == 2 and "select" in r.output


def test_output_file_is_written_and_input_untouched(tmp_path):
    before = hashlib.sha256(SEED000.read_bytes()).hexdigest()
    out = tmp_path / "report.json"
    r = run("check", SEED000, "--format", "json", "--output", out)
    assert r.exit_code == 1 and r.stdout == ""
    assert json.loads(out.read_text(encoding="utf-8"))["summary"]["findings"] > 0
    assert hashlib.sha256(SEED000.read_bytes()).hexdigest() == before
    assert [p.name for p in tmp_path.iterdir()] == ["report.json"]


def test_rules_lists_every_rule_and_rule_explains_one():
    r = run("rules")
    assert r.exit_code == 0 and all(c in r.output for c in ("DEV001", "SEC001", "BPL001", "NUM001"))
    r = run("rule", "dev001")
    assert r.exit_code == 0 and all(h in r.stdout for h in ("\n为什么\n", "\n不合格示例\n", "\n合格示例\n"))
    assert run("rule", "ZZZ999").exit_code == 2


def test_version_names_the_nlp_pipeline():
    r = run("--version")
    assert r.exit_code == 0 and r.output.startswith("budgetlint 0.1.0 (spaCy")


def test_dump_prints_the_text_with_cat_n_line_numbers():
    r = run("dump", SEED000)
    assert r.exit_code == 0
    assert "   376  \t" in r.output and "   379  \t现场检查单位数量" in r.output


def test_dump_marks_pages_of_paged_text(tmp_path):
    f = tmp_path / "p.txt"
    f.write_text("一、基本情况\n本部门设3个科室。\f二、收支情况\n收入259.25万元。\n", encoding="utf-8")
    out = run("dump", f).output.splitlines()
    assert out[1:] == [
        "--- 第1页 ---",
        "     1  一、基本情况",
        "     2  本部门设3个科室。",
        "--- 第2页 ---",
        "     2  二、收支情况",
        "     3  收入259.25万元。",
    ]


def test_dump_blocks_prints_blocks_with_line_numbers():
    r = run("dump", SEED003, "--blocks")
    assert r.exit_code == 0 and "TABLE #0" in r.output


def test_dump_blocks_in_a_fresh_process_reads_the_section_tree():
    # a fresh process: nothing else has imported the analysis layer that registers the views
    exe = Path(sys.executable).parent / "budgetlint"
    p = subprocess.run([str(exe), "dump", str(SEED000), "--blocks"], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr[-500:]
    assert "doc_kind=final_accounts" in p.stdout.splitlines()[0]
    assert any(" H1 [" in line for line in p.stdout.splitlines())


def test_a_lint_without_the_classifier_rules_does_not_import_spacy_jieba_or_sklearn():
    code = (
        "import sys; from budgetlint.cli import main; sys.argv=['budgetlint','check','--exit-zero',"
        "'--ignore','DEV004,BPL002',"
        f"{str(SEED000)!r}]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('LOADED', [m for m in ('spacy','jieba','sklearn') if m in sys.modules])"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "LOADED []" in p.stdout, p.stdout[-500:] + p.stderr[-500:]


# -- paths and errors ----------------------------------------------------------------------
def test_directory_without_reports_is_an_error_and_the_other_paths_are_linted(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "notes.md").write_text("not a report", encoding="utf-8")
    r = run("check", empty, SEED000, "--no-color")
    assert r.exit_code == 2
    assert r.stderr == f"budgetlint: {empty}: 没有找到可检查的报告文件（.txt/.docx/.pdf/.xlsx/.xls）\n"
    assert f"{SEED000}:376: DEV001 error" in r.stdout and "共检查 1 个文件" in r.stdout


def test_loader_reason_that_already_says_unreadable_is_not_doubled(tmp_path, monkeypatch):
    from budgetlint.nlp import readers
    from budgetlint.nlp.errors import LoadError

    f = tmp_path / "a.txt"
    f.write_text("一、基本情况\n", encoding="utf-8")

    def fail(path):
        raise LoadError("无法读取：Input/output error")

    monkeypatch.setattr(readers, "load_document", fail)
    r = run("check", f, "--no-color")
    assert r.exit_code == 2
    assert r.stderr == f"budgetlint: {f}: 无法读取：Input/output error\n"


def test_internal_error_is_reported_as_internal_not_unreadable(tmp_path, monkeypatch):
    from budgetlint.nlp import readers

    f = tmp_path / "a.txt"
    f.write_text("一、基本情况\n", encoding="utf-8")

    def fail(path):
        raise RuntimeError("boom")

    monkeypatch.setattr(readers, "load_document", fail)
    r = run("check", f, "--no-color")
    assert r.exit_code == 2
    assert r.stderr == f"budgetlint: {f}: 内部错误（请报告）：RuntimeError: boom\n"
    assert "无法读取" not in r.output
    assert r.stdout == "共检查 1 个文件，发现 0 处问题（无）；1 个文件出现内部错误。\n"


def _break_num001(monkeypatch):
    from budgetlint.rules import get_rule

    def check(self, doc, ctx):
        yield from ()
        raise AttributeError("'NoneType' object has no attribute 'value'")

    monkeypatch.setattr(get_rule("NUM001"), "check", check)


def test_a_failing_rule_keeps_the_other_rules_findings_in_json(monkeypatch):
    _break_num001(monkeypatch)
    r = run("check", SEED000, "--format", "json")
    assert r.exit_code == 2
    (f,) = json.loads(r.stdout)["files"]
    assert f["error"] is None
    assert f["rule_errors"] == ["NUM001: AttributeError: 'NoneType' object has no attribute 'value'"]
    rules = {x["rule"] for x in f["findings"]}
    assert "NUM001" not in rules and {"DEV001", "SEC001", "BPL001"} <= rules


def test_a_failing_rule_is_one_line_on_stderr_and_exit_2(monkeypatch):
    _break_num001(monkeypatch)
    r = run("check", SEED000, "--no-color")
    assert r.exit_code == 2
    assert r.stderr == (
        f"budgetlint: {SEED000}: 内部错误（规则 NUM001）：AttributeError: 'NoneType' object has no attribute 'value'\n"
    )
    assert f"{SEED000}:376: DEV001 error" in r.stdout


def test_json_file_entries_carry_an_empty_rule_errors_list():
    (f,) = json.loads(run("check", SEED000, "--format", "json").stdout)["files"]
    assert f["rule_errors"] == []


def test_unreadable_files_have_the_format_their_suffix_names(tmp_path):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip at all")
    data = json.loads(
        run("check", bad, tmp_path / "nope.txt", tmp_path / "x.pdf", tmp_path / "y.doc", "--format", "json").stdout
    )
    assert [(f["format"], bool(f["error"])) for f in data["files"]] == [
        ("docx", True),
        ("txt", True),
        ("pdf", True),
        (None, True),
    ]


# -- configuration ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    "toml, message",
    [
        ("[rules.XYZ999]\nfoo = 1\n", "[rules.XYZ999]：没有规则 XYZ999（用 budgetlint rules 查看全部）"),
        ("[rules]\nBPL001 = true\n", "rules.BPL001 应为表（[rules.BPL001]）"),
        (
            "[rules.BPL001]\nreport-optinal = true\n",
            "[rules.BPL001]：未知选项 report-optinal（BPL001 的选项：report-optional）",
        ),
        (
            '[rules.BPL001]\nreport-optional = "yes"\n',
            "[rules.BPL001] report-optional 应为布尔值（true/false），而不是 'yes'",
        ),
        ("[rules.BPL001]\nreport-optional = 1\n", "[rules.BPL001] report-optional 应为布尔值（true/false），而不是 1"),
        ("rules = 3\n", "rules 应为表"),
        ('min-severity = "loud"\n', "min-severity 应为 info、warning 或 error，而不是 'loud'"),
    ],
)
def test_invalid_rule_options_are_a_one_line_error(tmp_path, toml, message):
    cfg = tmp_path / "budgetlint.toml"
    cfg.write_text(toml, encoding="utf-8")
    r = run("check", SEED000, cwd=tmp_path)
    assert r.exit_code == 2
    assert r.stderr == f"budgetlint: {cfg}: {message}\n"
    assert r.stdout == ""


def test_pyproject_rule_options_errors_name_the_tool_table(tmp_path):
    cfg = tmp_path / "pyproject.toml"
    cfg.write_text("[tool.budgetlint.rules.BPL001]\nreport-optional = 0\n", encoding="utf-8")
    r = run("check", SEED000, cwd=tmp_path)
    assert r.exit_code == 2
    assert r.stderr == (
        f"budgetlint: {cfg}: [tool.budgetlint.rules.BPL001] report-optional 应为布尔值（true/false），而不是 0\n"
    )


def test_option_types_follow_the_default_and_an_int_is_accepted_for_a_float(tmp_path, monkeypatch):
    from budgetlint.config import ConfigError, load_config
    from budgetlint.rules import get_rule

    monkeypatch.setattr(get_rule("BPL001"), "options", {"report-optional": False, "ratio": 0.5, "n": 3})
    cfg = tmp_path / "budgetlint.toml"
    cfg.write_text("[rules.bpl001]\nratio = 1\nn = 4\nreport-optional = true\n", encoding="utf-8")
    assert load_config(cfg).rule_options == {"BPL001": {"ratio": 1, "n": 4, "report-optional": True}}
    for bad in ("n = 4.0", "n = true", 'ratio = "0.5"'):
        cfg.write_text(f"[rules.BPL001]\n{bad}\n", encoding="utf-8")
        with pytest.raises(ConfigError):
            load_config(cfg)


def test_config_is_the_nearest_file_with_budgetlint_settings_searching_upwards(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.budgetlint]\nselect = ["SEC"]\n', encoding="utf-8")
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    (tmp_path / "a" / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    data = json.loads(run("check", SEED000, "--format", "json", cwd=sub).stdout)
    assert {x["rule"] for x in data["files"][0]["findings"]} == {"SEC001"}


def test_pyproject_documents_config_lookup_and_ships_only_existing_package_data():
    import tomllib

    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    setuptools = tomllib.loads(text)["tool"]["setuptools"]
    for package, patterns in setuptools["package-data"].items():
        folder = ROOT / setuptools["package-dir"][package]
        for pattern in patterns:  # every pattern names files that exist
            assert list(folder.glob(pattern)), (package, pattern)
    comment = text.split("[tool.budgetlint]\n", 1)[1]
    assert comment.startswith(
        "# budgetlint reads the nearest budgetlint.toml, or pyproject.toml with a "
        "[tool.budgetlint]\n# table, searching from the current directory upwards"
    )


def test_unexpected_errors_print_a_plain_traceback_not_a_rich_box():
    code = (
        "import sys, budgetlint.runner as r\n"
        "def boom(*a, **k):\n    raise RuntimeError('boom')\n"
        "r.lint_paths = boom\n"
        "from budgetlint.cli import main\n"
        f"sys.argv = ['budgetlint', 'check', {str(SEED000)!r}]\n"
        "main()\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("_TYPER")}
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert p.returncode == 1
    assert p.stderr.startswith("Traceback (most recent call last):\n")
    assert p.stderr.endswith("RuntimeError: boom\n")
    assert "╭" not in p.stderr and "│" not in p.stderr


# -- output ------------------------------------------------------------------------------------
def test_output_file_gets_the_mode_of_an_ordinary_file(tmp_path):
    out = tmp_path / "report.json"
    old = os.umask(0o027)
    try:
        r = run("check", SEED000, "--format", "json", "--output", out)
    finally:
        os.umask(old)
    assert r.exit_code == 1
    assert out.stat().st_mode & 0o777 == 0o640


def test_whole_float_evidence_is_emitted_as_int():
    from budgetlint.rules.base import Finding, Severity

    f = Finding(
        rule="DEV001",
        category="c",
        severity=Severity.error,
        message="m",
        line=1,
        end_line=1,
        evidence={"points": 20.0, "score": 18.5, "rows": [1.0, {"x": 3.0}], "ok": True, "n": None},
    )
    assert (
        json.dumps(f.to_json()["evidence"])
        == '{"points": 20, "score": 18.5, "rows": [1, {"x": 3}], "ok": true, "n": null}'
    )


def test_dump_prints_the_heading_levels_of_the_section_tree(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("一、基本情况\n（一）机构设置\n本部门设3个内设机构。\n", encoding="utf-8")
    r = run("dump", f, "--blocks")
    assert r.exit_code == 0
    assert r.stdout.splitlines()[1:3] == ["    1 p1 H1 [cn] 一、基本情况", "    2 p1 H2 [paren_cn] （一）机构设置"]


# -- rule documentation ----------------------------------------------------------------------
def test_rule_page_has_a_header_title_chinese_sections_and_a_toml_snippet():
    r = run("rule", "BPL001")
    assert r.exit_code == 0
    lines = r.stdout.splitlines()
    assert lines[0] == "BPL001 boilerplate-answer（严重级别：warning）"
    assert lines[1] == "应填写内容的部分只写了“无”等占位答复"
    assert "\n选项\n" in r.stdout
    assert r.stdout.endswith("\n  [tool.budgetlint.rules.BPL001]\n  report-optional = false\n")
    assert not any(set(x.strip()) <= {"-", "="} and x.strip() for x in lines)
    assert "Why" not in r.stdout and "Fails" not in r.stdout


def test_rule_page_renders_every_section_and_names_a_distinct_category():
    from budgetlint.rules.base import Rule, Severity

    class Demo(Rule):
        """Summary line.

        Why
        ---
        Because.

        Fails
        -----
        bad

        Passes
        ------
        good

        Options
        -------
        ratio (default 0.5): how much.

        Limits
        ------
        Some.
        """

        code = "ZZZ001"
        name = "demo-rule"
        category = "arithmetic-error"
        severity = Severity.info
        title = "示例规则"
        options = {"ratio": 0.5, "strict": True, "mode": "全部"}

    assert Demo.doc_page() == (
        "ZZZ001 demo-rule（严重级别：info，类别：arithmetic-error）\n示例规则\n\nSummary line.\n\n"
        "为什么\n  Because.\n\n不合格示例\n  bad\n\n合格示例\n  good\n\n"
        "选项\n  ratio (default 0.5): how much.\n\n  [tool.budgetlint.rules.ZZZ001]\n"
        '  ratio = 0.5\n  strict = true\n  mode = "全部"\n\n局限\n  Some.'
    )
    assert set(Demo.doc_sections()) == {"summary", "why", "fails", "passes", "options", "limits"}
