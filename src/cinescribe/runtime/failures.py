"""Which failures a retry can fix: out-of-memory (with a smaller batch) and a hung stage. Nothing else.
A full disk is the user's to fix: it gets one sentence, not a traceback.

Work done in another process (the watchdog's child, the run's ASR worker) reports its failure to the job as
(kind, message), one protocol for both: `failure_report` on the worker's side, `raise_reported` on the job's.
"""

import errno
import shutil
import sys
import traceback

from cinescribe.runtime.errors import CinescribeError

OOM_MARKERS = ("out of memory", "outofmemory", "cannot allocate memory", "bad_alloc", "failed to allocate")


class RetryableFailure(Exception):
    """A failure worth another attempt."""


class StageTimeout(RetryableFailure):
    """The watchdog ended a stage that ran past its time budget."""


class ReportedFailure(Exception):
    """A failure another process reported: `kind` is oom, nospace or bug (runtime.rule_script sorts them)."""

    def __init__(self, kind, message):
        super().__init__(message)
        self.kind = kind


def is_out_of_memory(error):
    """torch (CUDA/MPS), CTranslate2 and Python all say 'out of memory' in their own words."""
    if isinstance(error, MemoryError):
        return True
    text = f"{type(error).__name__} {error}".lower().replace(" ", "")
    return any(marker.replace(" ", "") in text for marker in OOM_MARKERS)


def batch_for_attempt(batch_size, attempt):
    """Halve the batch on each retry: after out-of-memory, the only change that can help."""
    return max(1, batch_size // 2 ** (attempt - 1))


def is_disk_full(error):
    """ENOSPC from Python, or a library's own words for it (PyAV/ffmpeg, CTranslate2)."""
    if isinstance(error, OSError) and error.errno in (errno.ENOSPC, errno.EDQUOT):
        return True
    return "no space left on device" in str(error).lower()


def disk_full_sentence(where):
    return (f"no space left on the disk that holds {where}: free some space, then run the same command with "
            "--rerun-incomplete (finished stages are kept, and nothing half-written was left)")


def say_if_disk_full(folder, min_free_bytes=16 << 20):
    """After a failed run: if the disk holding `folder` is (nearly) full, say so in one sentence, since the
    failure may have been Snakemake's own write (a benchmark or log file) with no sentence of ours."""
    try:
        free = shutil.disk_usage(folder).free
    except OSError:
        return
    if free < min_free_bytes:
        print(f"cinescribe: {disk_full_sentence(folder)} ({free // 1024} KiB free)", file=sys.stderr)


def failure_kind(error):
    """user (a CinescribeError), oom, nospace or bug; a failure reported by another process keeps its kind."""
    if isinstance(error, CinescribeError):
        return "user"
    if isinstance(error, ReportedFailure):
        return error.kind
    return "oom" if is_out_of_memory(error) else "nospace" if is_disk_full(error) else "bug"


def failure_report(error):
    """(kind, message) for an exception, as another process sends it to the job that waits for its work: a
    user's sentence, or the error with its traceback."""
    kind = failure_kind(error)
    if kind == "user" or isinstance(error, ReportedFailure):
        return kind, str(error)
    return kind, f"{type(error).__name__}: {error}\n{traceback.format_exc()}"


def raise_reported(kind, message):
    """On the job's side: a report turned back into the exception it stands for (nothing for ok)."""
    if kind == "user":
        raise CinescribeError(message)
    if kind != "ok":
        raise ReportedFailure(kind, message)
