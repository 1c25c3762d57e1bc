"""Code kinds, levels and parents of table rows (tables/hierarchy.py)."""

from types import SimpleNamespace

from budgetkit.tables.hierarchy import settle_hierarchy


def settled(*printed: tuple[str, str]) -> list[tuple]:
    rows = [SimpleNamespace(code=code, name=name, block=0, parent_index=None, candidates=None, values={})
            for code, name in printed]
    settle_hierarchy(SimpleNamespace(rows=rows, columns=[]))
    return [(row.code, row.code_kind, row.level, row.parent) for row in rows]


def test_a_functional_item_named_like_a_unit_is_under_its_parent():
    # chongqing-02 p.10: 博物馆 ends like a unit's name (…馆), but its code extends 20702
    assert settled(("207", "文化旅游体育与传媒支出"), ("20702", "文物"), ("2070204", "文物保护"),
                   ("2070205", "博物馆")) == [
        ("207", "functional", "类", None), ("20702", "functional", "款", "207"),
        ("2070204", "functional", "项", "20702"), ("2070205", "functional", "项", "20702")]


def test_a_third_level_of_economic_codes_is_under_its_款():
    # Chongqing's 基本支出 tables print 3010201 规范性津补贴 under 30102 津贴补贴
    assert settled(("301", "工资福利支出"), ("30102", "津贴补贴"), ("3010201", "规范性津补贴")) == [
        ("301", "economic", "类", None), ("30102", "economic", "款", "301"),
        ("3010201", "economic", "项", "30102")]


def test_a_unit_is_still_a_unit():
    assert settled(("105001", "长春市信访局"), ("201", "一般公共服务支出"), ("26001", "某某局")) == [
        ("105001", "unit", None, None), ("201", "functional", "类", None), ("26001", "unit", None, None)]


def test_a_seven_digit_functional_item_named_like_a_unit_is_an_item():
    # quanzhou-02 p.12 prints 2040101 武装警察部队 with no 类 or 款 above it
    assert settled(("2040101", "武装警察部队"), ("2040201", "行政运行")) == [
        ("2040101", "functional", "项", None), ("2040201", "functional", "项", None)]
