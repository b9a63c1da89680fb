"""Rules on what explanations and statements say, backed by the classifier layer.

The classifiers (``models/``) are loaded lazily, once, and only when a document has
something for them to read: a document without an indicator that lost points, or
without a problems section, never pays for scikit-learn.
"""

from __future__ import annotations

from typing import Iterator

from budgetlint.nlp.model import Document, Heading, Paragraph
from budgetlint.nlp.analysis.perf import norm
from budgetlint.nlp.numbers.quantities import parse_value
from budgetlint.nlp.analysis.similarity import restates
from budgetlint.nlp.analysis.sections import Section, is_placeholder
from budgetlint.rules import register
from budgetlint.rules.base import Rule, RuleContext, Severity

_LABEL_ZH = {"measure_only": "只写了改进措施，没有说明原因", "non_answer": "没有说明原因也没有改进措施",
             "cause_only": "只说明了原因", "cause_and_measure": "说明了原因和措施"}


@register
class ExplanationWithoutCause(Rule):
    """An indicator lost points and its deviation note gives no cause.

    Why
    ---
    偏差原因分析及改进措施 asks for both: why the indicator fell short, and what will be
    done.  A note that only promises improvement ("进一步增强网络安全应急演练实效，持续做好……")
    or restates the indicator ("已完成") tells the reader nothing about the shortfall.  A
    trained classifier reads the note (cause_and_measure, cause_only, measure_only,
    non_answer); the rule reports measure_only and non_answer.  Empty notes are DEV001's.

    Fails
    -----
    | 网络安全应急演练 | ≥1次 | 1次 | 30 | 28 | 进一步增强网络安全应急演练实效，持续做好漏洞修复工作。 |

    Passes
    ------
    | 网络安全应急演练 | ≥1次 | 1次 | 30 | 28 | 演练脚本准备不足导致一项科目未完成，下年度提前编制演练方案。 |

    Options
    -------
    min-probability (default 0.5): report only when the classifier is at least this sure.
    """

    code = "DEV004"
    name = "explanation-without-cause"
    category = "explanation-without-cause"
    severity = Severity.warning
    title = "指标扣分的偏差说明没有分析原因"
    options = {"min-probability": 0.5}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator:
        todo = [(pt, ind) for pt in doc.perf_tables for ind in pt.indicators
                if ind.lost_points and not is_placeholder(ind.text("explanation"))]
        if not todo:
            return
        from budgetlint.models.store import predict

        floor = float(ctx.options.get("min-probability", 0.5))
        labels = predict("explanation", [ind.text("explanation") for _, ind in todo])
        for (pt, ind), (label, prob) in zip(todo, labels):
            if label not in ("measure_only", "non_answer") or prob < floor:
                continue
            yield self.finding(
                doc,
                f"指标“{ind.name}”得分{ind.text('score')}低于分值{ind.text('points')}，其偏差说明{_LABEL_ZH[label]}"
                f"（“{ind.text('explanation')[:40]}”）；请写明未达标或扣分的具体原因。",
                ind.line, ind.end_line, excerpt=ind.text("explanation"),
                location={"table": pt.table.index, "row": ind.row, "col": ind.explanation_col},
                evidence={"indicator": ind.name, "label": label, "probability": round(prob, 3)},
            )


def problem_statements(sec: Section) -> list[tuple[str, int, int, bool]]:
    """(text, line, end_line, detailed) of what a problems section states: the sentences
    of its body, and the titles and sentences of its untyped sub-items
    ("1.绩效评价管理意识不强").  ``detailed`` marks a statement that other sentences go on
    to detail: a sub-heading, or a lead sentence ("一是管理办法存在缺项。") of a longer
    paragraph."""
    out: list[tuple[str, int, int, bool]] = []

    def add_blocks(blocks) -> None:
        for b in blocks:
            if isinstance(b, Paragraph):
                sents = [s for s in b.sentences if len(norm(s.text)) >= 4 and not is_placeholder(s.text)]
                for s in sents:
                    out.append((s.text, s.line, s.end_line, len(sents) > 1))

    add_blocks(sec.content_blocks())
    for child in sec.children:
        if child.kinds:  # a measures sub-section is not a problem statement
            continue
        h: Heading = child.heading
        out.append((h.title, h.line, h.line, True))
        add_blocks(child.content_blocks())
    return out


@register
class VagueStatement(Rule):
    """A problems section states only stock phrases that would fit any unit.

    Why
    ---
    "绩效评价管理意识不强", "制度不完善，加强支出管理" could be written by every department
    every year; a reviewer wants the problem itself: which project, which figure, what went
    wrong ("年终预算执行率为68.07%，执行进度较慢").  A trained classifier reads each statement
    of a 存在问题 section (specific or generic).  When every statement is generic the
    section is reported (warning); otherwise each generic statement is noted at info.

    Fails
    -----
    （一）存在的主要问题
    制度不完善，加强支出管理，加强绩效监控

    Passes
    ------
    （一）存在的主要问题
    年终预算执行率为68.07%，两个信息化项目因招标延期未能按计划支付。

    Options
    -------
    min-probability (default 0.6): report a section only when the classifier is at least
    this sure of its statements.
    info-probability (default 0.85): the certainty needed to note a single generic
    statement inside an otherwise specific section.
    """

    code = "BPL002"
    name = "vague-statement"
    category = "vague-statement"
    severity = Severity.warning
    title = "“存在的问题”只写了放之四海而皆准的套话"
    options = {"min-probability": 0.6, "info-probability": 0.85}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator:
        sections = [s for s in doc.sections if "problems" in s.kinds]
        todo = [(sec, problem_statements(sec)) for sec in sections]
        todo = [(sec, st) for sec, st in todo if st]
        if not todo:
            return
        from budgetlint.models.store import predict

        floor = float(ctx.options.get("min-probability", 0.6))
        for sec, statements in todo:
            labels = predict("statement", [t for t, *_ in statements])
            generic = [(st, p) for st, (lab, p) in zip(statements, labels) if lab == "generic"]
            sure = [(st, p) for st, p in generic if p >= floor]
            if len(generic) == len(statements) and sure:
                end = max(st[2] for st in statements)
                yield self.finding(
                    doc,
                    f"“{sec.label}”所列问题均为套话（如“{statements[0][0][:30]}”），没有指出具体项目、数据或原因；"
                    f"请写明实际存在的问题。",
                    sec.line, end, excerpt=statements[0][0],
                    evidence={"statements": len(statements), "generic": len(generic)})
                continue
            info_floor = float(ctx.options.get("info-probability", 0.85))
            for (text, line, end, detailed), p in generic:
                # a sub-heading or lead sentence announces a point that is detailed after it
                if p < info_floor or detailed:
                    continue
                yield self.finding(
                    doc, f"“{text[:40]}”是通用表述，未指出具体问题；可补充涉及的项目、数据或原因。",
                    line, end, severity=Severity.info, excerpt=text,
                    evidence={"probability": round(p, 3)})


@register
class ActualRestatesIndicator(Rule):
    """An indicator's 实际完成值 repeats the indicator's own name, or is only 无.

    Why
    ---
    实际完成值 should say what was achieved — a value, or a statement of the result.
    Writing the indicator's own name ("成本控制率", or "网络安全和信息化协调能力" for the
    indicator 提升网络安全和信息化协调能力) into it answers nothing; neither does 无 for an
    indicator that carries points.  This is a text-similarity check (equality, containment,
    or near-identical character pairs); figures are never flagged, and an actual that
    copies a qualitative target ("及时" for "及时") is not, since that is how units record
    that it was met.  ``budgetlint eval`` compares the similarity check with a model on
    the labelled cells.

    Fails
    -----
    | 成本控制率 | ≤100% | 成本控制率 | 10 | 10 |

    Passes
    ------
    | 成本控制率 | ≤100% | 98.6% | 10 | 10 |
    """

    code = "BPL003"
    name = "actual-restates-indicator"
    category = "boilerplate-answer"
    severity = Severity.info
    title = "实际完成值照抄指标名称或只写“无”"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator:
        for pt in doc.perf_tables:
            for ind in pt.indicators:
                actual = ind.text("actual")
                if not actual or parse_value(actual) is not None:
                    continue
                if is_placeholder(actual):
                    # "无 无 无 0 0 无" rows are placeholders for indicators that do not exist;
                    # an indicator that carries points must say what was achieved
                    points = ind.points
                    which = "“无”等占位内容" if points is not None and points.value > 0 else None
                else:
                    # copying a qualitative target ("及时" → "及时") is how units say it was
                    # met; repeating the indicator's own name says nothing at all
                    which = "指标名称" if restates(actual, ind.name) else None
                if which is None:
                    continue
                yield self.finding(
                    doc,
                    f"指标“{ind.name}”的实际完成值“{actual}”"
                    f"{'只是' + which if which.startswith('“') else '照抄了' + which}，没有说明实际完成情况；"
                    f"请填写实际完成的数值或结果。",
                    ind.line, ind.end_line, excerpt=actual,
                    location={"table": pt.table.index, "row": ind.row,
                              "col": ind.cells["actual"].col if "actual" in ind.cells else None},
                    evidence={"indicator": ind.name, "actual": actual, "repeats": which})
