#!/usr/bin/env python3
"""docs/report.png, the README's picture of the HTML review report: ``budgetkit check
--format html`` on a sample PDF, shot by a headless Chromium.

Needs Chromium and a Chinese font (Debian: ``apt-get install chromium fonts-wqy-microhei``).

    python docs/make_screenshot.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = "samples/shanghai-putuo-wanli-jiedao-2023-budget.pdf"


def main() -> int:
    if shutil.which("chromium") is None:
        print("make_screenshot: Chromium is not installed", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as folder:
        report = Path(folder) / "report.html"
        with open(report, "w", encoding="utf-8") as out:
            subprocess.run([sys.executable, "-m", "budgetkit", "check", SAMPLE, "--format", "html"], cwd=ROOT,
                           stdout=out, check=False)
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--window-size=1100,1250", f"--screenshot={ROOT / 'docs' / 'report.png'}", report.as_uri()],
                       capture_output=True, check=True, timeout=120)
    print("wrote docs/report.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
