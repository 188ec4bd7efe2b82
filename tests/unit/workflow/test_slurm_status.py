"""Job status for --profile slurm where SLURM keeps no job accounting: which jobs have ended, whether sacct counts."""

import stat

from cinescribe.workflow.slurm_status import accounting_answers, ended_unlisted


def test_a_job_squeue_no_longer_lists_has_ended():
    status = {"7": "RUNNING", "9_2": "PENDING", "9_[3-5]": "PENDING"}
    assert ended_unlisted(status, ["7", "8", "9_1", "10_1"]) == ["8", "10_1"]  # 9_1: its array is still listed
    assert status["8"] == status["10_1"] == "UNKNOWN" and status["7"] == "RUNNING"


def test_sacct_without_accounting_does_not_count(tmp_path, monkeypatch):
    sacct = tmp_path / "sacct"
    sacct.write_text("#!/bin/sh\necho 'Slurm accounting storage is disabled' >&2\nexit 1\n")
    sacct.chmod(sacct.stat().st_mode | stat.S_IXUSR)
    monkeypatch.setenv("PATH", str(tmp_path))
    accounting_answers.cache_clear()
    try:
        assert not accounting_answers()
        sacct.write_text("#!/bin/sh\nexit 0\n")
        accounting_answers.cache_clear()
        assert accounting_answers()
    finally:
        accounting_answers.cache_clear()
