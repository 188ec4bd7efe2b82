"""What every Snakemake script shares: logging, the watchdog, and which failures deserve a retry.

Snakemake retries every failed job. A retry only helps after out-of-memory (the batch halves) or a
time-out, so any other failure leaves a `.fatal` note beside the log and its retries stop at once.
"""

import logging
import sys
from pathlib import Path

from cinescribe.runtime.devices import apply_mps_settings
from cinescribe.runtime.errors import CinescribeError
from cinescribe.runtime.failures import ReportedFailure, RetryableFailure, disk_full_sentence, failure_kind
from cinescribe.runtime.watchdog import run_with_deadline

log = logging.getLogger("cinescribe")


def _setup_logging(log_path):
    logging.raiseExceptions = False  # a log line that cannot be written (disk full) is no traceback
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    to_file = logging.FileHandler(log_path, encoding="utf-8")
    to_file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    to_terminal = logging.StreamHandler(sys.stderr)
    to_terminal.setLevel(logging.WARNING)
    to_terminal.setFormatter(logging.Formatter("cinescribe: %(message)s"))
    root.handlers[:] = [to_file, to_terminal]


def _fail(message, fatal_note=None):
    log.error("%s", message)
    if fatal_note:
        try:
            fatal_note.write_text(message, encoding="utf-8")
        except OSError:  # the disk is full: the message has been said, the retry will say it again
            pass
    sys.exit(1)


def _fatal_sentence(fatal_note):
    """What an earlier attempt's note says, or None when there is no note. A note the disk had no room for is
    empty: the failure still stands, its sentence was said in that attempt's log."""
    try:
        lines = fatal_note.read_text(encoding="utf-8", errors="replace").splitlines()
    except FileNotFoundError:
        return None
    except OSError as err:
        return f"an earlier attempt failed and its note cannot be read ({err.strerror})"
    return lines[0] if lines else "an earlier attempt failed with an error whose sentence is in its log"


def run_rule(snakemake, main):
    """Call main(snakemake) under the rule's time limit; exit 1 with one sentence on a user's error."""
    _setup_logging(snakemake.log[0])
    resources = snakemake.resources
    apply_mps_settings(resources)
    attempt = int(resources.get("attempt", 1))
    fatal_note = Path(snakemake.log[0] + ".fatal")
    earlier = _fatal_sentence(fatal_note) if attempt > 1 else None
    if earlier:
        _fail(f"{earlier} (not retried: a retry cannot fix this)")
    fatal_note.unlink(missing_ok=True)
    if attempt > 1:
        log.warning("%s: attempt %d", snakemake.rule, attempt)
    timeout = float(resources.get("timeout_s", 0)) or None
    try:
        if timeout:
            run_with_deadline(main, (snakemake,), timeout, what=snakemake.rule)
        else:
            main(snakemake)
    except CinescribeError as err:
        _fail(str(err), fatal_note)
    except RetryableFailure as err:
        _fail(f"{err}; it will be retried if attempts are left")
    except Exception as err:  # noqa: BLE001 - sorted below into out-of-memory (retry) or a bug (stop)
        kind, reported = failure_kind(err), isinstance(err, ReportedFailure)
        if kind == "nospace":
            _fail(disk_full_sentence(Path(snakemake.output[0]).parent), fatal_note)
        first_line = str(err).splitlines()[0] if str(err) else type(err).__name__
        if kind == "oom":
            _fail(f"{snakemake.rule} ran out of memory; a retry halves the batch ({first_line})")
        if not reported:  # a report already holds its traceback
            log.exception("unexpected failure in %s", snakemake.rule)
        _fail(f"unexpected failure in {snakemake.rule}: {err if reported else first_line}", fatal_note)
