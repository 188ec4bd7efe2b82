"""Job status for `--profile slurm` on a cluster without job accounting (snakemake-executor-plugin-slurm 2.8.0).

The plugin waits forever for a finished job there (check_active_jobs in its __init__.py):
- it replaces the profile's `slurm-status-command: squeue` by `sacct` whenever `scontrol show config` does not
  give it MinJobAge and a `sacct` binary is installed, though with AccountingStorageType=accounting_storage/none
  that sacct only says "Slurm accounting storage is disabled";
- when every attempt of a status query fails it neither yields nor reports the active jobs: snakemake forgets
  them and waits for them forever;
- a job squeue no longer lists (it ended more than MinJobAge ago) is taken for one not yet listed, and waited
  for forever.

follow_jobs_without_accounting() fixes the three in the loaded plugin: sacct counts as available only where it
answers; a job that a successful squeue query no longer lists has ended, so it gets the plugin's own "UNKNOWN"
(ended, outcome unknown: reported done, and snakemake then checks its outputs, which this workflow writes
atomically: a failed or killed job leaves none, and the run stops with a missing-output error); a status query
that fails on every attempt stops the run with an error that says why, after a back-off of about 30 s.
"""

import asyncio
import functools
import shlex
import subprocess
import sys

PLUGIN = "snakemake_executor_plugin_slurm"


@functools.cache
def accounting_answers():
    """Whether `sacct` can report jobs here: not where SLURM keeps no accounting, or where sacct is missing."""
    try:
        probe = subprocess.run(["sacct", "--noheader", "-X", "--format=JobIDRaw", "--jobs", "1"],
                               capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return False
    return probe.returncode == 0


def ended_unlisted(status, active):
    """Give the active jobs that squeue's answer `status` no longer lists (nor any task of their array)
    the plugin's "UNKNOWN"; return their ids."""
    listed = {jobid.split("_")[0] for jobid in status}
    gone = [jobid for jobid in active if jobid.split("_")[0] not in listed]
    status.update(dict.fromkeys(gone, "UNKNOWN"))
    return gone


def follow_jobs_without_accounting():
    """Adapt the slurm executor plugin if snakemake has loaded it (it loads every installed executor plugin at
    start, so a run with another executor finds it too: the changes only act in the slurm executor)."""
    plugin = sys.modules.get(PLUGIN)
    if plugin is None or getattr(plugin, "_cinescribe_adapted", False):
        return
    from snakemake_interface_common.exceptions import WorkflowError

    plugin._cinescribe_adapted = True
    tool_available, check_active_jobs, query_job_status = (
        plugin.is_query_tool_available, plugin.Executor.check_active_jobs, plugin.query_job_status)
    cycle = {"jobs": {}, "attempts": 5, "failures": 0}  # the status check under way (one at a time)

    def is_query_tool_available(tool):
        return accounting_answers() if tool == "sacct" else tool_available(tool)

    async def checked(self, active_jobs):
        cycle.update(jobs={job.external_jobid: job for job in active_jobs}, failures=0,
                     attempts=self.workflow.executor_settings.status_attempts)
        async for job in check_active_jobs(self, active_jobs):
            yield job

    async def queried(command, logger):
        status, seconds = await query_job_status(command, logger)
        if status is None:
            cycle["failures"] += 1
            if cycle["failures"] < cycle["attempts"]:
                await asyncio.sleep(min(2 ** cycle["failures"], 60))
                return status, seconds
            try:
                why = subprocess.run(shlex.split(command), capture_output=True, text=True, timeout=60).stderr
            except (OSError, subprocess.TimeoutExpired) as err:
                why = str(err)
            raise WorkflowError(
                f"The SLURM job status query failed {cycle['failures']} times in a row, so SLURM jobs "
                f"{', '.join(cycle['jobs'])} cannot be followed (they may still run: scancel them if need be).\n"
                f"Query: {command}\n{why.strip()}")
        if shlex.split(command)[0] == "squeue":
            for jobid in ended_unlisted(status, cycle["jobs"]):
                logger.warning(
                    f"SLURM job {jobid} has ended: squeue no longer lists it (MinJobAge is over) and there is "
                    "no job accounting to tell how; its output files decide (its SLURM log: "
                    f"{cycle['jobs'][jobid].aux.get('slurm_logfile')}).")
        return status, seconds

    plugin.is_query_tool_available = is_query_tool_available
    plugin.Executor.check_active_jobs = checked
    plugin.query_job_status = queried
