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
    ("budgetkit check --format ''", ["auto", "jsonl", "table", "markdown", "csv", "html"]),
    ("budgetkit summarize --by ''", ["department", "year", "region", "kind"]),
    ("budgetkit check --rules table.r", ["table.row_sum"]),
    ("budgetkit check --skip wording,code.na", ["wording,code.name"]),
    ("budgetkit extract --type ro", ["row"]),
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


RULES_AFTER_TABLE_COMMA = ["table,percent", "table,percent.share", "table,percent.change_rate"]


@pytest.mark.skipif(shutil.which("fish") is None, reason="needs fish")
def test_fish_completes_rule_ids():
    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}
    shell = "source completions/budgetkit.fish; complete -C 'budgetkit check --rules table,perc'"
    result = subprocess.run(["fish", "-c", shell], capture_output=True, text=True, env=env, timeout=60)
    offered = result.stdout.split()  # fish sorts them
    assert set(RULES_AFTER_TABLE_COMMA) <= set(offered) and all(o.startswith("table,percent") for o in offered)


@pytest.mark.skipif(shutil.which("zsh") is None, reason="needs zsh")
def test_zsh_completes_rule_ids():
    # What completions/_budgetkit evaluates inside zsh's completion system: its candidates.
    env = {**os.environ, "_TYPER_COMPLETE_ARGS": "budgetkit check --rules table,perc",
           "_BUDGETKIT_COMPLETE": "complete_zsh"}
    result = subprocess.run([sys.executable, "-m", "budgetkit"], capture_output=True, text=True, env=env, timeout=60)
    assert result.stdout.startswith("_arguments '*: :((" + "\n".join(f'"{name}"' for name in RULES_AFTER_TABLE_COMMA))
    zsh = subprocess.run(["zsh", "-n", "completions/_budgetkit"], capture_output=True, text=True, timeout=60)
    assert zsh.returncode == 0, zsh.stderr
