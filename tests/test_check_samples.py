"""Every finding ``check`` makes on each sample, pinned: a new false alarm or a lost
finding fails here.  Each ``error`` in tests/golden/findings was read against the source
document and is a real error of that document."""

import json

import pytest

from conftest import ROOT, samples
from make_golden import golden_findings


@pytest.mark.parametrize("sample", samples(), ids=lambda p: p.stem)
def test_findings_match_golden(sample):
    records = ROOT / "tests" / "golden" / (sample.stem + ".jsonl")
    expected = (ROOT / "tests" / "golden" / "findings" / (sample.stem + ".jsonl")).read_text("utf-8").splitlines()
    actual = golden_findings(records)
    assert [json.loads(line) for line in actual] == [json.loads(line) for line in expected]
