"""Rules on section content: problems sections and sections answered with a placeholder."""

from __future__ import annotations

from typing import Iterator

from budgetlint.nlp.model import Document, Paragraph
from budgetlint.nlp.analysis.sections import Section, has_content, is_placeholder, kind_spec
from budgetlint.rules import register
from budgetlint.rules.base import Finding, Rule, RuleContext, Severity


def _body_span(sec: Section) -> tuple[int, int]:
    """Heading line to the last line of the section's own body (or its end)."""
    blocks = sec.content_blocks()
    end = max((b.end_line for b in blocks), default=sec.line)
    return sec.line, max(end, sec.line)


def _placeholder_text(sec: Section) -> str | None:
    """The placeholder the section's body consists of, or None if it says more (or
    nothing at all)."""
    blocks = sec.content_blocks()
    if not blocks or not all(isinstance(b, Paragraph) for b in blocks):
        return None
    texts = [b.text.strip() for b in blocks]
    if all(is_placeholder(t) for t in texts) and any(t for t in texts):
        return "".join(t for t in texts if t)
    return None


def _judged_by_children(sec: Section) -> bool:
    """A combined heading ("存在的问题及改进措施") with sub-headings is judged by them — when
    one of them can hold the problems: a problems sub-section, or an untyped item
    ("1.预算执行进度偏慢").  If every sub-section is of another kind (措施, 建议 …) the
    problems themselves are missing and the heading is judged on its own body."""
    if not sec.children or has_content(sec.content_blocks()):
        return False
    return any("problems" in c.kinds or not c.kinds for c in sec.children)


@register
class EmptyProblemSection(Rule):
    """A 存在的问题 section has no content, or only a placeholder such as 无.

    Why
    ---
    Performance reports must state the problems found and their causes; a problems
    heading followed directly by the next heading, or answered 无, discloses nothing
    and is the most common reason reviewers send a self-evaluation back.

    Fails
    -----
    2.存在的问题及原因分析
    （六）措施建议

    Passes
    ------
    2.存在的问题及原因分析
    部分项目年中追加，预算执行进度偏慢，年终执行率为91.2%。
    """

    code = "SEC001"
    name = "empty-problem-section"
    category = "empty-problem-section"
    severity = Severity.error
    title = "“存在的问题”部分为空或只写“无”"

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        for sec in doc.sections:
            if "problems" not in sec.kinds or _judged_by_children(sec):
                continue
            line, end = _body_span(sec)
            placeholder = _placeholder_text(sec)
            if placeholder is not None:
                msg = (
                    f"“{sec.label}”只填写了“{placeholder}”；请写明实际存在的问题"
                    f"（如执行进度、目标完成、管理中的不足）及其原因。"
                )
            elif not has_content(sec.content_blocks()):
                msg = (f"“{sec.label}”标题下没有内容；请写明存在的问题及其原因。" if not sec.children else
                       f"“{sec.label}”下只有{'、'.join(c.label for c in sec.children[:3])}等其他内容，未写明存在的问题；"
                       f"请补充存在的问题及其原因。")
            else:
                continue
            yield self.finding(doc, msg, line, end, excerpt=sec.heading.text if sec.heading else "",
                               evidence={"heading": sec.label, "kinds": list(sec.kinds),
                                         "answer": placeholder or ""})


@register
class BoilerplateAnswer(Rule):
    """A section that must say something is answered only by a placeholder (无, 暂无 …).

    Why
    ---
    Measures (改进措施/有关建议), cause analyses and experience sections are where a unit
    shows it learned from the year; answering them 无 defeats the disclosure.  Optional
    sections (其他需要说明的问题：无) may legitimately say 无: they are reported at info and
    only when the option ``report-optional`` is on.

    Fails
    -----
    （六）有关建议
    无。

    Passes
    ------
    （六）有关建议
    建议提前谋划项目，年初细化资金使用计划。

    Options
    -------
    report-optional (default false): also report optional sections answered 无, at info.
    """

    code = "BPL001"
    name = "boilerplate-answer"
    category = "boilerplate-answer"
    severity = Severity.warning
    title = "应填写内容的部分只写了“无”等占位答复"
    options = {"report-optional": False}

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        report_optional = bool(ctx.options.get("report-optional", False))
        for sec in doc.sections:
            kinds = sec.kinds
            if not kinds or "problems" in kinds:  # problems sections belong to SEC001
                continue
            placeholder = _placeholder_text(sec)
            if placeholder is None:
                continue
            required = [k for k in kinds if kind_spec(k).get("required")]
            line, end = _body_span(sec)
            if required:
                labels = "、".join(kind_spec(k)["label"] for k in required)
                yield self.finding(
                    doc,
                    f"“{sec.label}”只填写了“{placeholder}”；该部分应写明{labels}的具体内容。",
                    line, end, excerpt=sec.heading.text if sec.heading else "",
                    evidence={"heading": sec.label, "kinds": list(kinds), "answer": placeholder,
                              "required": True},
                )
            elif report_optional:
                yield self.finding(
                    doc,
                    f"“{sec.label}”只填写了“{placeholder}”（该部分可选，确无需说明时可保留）。",
                    line, end, severity=Severity.info, excerpt=sec.heading.text if sec.heading else "",
                    evidence={"heading": sec.label, "kinds": list(kinds), "answer": placeholder,
                              "required": False},
                )
