#!/usr/bin/env python3
"""Write the shell completion scripts of ``budgetkit`` into this folder.

The scripts come from the command line's own completion machinery (typer on click):
each asks ``budgetkit`` for the candidates as you type, so they only change when
typer changes how it hooks into a shell, not when a command or option is added.

    python completions/generate.py           # write budgetkit.bash, _budgetkit (zsh), budgetkit.fish
    python completions/generate.py --check   # exit 1 if a file differs from what would be written

``tests/test_completions.py`` runs the check.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
FILES = {"bash": "budgetkit.bash", "zsh": "_budgetkit", "fish": "budgetkit.fish"}


def script(shell: str) -> str:
    """The completion script typer prints for ``shell`` (``_BUDGETKIT_COMPLETE=source_<shell>``)."""
    env = {**os.environ, "_BUDGETKIT_COMPLETE": f"source_{shell}"}
    result = subprocess.run([sys.executable, "-m", "budgetkit"], env=env, capture_output=True, text=True,
                            check=True)
    return result.stdout


def main(argv: list[str]) -> int:
    stale = []
    for shell, name in FILES.items():
        path, text = HERE / name, script(shell)
        if "--check" in argv:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print(f"out of date: {', '.join(stale)}; run python completions/generate.py", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
