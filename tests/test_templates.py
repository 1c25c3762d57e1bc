"""The template data (``src/budgetkit/data/*.json``): it loads, broken data is refused
with the file and the entry named, and a new printed label or title is a data entry
alone (docs/templates.md)."""

import copy
import json
import re

import pytest
from conftest import ROOT

from budgetkit import templates
from budgetkit.checks import layout
from budgetkit.tables import catalogue


def _forget() -> None:
    """Drop what was read from the data files, so the next reader reads them again."""
    for cached in (templates.data, templates.column_groups, templates.total_row_re, catalogue.table_kinds,
                   catalogue._label_column_catalogue, catalogue._column_catalogue, catalogue.label_key,
                   catalogue._fuzzy_catalogue):
        cached.cache_clear()


@pytest.fixture
def data_with(monkeypatch):
    """``data_with(change)``: the data files read as ``change(name, data)`` makes them."""
    real = templates._read

    def use(change):
        monkeypatch.setattr(templates, "_read", lambda name: change(name, copy.deepcopy(real(name))))
        _forget()

    yield use
    monkeypatch.undo()
    _forget()


def test_shipped_data_loads():
    _forget()
    for name in ("tables.json", "columns.json", "codes.json"):
        assert templates.data(name)
    groups = templates.column_groups()
    assert groups.parts["vehicle_purchase"] == ("vehicles", "three_public", "total")
    assert groups.kind_suffixes == ("_recurring", "_continuing", "_one_off")  # the generic leaves that are parts
    assert groups.parallel_suffixes == ("_budget", "_actual")
    assert templates.preference("references")["fiscal"][0] == "fiscal_expenditure"


def _edit(file, change):
    """A ``data_with`` change that applies ``change`` to one file's data."""
    def apply(name, data):
        if name == file:
            change(data)
        return data
    return apply


def _table(data, key):
    return next(entry for entry in data["tables"] if entry["key"] == key)


BROKEN = [
    ("columns.json", lambda d: d["groups"]["parts"]["“三公”经费"].update(vehicle_purchase=["vehicels"]),
     "data/columns.json: groups.parts.“三公”经费.vehicle_purchase[0]: 'vehicels' is not a column key"),
    ("columns.json", lambda d: d["groups"]["parts"]["“三公”经费"].update(basic=["total"]),
     "data/columns.json: groups.parts.“三公”经费.basic: 'basic' is given twice"),
    ("columns.json", lambda d: d["groups"].update(parallel=["budget", "planned"]),
     "data/columns.json: groups.parallel[1]: 'planned' is not a value of columns.json generic"),
    ("columns.json", lambda d: d["groups"]["only_with"].update(seminars="three_public"),
     "data/columns.json: groups.only_with.seminars: 'seminars' is not a part in groups.parts"),
    ("columns.json", lambda d: d["groups"]["subtotal_before"].update(personnel="project"),
     "data/columns.json: groups.subtotal_before.personnel: 'project' is not one of the groups of 'personnel'"),
    ("columns.json", lambda d: d["labels"][1].__setitem__(0, "基本支出("),
     "data/columns.json: labels[1]: pattern '基本支出(' does not compile"),
    ("columns.json", lambda d: d["layouts"].update(income_sumary=[["total"]]),
     "data/columns.json: layouts.income_sumary: 'income_sumary' is not a table key of tables.json"),
    ("tables.json", lambda d: d["preferences"]["cited_first"].append("gov_fnd"),
     "data/tables.json: preferences.cited_first[8]: 'gov_fnd' is not a table key of tables.json"),
    ("tables.json", lambda d: d["preferences"]["references"].update(everything=["expenditure_summary"]),
     "data/tables.json: preferences.references.everything: 'everything' is not a table key of tables.json, "
     "a scope"),
    ("tables.json", lambda d: _table(d, "three_public")["patterns"].append("三公["),
     "data/tables.json: tables.three_public.patterns[1]: pattern '三公[' does not compile"),
    ("tables.json", lambda d: _table(d, "projects").pop("name"), "data/tables.json: tables.projects.name: missing"),
    ("tables.json", lambda d: _table(d, "projects").update(scope="every_fund"),
     "data/tables.json: tables.projects.scope: expected one of all, fiscal, general_budget"),
    ("tables.json", lambda d: d["total_rows"].append("合计("), "data/tables.json: total_rows[9]: pattern '合计('"),
]


@pytest.mark.parametrize("file, change, message", BROKEN, ids=[m.split(": ")[1] for _, _, m in BROKEN])
def test_broken_data_is_refused_naming_file_and_entry(data_with, file, change, message):
    data_with(_edit(file, change))
    with pytest.raises(templates.TemplateError) as raised:
        templates.data(file)
    assert str(raised.value).startswith(message)


def test_a_missing_preference_is_named():
    with pytest.raises(templates.TemplateError, match=r"data/tables.json: preferences.favourites: missing"):
        templates.preference("favourites")


# --- the worked example of docs/templates.md ------------------------------------------------

# Its data entry (```json) and its two tests (```python), as printed.
(_, ENTRY), (_, LABEL_TEST), (_, GROUP_TEST) = re.findall(r"```(json|python)\n(.*?)```",
                                                          (ROOT / "docs/templates.md").read_text("utf-8"), re.S)


def _with_entry(name, data):
    if name == "columns.json":
        data["labels"].append(json.loads(ENTRY.strip().rstrip(",")))
    return data


def test_the_documented_label_entry_makes_its_test_pass(data_with, tmp_path):
    namespace: dict = {}
    exec(compile(LABEL_TEST, "docs/templates.md", "exec"), namespace)  # noqa: S102 - our own docs
    with pytest.raises(AssertionError):  # without the entry the label is unknown
        namespace["test_city_vehicle_renewal_label"](tmp_path)
    data_with(_with_entry)
    namespace["test_city_vehicle_renewal_label"](tmp_path)


def test_the_documented_group_entry_makes_its_test_pass(data_with, monkeypatch):
    def with_group(name, data):
        if name == "columns.json":
            data["labels"].append(["信息化运维费", "project_it"])
            by_use = data["groups"]["parts"]["expenditure by use (支出总表, 一般公共预算支出表, 支出决算表)"]
            by_use["project_it"] = ["project", "total"]
        return data

    data_with(with_group)
    monkeypatch.setattr(layout, "COLUMN_GROUPS", templates.column_groups().parts)  # read at import
    namespace: dict = {}
    exec(compile(GROUP_TEST, "docs/templates.md", "exec"), namespace)  # noqa: S102 - our own docs
    namespace["test_it_maintenance_is_part_of_projects"]()


def test_a_new_table_title_is_a_data_entry(data_with):
    assert catalogue.match_table("公务支出三项费用明细表") is None
    data_with(_edit("tables.json", lambda d: _table(d, "three_public")["patterns"].append("三项费用")))
    assert catalogue.match_table("公务支出三项费用明细表").key == "three_public"
