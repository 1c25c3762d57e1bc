"""Regenerate the golden files: ``python tests/make_golden.py``.

Each sample's full ``extract`` output is kept in ``tests/golden/<sample>.jsonl``, and the
findings ``check`` makes of those records in ``tests/golden/findings/<sample>.jsonl``.
Only regenerate after checking the difference by hand against the source document
(``git diff tests/golden``): the golden files are what a reviewer verified.
"""

from __future__ import annotations

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from budgetkit.extraction.build import extract_file  # noqa: E402
from budgetkit.checks import check_document, group_documents, select_rules  # noqa: E402
from budgetkit.records import dumps, read_records  # noqa: E402

SAMPLES = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".pdf", ".txt"))


def golden_lines(sample: pathlib.Path) -> list[str]:
    relative = sample.relative_to(ROOT).as_posix()
    return [dumps(record) for record in extract_file(relative).records]


def golden_findings(records_file: pathlib.Path) -> list[str]:
    """Every finding of every rule on a golden record file."""
    with records_file.open(encoding="utf-8") as handle:
        documents = list(group_documents(read_records(handle, str(records_file))))
    rules = select_rules(None, None)
    return [dumps(found) for document in documents for found in check_document(document, rules)]


def write_rules_doc() -> None:
    """docs/rules.md: its introduction, then the rule table ``check --list-rules -f markdown`` prints."""
    from budgetkit.checks import FAMILIES
    from budgetkit.checks.report import rules_markdown

    target = ROOT / "docs" / "rules.md"
    text = target.read_text(encoding="utf-8")
    introduction = text[:text.index("| rule")]
    rows = [(r.id, FAMILIES[r.family], r.summary) for r in select_rules(None, None)]
    target.write_text(introduction + rules_markdown(rows) + "\n", encoding="utf-8")


def main() -> None:
    import os

    os.chdir(ROOT)
    for sample in SAMPLES:
        target = ROOT / "tests" / "golden" / (sample.stem + ".jsonl")
        target.write_text("\n".join(golden_lines(sample)) + "\n", encoding="utf-8")
        print(f"wrote {target.relative_to(ROOT)}")
        findings = ROOT / "tests" / "golden" / "findings" / (sample.stem + ".jsonl")
        findings.write_text("".join(line + "\n" for line in golden_findings(target)), encoding="utf-8")
        print(f"wrote {findings.relative_to(ROOT)}")
    write_rules_doc()


if __name__ == "__main__":
    main()
