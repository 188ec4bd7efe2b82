# Resources and retries of the stages that run under the watchdog. A stage's time budget (failures.timeouts)
# is both the watchdog's limit and, with a margin, the cluster's `runtime`; its attempt number reaches the
# script, which stops retrying a failure that a retry cannot fix; after out-of-memory the batch halves.
# Resources are not params, so changing them reruns nothing.
from cinescribe.runtime.failures import batch_for_attempt

RETRIES = config["failures"]["attempts"] - 1
STARTUP_MARGIN_MINUTES = 10  # a cluster job's runtime beyond its watchdog budget: queueing, imports, model load
NO_BUDGET_MINUTES = 24 * 60  # a cluster job's runtime when the watchdog has no budget (timeout 0)


def attempt_number(wildcards, attempt):
    return attempt


def runtime_minutes(rule_name):
    """Cluster time limit (SLURM's `runtime`): the watchdog's budget plus a margin for start-up."""
    seconds = config["failures"]["timeouts"][rule_name]
    return int(seconds // 60) + STARTUP_MARGIN_MINUTES if seconds else NO_BUDGET_MINUTES


def watchdog(rule_name, **more):
    """The resources of a stage run under the watchdog: attempt, time budget, cluster time limit, and `more`."""
    return dict(attempt=attempt_number, timeout_s=config["failures"]["timeouts"][rule_name],
                runtime=runtime_minutes(rule_name), **more)


def halved_after_oom(section, key="batch_size"):
    """Resource function: the config's batch size (or piece length), halved on each retry after out-of-memory."""
    return lambda wildcards, attempt: batch_for_attempt(config[section][key], attempt)
