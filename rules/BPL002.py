"""BPL002: a problems section states only stock phrases (classifier)."""

from __future__ import annotations

from collections.abc import Iterator

from budgetlint.nlp.model import Document
from budgetlint.rules import register
from budgetlint.rules.base import Finding, Rule, RuleContext, Severity


@register
class VagueStatement(Rule):
    """A problems section states only stock phrases that would fit any unit.

    Why
    ---
    "绩效评价管理意识不强", "制度不完善，加强支出管理" could be written by every department
    every year; a reviewer wants the problem itself: which project, which figure, what went
    wrong ("年终预算执行率为68.07%，执行进度较慢").  A trained classifier reads each statement
    of a 存在问题 section, or of a form's 存在问题 field (``存在问题 | …``), specific or
    generic.  When every statement is generic the section is reported (warning);
    otherwise each generic statement is noted at info.

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

    def check(self, doc: Document, ctx: RuleContext) -> Iterator[Finding]:
        # sections and form fields (存在问题 | …) alike
        sections = [s for s in (*doc.sections, *doc.form_fields) if "problems" in s.kinds]
        todo = [(sec, sec.problem_statements()) for sec in sections]
        todo = [(sec, st) for sec, st in todo if st]
        if not todo:
            return
        from budgetlint.models.store import predict

        floor = float(ctx.options["min-probability"])
        info_floor = float(ctx.options["info-probability"])
        for sec, statements in todo:
            labels = predict("statement", [st.text for st in statements])
            generic = [(st, p) for st, (lab, p) in zip(statements, labels) if lab == "generic"]
            sure = [(st, p) for st, p in generic if p >= floor]
            if len(generic) == len(statements) and sure:
                end = max(st.end_line for st in statements)
                yield self.finding(
                    doc,
                    f"“{sec.label}”所列问题均为套话（如“{statements[0].text[:30]}”），没有指出具体项目、数据或原因；"
                    f"请写明实际存在的问题。",
                    sec.line,
                    end,
                    excerpt=statements[0].text,
                    location=sec.location,
                    evidence={"statements": len(statements), "generic": len(generic)},
                )
                continue
            for st, p in generic:
                # a sub-heading or lead sentence announces a point that is detailed after it
                if p < info_floor or st.detailed:
                    continue
                yield self.finding(
                    doc,
                    f"“{st.text[:40]}”是通用表述，未指出具体问题；可补充涉及的项目、数据或原因。",
                    st.line,
                    st.end_line,
                    severity=Severity.info,
                    excerpt=st.text,
                    evidence={"probability": round(p, 3)},
                )
