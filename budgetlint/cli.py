"""The ``budgetlint`` command line."""

from __future__ import annotations

import io
import sys
from enum import Enum
from pathlib import Path

import typer

from budgetlint import __version__

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,  # never a rich traceback box; usage errors are one line
    help="budgetlint：预算、决算与绩效自评报告的检查工具。",
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(str, Enum):
    text = "text"
    json = "json"


def _version(value: bool) -> None:
    if value:
        from budgetlint.nlp.text.segmenter import describe

        typer.echo(f"budgetlint {__version__} ({describe()})")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="显示版本及所用的中文分词管线。"
    ),
) -> None:
    """budgetlint：预算、决算与绩效自评报告的检查工具。"""


def _split(values: list[str] | None) -> list[str]:
    out: list[str] = []
    for v in values or []:
        out.extend(x.strip() for x in v.split(",") if x.strip())
    return out


@app.command()
def check(
    paths: list[str] = typer.Argument(..., help="要检查的文件或目录（目录递归查找 .txt/.docx）。"),
    format: Format = typer.Option(Format.text, "--format", "-f", help="输出格式：text 或 json。"),
    select: list[str] | None = typer.Option(None, "--select", help="只运行这些规则（代码或前缀，可用逗号分隔）。"),
    ignore: list[str] | None = typer.Option(None, "--ignore", help="不运行这些规则（代码或前缀）。"),
    min_severity: str | None = typer.Option(
        None, "--min-severity", help="只报告不低于此级别的问题：info、warning、error。"
    ),
    exit_zero: bool = typer.Option(False, "--exit-zero", help="发现问题时也以 0 退出。"),
    no_color: bool = typer.Option(False, "--no-color", help="不使用颜色。"),
    config: Path | None = typer.Option(None, "--config", help="配置文件（budgetlint.toml 或 pyproject.toml）。"),
    output: Path | None = typer.Option(None, "--output", "-o", help="把结果写入文件（原子写入），而不是标准输出。"),
) -> None:
    """检查报告，列出发现的问题。"""
    from budgetlint.config import ConfigError, load_config
    from budgetlint.output import error_lines, render_json, render_text, write_atomic
    from budgetlint.rules.base import Severity
    from budgetlint.runner import exit_code, lint_paths

    try:
        cfg = load_config(config)
        if select:
            cfg.select = _split(select)
        if ignore:
            cfg.ignore = _split(ignore)
        if min_severity:
            try:
                cfg.min_severity = Severity.parse(min_severity)
            except ValueError:
                raise ConfigError(f"--min-severity 应为 info、warning 或 error，而不是 {min_severity!r}") from None
    except ConfigError as exc:
        typer.echo(f"budgetlint: {exc}", err=True)
        raise typer.Exit(2) from None
    for sel in cfg.select + cfg.ignore:
        if not any(r.code.startswith(sel.upper()) for r in _all_rules()):
            typer.echo(f"budgetlint: 未知的规则代码或前缀：{sel}", err=True)
            raise typer.Exit(2)
    report = lint_paths(paths, cfg)
    for line in error_lines(report):  # on standard error only, once per problem
        typer.echo(f"budgetlint: {line}", err=True)
    if format is Format.json:
        text = render_json(report)
    else:
        buf = io.StringIO()
        color = not no_color and output is None and sys.stdout.isatty()
        render_text(report, buf, color)
        text = buf.getvalue()
    if output is not None:
        try:
            write_atomic(output, text)
        except OSError as exc:
            typer.echo(f"budgetlint: {output}: 无法写入：{exc.strerror or exc}", err=True)
            raise typer.Exit(2) from None
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
    code = exit_code(report, cfg.min_severity)
    if exit_zero and code == 1:
        code = 0
    raise typer.Exit(code)


def _all_rules():
    from budgetlint.rules import all_rules

    return all_rules()


@app.command("rules")
def list_rules() -> None:
    """列出全部规则（预览规则标注“预览”）。"""
    from budgetlint.rules.codes import PREVIEW, status

    for r in _all_rules():
        mark = "  （预览）" if status(r.code) == PREVIEW else ""
        typer.echo(f"{r.code}  {r.severity.name:<7}  {r.category:<32}  {r.title}{mark}")


@app.command("rule")
def explain_rule(code: str = typer.Argument(..., help="规则代码，如 DEV001。")) -> None:
    """说明一条规则：原因、不合格与合格的示例。"""
    from budgetlint.rules import get_rule

    r = get_rule(code)
    if r is None:
        typer.echo(f"budgetlint: 没有规则 {code}（用 budgetlint rules 查看全部）", err=True)
        raise typer.Exit(2)
    typer.echo(r.doc_page())


@app.command()
def dump(
    path: Path = typer.Argument(..., help="要显示的文件。"),
    blocks: bool = typer.Option(False, "--blocks", help="显示文档结构（标题、段落、表格）而不是纯文本。"),
) -> None:
    """显示 budgetlint 读到的文档：带行号（及页码标记）的纯文本，各检查结果的行号即指此文本。

    PDF 显示其纯文本转写；.docx 与表格文件没有纯文本形式，显示文档结构（每段、每个表格行占一行）。"""
    import budgetlint.nlp.analysis  # noqa: F401  (registers the views: sections, doc_kind)
    from budgetlint.nlp import readers
    from budgetlint.nlp.errors import LoadError
    from budgetlint.nlp.model import Heading, Paragraph, Table

    try:
        doc = readers.load_document(path)
    except LoadError as exc:
        from budgetlint.output import unreadable

        typer.echo(f"budgetlint: {path}: {unreadable(str(exc))}", err=True)
        raise typer.Exit(2) from None
    levels = {id(s.heading): s.level for s in doc.sections}
    typer.echo(f"# {path} format={doc.format} doc_kind={doc.doc_kind} lines={doc.n_lines}")
    if doc.rendering is not None and not blocks:
        _dump_rendering(doc.rendering)
        return
    for b in doc.blocks:
        page = f" p{b.origin.page}" if b.origin.page else ""
        if isinstance(b, Heading):
            typer.echo(f"{b.line:>5}{page} H{levels.get(id(b), 0)} [{b.style}] {b.number}{b.title}")
            if b.inline is not None:
                typer.echo(f"{b.line:>5}{page}   ¶ {b.inline.text}")
        elif isinstance(b, Paragraph):
            typer.echo(f"{b.line:>5}-{b.end_line}{page} ¶ {b.text}")
        elif isinstance(b, Table):
            typer.echo(
                f"{b.line:>5}-{b.end_line}{page} TABLE #{b.index} {b.layout} unit={b.unit} caption={b.caption!r}"
            )
            for r, row in enumerate(b.rows):
                typer.echo(f"{b.row_span(r)[0]:>7}   r{r}: " + " | ".join(c.text.replace("\n", "⏎") for c in row))
            for note in _reader_notes(doc, b):
                typer.echo(f"{'':>7}   ※ {note}")


_LAYOUT_NOTES = {
    "tab-cells": "每行一个单元格（以制表符开头），空行分隔表格行",
    "tab-rows": "每行一个表格行，单元格以制表符分隔",
    "space-rows": "PDF 文本：单元格以两个以上空格分隔，只取数字行及其表头",
    "html": "HTML 表格（rowspan/colspan 展开为合并单元格）",
    "pipe-rows": "每行一个表格行，单元格以“|”分隔（Markdown/网页复制）",
    "pipe-cells": "每行一个单元格，以“|”结束；只有“|||”的行分隔表格行",
    "pipe-wrapped": "Markdown 表格行跨多行书写：行首“|”开始一行，其后每个“|”结束一个单元格",
    "docx": "Word 表格",
}


def _reader_notes(doc, table) -> list[str]:
    """What the reader saw in a table: its layout, its shape, and whether the table was
    read as a 自评表 (with its header rows and indicator rows) or left unread."""
    widths = sorted({len(r) for r in table.rows})
    shape = (
        f"{len(table.rows)} 行，每行 {widths[0]}–{widths[-1]} 格"
        if len(widths) > 1
        else f"{len(table.rows)} 行，每行 {widths[0] if widths else 0} 格"
    )
    merged = sum(1 for r in table.rows for c in r if c.merged)
    layout = _LAYOUT_NOTES.get(table.layout, table.layout)
    notes = [f"读法：{table.layout}（{layout}）；{shape}" + (f"，{merged} 格为合并单元格所覆盖" if merged else "")]
    if len(widths) > 1 and table.layout not in ("html", "docx"):
        if merged:
            notes.append("各行格数不同：能由“|”数确定位置的合并单元格已补为覆盖格，其余行按表头对齐由后续分析完成")
        else:
            notes.append("各行格数不同：合并单元格在文本中不留位置，按表头对齐由后续分析完成")
    pts = [pt for pt in doc.perf_tables if pt.table is table]
    for pt in pts:
        parts = [f"识别为自评表（r{pt.first_row}–r{pt.last_row}）"]
        if pt.fund_header_row is not None:
            parts.append(f"资金表头 r{pt.fund_header_row}，资金行 {len(pt.funds)} 行")
        if pt.indicator_header_row is not None:
            parts.append(f"指标表头 r{pt.indicator_header_row}，指标行 {len(pt.indicators)} 行")
        if pt.unread_rows:
            parts.append(f"未读出分值/得分的指标行 {len(pt.unread_rows)} 行")
        notes.append("；".join(parts))
    if not pts and _names_perf_columns(table):
        notes.append("含绩效表列名，但未识别出资金表头或指标表头，未按自评表检查")
        notes.extend(_best_header_roles(table))
    return notes


_NEEDED = {
    "fund_columns": ({"budget", "executed"}, "资金表头"),
    "indicator_columns": ({"name", "points", "score"}, "指标表头"),
}


def _best_header_roles(table) -> list[str]:
    """For a table not read as a 自评表: per header kind, the row naming the most column
    roles, the roles recognised there and the ones a header of that kind needs but lacks."""
    from budgetlint.nlp.analysis.perf_scan import _header_roles  # the scanner's own matching

    out = []
    for group, (needed, label) in _NEEDED.items():
        best = max(
            ((len(roles), r, roles) for r, row in enumerate(table.rows) if (roles := _header_roles(row, group))),
            default=None,
            key=lambda x: x[0],
        )
        if best is None:
            continue
        _, r, roles = best
        got = "、".join(f"{role}=“{table.rows[r][i].text}”" for role, i in roles.items())
        missing = "、".join(sorted(needed - roles.keys()))
        out.append(f"{label}候选 r{r}：识别 {got}" + (f"；缺 {missing}" if missing else ""))
    return out


def _names_perf_columns(table) -> bool:
    from budgetlint.nlp.analysis.perf import spec
    from budgetlint.nlp.text.normalize import no_spaces

    triggers = spec()["table_triggers"]
    return any(w in no_spaces(c.text) for row in table.rows for c in row for w in triggers)


_REAL_HELP = "真实报告目录（默认为检出目录旁的 ../shared/corpus/real；不存在时只用仓库内的数据）。"


def _real_dir(real: Path | None) -> Path | None:
    from budgetlint.models.dataset import DEFAULT_REAL_DIR

    d = real or DEFAULT_REAL_DIR
    return d if d.is_dir() else None


@app.command()
def train(real: Path | None = typer.Option(None, "--real", help=_REAL_HELP)) -> None:
    """用 corpus/labels 中的标注数据重新训练全部分类模型，写入 models/artefacts/。"""
    from budgetlint.models.train import train_all

    d = _real_dir(real)
    if d is None:
        typer.echo("budgetlint: 未找到真实报告目录，只用仓库内的样例报告和改写样本训练。", err=True)
    for card in train_all(d):
        ev = card["evaluation"]
        typer.echo(
            f"{card['task']}: {card['data']['examples']} 个样本，"
            f"留出文档宏平均 F1 {ev['model']['macro avg']['f1-score']:.2f}"
            f"（关键词基线 {ev['keyword_baseline']['macro avg']['f1-score']:.2f}），用时 {card['seconds']} 秒"
        )


@app.command("eval")
def evaluate(real: Path | None = typer.Option(None, "--real", help=_REAL_HELP)) -> None:
    """按来源文档分组留出评估各分类模型，并与关键词基线对照（不写任何文件）。"""
    from budgetlint.models.store import TASKS
    from budgetlint.models.train import evaluate as run_eval
    from budgetlint.models.train import evaluate_actual, format_report

    d = _real_dir(real)
    if d is None:
        typer.echo("budgetlint: 未找到真实报告目录，只评估仓库内的样例报告。", err=True)
    for task in TASKS:
        typer.echo(format_report(run_eval(task, d)))
        typer.echo("")
    typer.echo(format_report(evaluate_actual(d)))
    typer.echo("")
    typer.echo("对照：同一任务若用模型（留出文档）——")
    typer.echo(format_report(run_eval("actual", d)))


def _dump_rendering(text: str) -> None:
    """Numbered lines, counting "\n" only; a form feed starts a new page and is marked."""
    page = 1
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    out = ["--- 第1页 ---"] if "\f" in text else []
    for i, line in enumerate(lines, 1):
        while "\f" in line:
            before, _, line = line.partition("\f")
            if before:
                out.append(f"{i:>6}  {before}")
            page += 1
            out.append(f"--- 第{page}页 ---")
        out.append(f"{i:>6}  {line}")
    typer.echo("\n".join(out))


def main() -> None:
    app()


if __name__ == "__main__":  # pragma: no cover
    main()
