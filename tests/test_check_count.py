"""Rules of the ``count`` family: stated counts against what the document shows."""

from builders import D, form, row, run, statement, table

VEHICLES = "车辆7辆(一般公务用车3辆,执法执勤用车4辆,特种专业技术用车0辆,其他用车0辆);"


def vehicle_list(total=7, parts=(("一般公务用车", 3), ("执法执勤用车", 4), ("特种专业技术用车", 0), ("其他用车", 0))):
    sentence = VEHICLES.replace("车辆7辆", f"车辆{total}辆")
    records = [statement(138, f"车辆{total}辆", sentence, subject="车辆", count=total, count_unit="辆")]
    records += [statement(139 + i, f"{name}{count}辆", sentence, subject=name, count=count, count_unit="辆")
                for i, (name, count) in enumerate(parts)]
    return records


def test_vehicles_quiet_when_the_kinds_add_up():
    assert run("count.vehicles", *vehicle_list()) == []
    # a total with its kinds as 其中 items of the next sentence
    assert run("count.vehicles",
               statement(94, "部门共有车辆1辆", subject="部门共有车辆", count=1, count_unit="辆"),
               statement(95, "一般公务用车0辆", subject="一般公务用车", count=0, count_unit="辆", parent="s94"),
               statement(96, "一般执法执勤用车1辆", subject="一般执法执勤用车", count=1, count_unit="辆", parent="s94")) == []


def test_vehicles_not_adding_up_is_error():
    found = run("count.vehicles", *vehicle_list(total=8))
    assert [(f["severity"], f["statement"], f["expected"], f["actual"], f["unit"]) for f in found] == [
        ("error", "s138", D(7), D(8), "辆")]
    assert found[0]["message"] == ("“车辆” 8 辆，其中 一般公务用车 3 辆，执法执勤用车 4 辆，特种专业技术用车 0 辆，"
                                   "其他用车 0 辆，合计 7 辆")


def test_vehicles_with_an_unknown_kind_is_only_a_warning():
    found = run("count.vehicles", *vehicle_list(parts=(("一般公务用车", 3), ("执法执勤用车", 4), ("新能源汽车", 2))))
    assert [f["severity"] for f in found] == ["warning"]


PERFORMANCE = "我部门组织对2023年度一般公共预算项目支出全面开展绩效自评,共涉及项目{}个,资金1097.63万元。"


def test_projects_quiet_when_the_count_matches_the_forms():
    assert run("count.projects", form("performance#2"), form("performance#3"),
               statement(75, "共涉及项目2个", PERFORMANCE.format(2), subject="共涉及项目", count=2, count_unit="个")) == []
    # a subset of the projects (评级为“优”的项目) is not their number
    assert run("count.projects", form("performance#2"), form("performance#3"),
               statement(54, "绩效评级为“优”的项目1个", "绩效自评的项目中,绩效评级为“优”的项目1个。",
                         subject="绩效评级为“优”的项目", count=1, count_unit="个")) == []


def test_projects_differing_from_the_forms_is_warning():
    found = run("count.projects", form("performance#2"), form("performance#3"),
                statement(75, "共涉及项目7个", PERFORMANCE.format(7), subject="共涉及项目", count=7, count_unit="个"))
    assert [(f["severity"], f["statement"], f["expected"], f["actual"]) for f in found] == [
        ("warning", "s75", D(2), D(7))]
    assert found[0]["message"] == "说明“共涉及项目7个”为 7 个，文中项目绩效表共 2 个"


def test_more_forms_than_level_one_projects_is_no_defect():
    """yantai-01 p.32: ``涉及一级预算项目10个`` over 21 forms, one per 二级 project or 专项资金;
    fewer forms than 一级 projects is still one."""
    sentence = "烟台市民政局2026年政策和项目全面实施绩效目标管理,涉及一级预算项目{}个,预算资金2385.28万元。"
    forms = [form(f"performance#{n}") for n in range(2, 5)]
    assert run("count.projects", *forms, statement(90, "涉及一级预算项目2个", sentence.format(2),
                                                   subject="涉及一级预算项目", count=2, count_unit="个")) == []
    found = run("count.projects", *forms, statement(90, "涉及一级预算项目5个", sentence.format(5),
                                                    subject="涉及一级预算项目", count=5, count_unit="个"))
    assert [(f["expected"], f["actual"]) for f in found] == [(D(3), D(5))]


def test_projects_without_forms_against_the_projects_table():
    projects = [table("projects")] + [row("projects", i, name, {"total": 10}, labels={"project": name})
                                      for i, name in enumerate(["甲", "乙", "丙"])]
    sentence = "2024年共安排项目{}个,金额30万元。"
    assert run("count.projects", *projects,
               statement(5, "共安排项目3个", sentence.format(3), subject="共安排项目", count=3, count_unit="个")) == []
    found = run("count.projects", *projects,
                statement(5, "共安排项目4个", sentence.format(4), subject="共安排项目", count=4, count_unit="个"))
    assert [(f["severity"], f["expected"], f["actual"]) for f in found] == [("warning", D(3), D(4))]
    # nothing shown to count: quiet
    assert run("count.projects",
               statement(5, "共安排项目4个", sentence.format(4), subject="共安排项目", count=4, count_unit="个")) == []
