"""JSON Lines in and out: exact decimals survive the round trip, bad lines are named."""

from decimal import Decimal

import pytest

from budgetkit.records import dumps, read_records


def test_decimals_round_trip_exactly_and_chinese_stays_readable():
    record = {"type": "row", "doc": "ab", "name": "办公费", "values": {"total": Decimal("16.497864"), "basic": None}}
    line = dumps(record)
    assert line == '{"type":"row","doc":"ab","name":"办公费","values":{"total":16.497864,"basic":null}}'
    assert list(read_records([line])) == [record]


def test_broken_line_names_source_and_line():
    with pytest.raises(ValueError, match=r"^in\.jsonl: line 2: not valid JSON"):
        list(read_records(['{"type":"row","doc":"a"}', "{oops"], "in.jsonl"))
    with pytest.raises(ValueError, match="not a budgetkit record"):
        list(read_records(["[1, 2]"], "in.jsonl"))
