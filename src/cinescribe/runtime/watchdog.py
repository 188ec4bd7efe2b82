"""Run a stage in a child process that a watchdog can kill: a hung model call cannot hang the workflow."""

import logging
import multiprocessing
import traceback

from cinescribe.runtime.errors import CinescribeError
from cinescribe.runtime.failures import StageTimeout, is_disk_full, is_out_of_memory

log = logging.getLogger(__name__)


def _child(work, args, pipe):
    try:
        work(*args)
        pipe.send(("ok", ""))
    except CinescribeError as err:
        pipe.send(("user", str(err)))
    except BaseException as err:  # noqa: BLE001 - reported to the parent, which decides
        kind = "oom" if is_out_of_memory(err) else "nospace" if is_disk_full(err) else "bug"
        pipe.send((kind, f"{type(err).__name__}: {err}\n{traceback.format_exc()}"))


class ChildFailure(Exception):
    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


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
    kind, message = receive.recv() if receive.poll() else ("bug", f"{what} died with exit code {child.exitcode}")
    if kind == "user":
        raise CinescribeError(message)
    if kind != "ok":
        raise ChildFailure(kind, message)
