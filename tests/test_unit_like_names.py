"""Functional lines whose names end like a budget unit's (公立医院, 综合医院) are still
functional lines when their parent code is printed above them."""

from budgetkit.checks import Document, check_document, select_rules
from budgetkit.extraction.build import extract_file

HOSPITALS = "\n".join([
    "示例市卫生健康委员会2026年部门预算",
    "",
    "2026年一般公共预算支出表",
    "部门：示例市卫生健康委员会                                  单位：万元",
    "科目编码\t科目名称\t合计\t基本支出\t项目支出",
    "\t合计\t100.00\t60.00\t40.00",
    "210\t卫生健康支出\t100.00\t60.00\t40.00",
    "21002\t公立医院\t100.00\t60.00\t40.00",
    "2100201\t综合医院\t70.00\t60.00\t10.00",
    "2100205\t精神病医院\t30.00\t\t30.00",
    "",
])


def test_hospital_lines_are_children_of_their_functional_parent(tmp_path):
    path = tmp_path / "hospitals-2026-budget.txt"
    path.write_text(HOSPITALS, encoding="utf-8")
    records = extract_file(str(path)).records
    rows = [(r["code"], r["code_kind"], r["level"], r["parent"]) for r in records if r["type"] == "row"]
    assert rows == [(None, None, None, None), ("210", "functional", "类", None),
                    ("21002", "functional", "款", "210"), ("2100201", "functional", "项", "21002"),
                    ("2100205", "functional", "项", "21002")]
    document = Document("hospitals")
    for record in records:
        document.add(record)
    assert [f["rule"] for f in check_document(document, select_rules(["table.*"], None))
            if f["severity"] == "error"] == []
