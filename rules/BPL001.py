"""BPL001: a section that must say something is answered only by a placeholder."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.nlp.analysis.sections import kind_spec
from budgetlint.nlp.model import Document
from budgetlint.rules import register
from budgetlint.rules.base import Finding, Rule, RuleContext, Severity


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

    A form's label cell and its value cell (``改进措施 | 无``) are judged the same way, and a
    body that is still the form's own prompt ("提出下一步改进措施（200字以内）") counts as
    no answer; such a finding points at the value cell.

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
        report_optional = bool(ctx.options["report-optional"])
        for sec in (*doc.sections, *doc.form_fields):
            kinds = sec.kinds
            if not kinds or "problems" in kinds or not sec.answer_due:  # problems: SEC001
                continue
            placeholder = sec.placeholder_answer
            prompt = sec.prompt_answer if placeholder is None else None
            if placeholder is None and prompt is None:
                continue
            required = [k for k in kinds if kind_spec(k).get("required")]
            line, end = sec.body_span
            if required:
                labels = "、".join(kind_spec(k)["label"] for k in required)
                said = f"只填写了“{placeholder}”" if placeholder is not None else f"仍是表格的填写提示“{prompt}”"
                yield self.finding(
                    doc,
                    f"“{sec.label}”{said}；该部分应写明{labels}的具体内容。",
                    line,
                    end,
                    excerpt=sec.excerpt,
                    location=sec.location,
                    evidence={
                        "heading": sec.label,
                        "kinds": list(kinds),
                        "answer": placeholder or prompt,
                        "required": True,
                        "prompt": prompt is not None,
                    },
                )
            elif prompt is not None:
                continue  # an optional section left with its prompt: not worth a hint
            elif report_optional:
                yield self.finding(
                    doc,
                    f"“{sec.label}”只填写了“{placeholder}”（该部分可选，确无需说明时可保留）。",
                    line,
                    end,
                    severity=Severity.info,
                    excerpt=sec.excerpt,
                    location=sec.location,
                    evidence={"heading": sec.label, "kinds": list(kinds), "answer": placeholder, "required": False},
                )
