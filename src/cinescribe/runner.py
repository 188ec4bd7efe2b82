"""What every Snakemake script shares: logging to the rule's log, and errors as one sentence."""

import logging
import sys

from .errors import CinescribeError


def run(snakemake, main):
    """Call main(snakemake); a CinescribeError becomes one line on stderr and exit 1, not a traceback."""
    root = logging.getLogger()
    root.setLevel(logging.INFO)
    to_file = logging.FileHandler(snakemake.log[0], encoding="utf-8")
    to_file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    to_terminal = logging.StreamHandler(sys.stderr)
    to_terminal.setLevel(logging.WARNING)
    to_terminal.setFormatter(logging.Formatter("cinescribe: %(message)s"))
    root.handlers[:] = [to_file, to_terminal]
    try:
        main(snakemake)
    except CinescribeError as err:
        logging.getLogger("cinescribe").error("%s", err)
        sys.exit(1)
    except Exception:  # a bug, not the user's doing: keep the traceback, in the log too
        logging.getLogger("cinescribe").exception("unexpected failure")
        sys.exit(1)
