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
    assert set(first) == {"rule", "category", "severity", "message", "line", "end_line", "section",
                          "location", "excerpt", "evidence"}
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


def test_missing_path_is_reported_in_one_line(tmp_path):
    r = run("check", tmp_path / "nope.txt", "--no-color")
    assert r.exit_code == 2
    assert f"{tmp_path / 'nope.txt'}: 文件不存在" in r.output


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
        'select = ["BPL"]\n[rules.BPL001]\nreport-optional = true\n', encoding="utf-8")
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
    assert r.exit_code == 0 and "Why" in r.output and "Fails" in r.output and "Passes" in r.output
    assert run("rule", "ZZZ999").exit_code == 2


def test_version_names_the_nlp_pipeline():
    r = run("--version")
    assert r.exit_code == 0 and r.output.startswith("budgetlint 0.1.0 (spaCy")


def test_dump_prints_blocks_with_line_numbers():
    r = run("dump", SEED003)
    assert r.exit_code == 0 and "TABLE #0" in r.output


def test_a_lint_does_not_import_spacy_jieba_or_sklearn():
    code = (
        "import sys; from budgetlint.cli import main; sys.argv=['budgetlint','check','--exit-zero',"
        f"{str(SEED000)!r}]\ntry:\n    main()\nexcept SystemExit:\n    pass\n"
        "print('LOADED', [m for m in ('spacy','jieba','sklearn') if m in sys.modules])"
    )
    p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "LOADED []" in p.stdout, p.stdout[-500:] + p.stderr[-500:]
