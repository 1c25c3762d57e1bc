"""docs/python-api.md: its examples run as printed, one after the other, as a reader would
paste them; and ``import budgetkit`` stays cheap."""

import re
import subprocess
import sys

from conftest import ROOT

DOC = (ROOT / "docs/python-api.md").read_text(encoding="utf-8")
EXAMPLES = re.findall(r"```python\n(.*?)\n```", DOC, flags=re.S)


def test_the_examples_run():
    assert len(EXAMPLES) == 5
    namespace: dict = {}
    for example in EXAMPLES:
        exec(compile(example, "docs/python-api.md", "exec"), namespace)  # noqa: S102 - our own docs


def test_every_documented_name_is_exported():
    import budgetkit

    for name in budgetkit.__all__:
        assert getattr(budgetkit, name) is not None
        assert f"budgetkit.{name}" in DOC or name.startswith("__") or name == "SCHEMA_VERSION"


def test_importing_budgetkit_loads_no_reader():
    loaded = subprocess.run([sys.executable, "-c", "import budgetkit, sys; print(sorted(sys.modules))"],
                            capture_output=True, text=True, check=True).stdout
    assert "pdfplumber" not in loaded and "budgetkit.api" not in loaded
