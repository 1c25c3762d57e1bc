"""Shell completions: the scripts in completions/ are what the CLI generates today, and
the bash one completes commands and option values."""

import os
import shutil
import subprocess
import sys

import pytest


def test_completion_scripts_are_up_to_date():
    result = subprocess.run([sys.executable, "completions/generate.py", "--check"], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash")
@pytest.mark.parametrize("words, expected", [
    ("budgetkit ch", ["check"]),
    ("budgetkit su", ["summarize"]),
    ("budgetkit check --format ''", ["auto", "jsonl", "table", "markdown", "csv"]),
    ("budgetkit summarize --by ''", ["department", "year", "region", "kind"]),
])
def test_bash_completes_commands_and_choices(words, expected):
    bin_dir = os.path.dirname(sys.executable)  # where the budgetkit script of this environment is
    if not os.path.exists(os.path.join(bin_dir, "budgetkit")):
        pytest.skip("budgetkit is not installed as a script next to this Python")
    shell = (f"source completions/budgetkit.bash; COMP_WORDS=({words}); COMP_CWORD=$((${{#COMP_WORDS[@]}} - 1)); "
             "_budgetkit_completion budgetkit; printf '%s\\n' \"${COMPREPLY[@]}\"")
    env = {**os.environ, "PATH": bin_dir + os.pathsep + os.environ.get("PATH", "")}
    result = subprocess.run(["bash", "-c", shell], capture_output=True, text=True, env=env, timeout=60)
    assert result.stdout.split() == expected and result.stderr == ""
