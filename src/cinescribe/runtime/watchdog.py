"""Run a stage in a child process that a watchdog can kill: a hung model call cannot hang the workflow."""

import logging
import multiprocessing

from cinescribe.runtime.failures import StageTimeout, failure_report, raise_reported

log = logging.getLogger(__name__)


def _child(work, args, pipe):
    try:
        work(*args)
        pipe.send(("ok", ""))
    except BaseException as err:  # noqa: BLE001 - reported to the parent, which decides
        pipe.send(failure_report(err))


def run_with_deadline(work, args=(), seconds=None, what="stage"):
    """Call work(*args) in a forked child; SIGKILL it after `seconds` and raise StageTimeout.

    Fork (not spawn) so the child needs no re-import of the Snakemake script; the parent holds no model,
    threads or GPU context, so forking is safe.
    """
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(work, args, send), daemon=True)
    child.start()
    send.close()
    child.join(seconds)
    if child.is_alive():
        child.kill()
        child.join()
        raise StageTimeout(f"{what} ran past its {seconds:g} s time limit and was stopped (pid {child.pid})")
    raise_reported(*(receive.recv() if receive.poll() else ("bug", f"{what} died with exit code {child.exitcode}")))
