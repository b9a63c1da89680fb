"""SEC001: a 存在的问题 section has no content, or only a placeholder."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.nlp.analysis.forms import FormField
from budgetlint.nlp.analysis.sections import Section
from budgetlint.nlp.model import Document
from budgetlint.rules import register
from budgetlint.rules.base import Finding, Rule, RuleContext, Severity


def _judged_by_children(sec: Section | FormField) -> bool:
    """A combined heading ("存在的问题及改进措施") with sub-headings is judged by them — when
    one of them can hold the problems: a problems sub-section, or an untyped item
    ("1.预算执行进度偏慢").  If every sub-section is of another kind (措施, 建议 …) the
    problems themselves are missing and the heading is judged on its own body."""
    if not sec.children or sec.has_content:
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

    A form's label cell and its value cell (``存在问题 | 无``) are judged the same way, and
    so is a body that is still the form's own prompt ("结合自评情况，分析存在的问题及原因。
    （200字以内）"); such a finding points at the value cell.

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
        for sec in (*doc.sections, *doc.form_fields):
            if "problems" not in sec.kinds or _judged_by_children(sec) or not sec.answer_due:
                continue
            line, end = sec.body_span
            placeholder = sec.placeholder_answer
            prompt = sec.prompt_answer if placeholder is None else None
            if placeholder is not None:
                msg = (
                    f"“{sec.label}”只填写了“{placeholder}”；请写明实际存在的问题"
                    f"（如执行进度、目标完成、管理中的不足）及其原因。"
                )
            elif prompt is not None:
                msg = f"“{sec.label}”处仍是表格的填写提示“{prompt}”，未写明存在的问题；请填写实际存在的问题及其原因。"
            elif not sec.has_content:
                msg = (
                    f"“{sec.label}”标题下没有内容；请写明存在的问题及其原因。"
                    if not sec.children
                    else f"“{sec.label}”下只有{'、'.join(c.label for c in sec.children[:3])}等其他内容，未写明存在的问题；"
                    f"请补充存在的问题及其原因。"
                )
            else:
                continue
            yield self.finding(
                doc,
                msg,
                line,
                end,
                excerpt=sec.excerpt,
                location=sec.location,
                evidence={"heading": sec.label, "kinds": list(sec.kinds), "answer": placeholder or prompt or ""},
            )
