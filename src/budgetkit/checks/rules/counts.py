"""Family ``count``: headcounts and counts stated in the prose (DOMAIN.md §6, staff).

Counts are checked only against what the document itself shows clearly: the breakdown
printed with a headcount or a vehicle count, and the project forms or projects table a
stated number of projects describes."""

from __future__ import annotations

import re
from decimal import Decimal

from ...document import Document
from ..findings import amount_text, at_statement, finding
from ..registry import rule


@rule("count.staff_breakdown", "a headcount (编制, 在职实有, 离退休) equals the sum of its breakdown")
def staff_breakdown(document: Document):
    for staff in document.staff:
        # a nested 其中 part (参公 within 事业编制) is listed too but is not an addend
        parts = [p for p in staff["breakdown"] if p.get("count") is not None and not p.get("nested")]
        if not parts:
            continue
        total = sum((Decimal(p["count"]) for p in parts), Decimal(0))
        count = Decimal(staff["count"])
        if total == count:
            continue
        statement = document.statement(staff["statement"]) or {}
        listed = "，".join(f"{p['label']} {p['count']} 人" for p in parts)
        yield finding(
            "error", f"“{staff['label']}” {count} 人，其中 {listed}，合计 {total} 人",
            page=staff.get("page"), line=staff.get("line"), statement=staff["statement"],
            subject=staff["label"], expected=total, actual=count, unit="人", evidence=statement.get("sentence"))


# Subjects that count the projects a document reports on (共涉及项目, 编报绩效目标的项目,
# 3个一级项目支出绩效目标), not a subset of them (绩效评级为“优”的项目, 发现问题).
_PROJECT_COUNT_RE = re.compile(r"共|涉及|编报|设置|实行|申报|填报|自评|评价|一级项目")
_PROJECT_SUBSET_RE = re.compile(r"评级|问题|整改|新增|减少|取消")


@rule("count.projects", "a stated number of projects (共涉及项目 7 个) = the project forms or the projects table")
def projects(document: Document):
    forms = document.project_forms()
    listed = _projects_listed(document)
    for statement in document.statements:
        if statement.get("count") is None or statement.get("count_unit") != "个":
            continue
        subject, sentence = statement.get("subject") or "", statement.get("sentence") or ""
        if "项目" not in subject or not _PROJECT_COUNT_RE.search(subject) or _PROJECT_SUBSET_RE.search(subject):
            continue
        # a sentence on 绩效 counts the projects with forms; another the projects with money
        if "绩效" in sentence:
            shown, what = len(forms), "项目绩效表"
        else:
            shown, what = len(listed), "项目支出表所列项目"
        count = statement["count"]
        if not shown or count == shown:
            continue
        if "一级" in subject and shown > count:
            continue  # forms for the 二级 projects and 专项资金 under the 一级 ones counted (yantai-01 p.32)
        yield finding(
            "warning", f"说明“{statement['claim']}”为 {count} 个，文中{what}共 {shown} 个",
            **at_statement(statement), subject=subject, expected=Decimal(shown), actual=count, unit="个",
            evidence=sentence)


def _projects_listed(document: Document) -> set[str]:
    """The distinct projects the projects tables name (rows with a 项目名称, not totals)."""
    return {row["labels"]["project"] for table in document.tables_with_key("projects")
            for row in document.rows.get(table["table"], [])
            if not row.get("total") and (row.get("labels") or {}).get("project")}


# The kinds of vehicle an asset paragraph lists (一般公务用车, 执法执勤用车, 特种专业技术用车…);
# another counted thing in the list may be a 其中 part (新能源车), not an addend.
_VEHICLE_KIND_RE = re.compile(r"(公务|执法执勤|专业技术|领导干部|机要通信|应急保障|离退休干部|其他|业务)用?车$")


@rule("count.vehicles", "a vehicle count (车辆 7 辆) = the sum of the kinds of vehicle it lists")
def vehicles(document: Document):
    for statement in document.statements:
        if statement.get("count_unit") != "辆" or "车辆" not in (statement.get("subject") or ""):
            continue
        parts = _vehicle_parts(document, statement)
        if not parts:
            continue
        total = sum((p["count"] for p in parts), Decimal(0))
        count = statement["count"]
        if total == count:
            continue
        listed = "，".join(f"{p.get('subject')} {amount_text(p['count'])} 辆" for p in parts)
        known = all(_VEHICLE_KIND_RE.search(p.get("subject") or "") for p in parts)
        yield finding(
            "error" if known else "warning",
            f"“{statement.get('subject')}” {amount_text(count)} 辆，其中 {listed}，合计 {amount_text(total)} 辆",
            **at_statement(statement), subject=statement.get("subject"), expected=total, actual=count, unit="辆",
            evidence=statement.get("sentence"))


def _vehicle_parts(document: Document, total: dict) -> list[dict]:
    """The counts a vehicle total itemises: the statements naming it as their parent, else
    the 辆 counts after it in its own sentence (车辆7辆（一般公务用车3辆，…）)."""
    parts = [s for s in document.statements if s.get("parent") == total["id"] and s.get("count_unit") == "辆"]
    if parts:
        return parts
    following = []
    started = False
    for statement in document.statements:
        if statement is total:
            started = True
            continue
        if not started:
            continue
        if statement.get("sentence") != total.get("sentence") or "车辆" in (statement.get("subject") or ""):
            break
        if statement.get("count_unit") == "辆" and statement.get("count") is not None:
            following.append(statement)
    return following
