"""The cast file (`diarization.cast`): which voice is which character, as spans of audio a user points at.

A TSV with the header `name, source, start, end`; one or more rows per character. `source` is an audio or
video file (empty: the film being subtitled), `start`/`end` are seconds (empty: the whole file). This module
only reads and checks the file, with no model and no audio decoded, so the workflow can refuse a bad cast
at start (workflow.run_hooks) before any of the film is processed.
"""

import math
from dataclasses import dataclass
from pathlib import Path

from cinescribe.runtime.errors import CinescribeError
from cinescribe.runtime.textfiles import tsv_rows

COLUMNS = ("name", "source", "start", "end")


@dataclass(frozen=True)
class CastRow:
    """One span of one character's voice. `source` "" is the film itself; `end` None is the end of the file."""

    name: str
    source: str
    start: float
    end: float | None
    row: int  # from 1 after the header (blank and # lines not counted), for the sentences that point at it

    def where(self, film=""):
        """The file this row's audio comes from."""
        return self.source or film


def _seconds(cell, column, path, row):
    try:
        value = float(cell)
    except ValueError:
        value = math.nan
    if not math.isfinite(value) or value < 0:
        raise CinescribeError(f"the cast file {path}, row {row}: {column} '{cell}' is not a number of seconds "
                              f"(0 or more); write e.g. 12.5, or leave it empty for the whole file.")
    return value


def _source(cell, path):
    """A source as given when it exists from the working folder, else beside the cast file (as jobs tables)."""
    if not cell or Path(cell).is_absolute() or Path(cell).exists():
        return cell
    beside = Path(path).parent / cell
    return str(beside) if beside.exists() else cell


def read_cast(path) -> list[CastRow]:
    """The rows of a cast file; a missing header, a row without a name, times that are not seconds, an end
    not after its start or a source file that does not exist is one CinescribeError sentence naming the row."""
    if not Path(path).is_file():
        raise CinescribeError(f"the cast file {path} (diarization.cast) does not exist; check the path.")
    cells = tsv_rows(path, "cast file")
    header = [c.strip().lower() for c in cells[0]] if cells else []
    if "name" not in header:
        raise CinescribeError(f"the cast file {path} needs a header row 'name<TAB>source<TAB>start<TAB>end' "
                              "(tab-separated); its first row has no 'name' column.")
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise CinescribeError(f"the cast file {path} has unknown column(s) {', '.join(unknown)}; "
                              f"allowed: {', '.join(COLUMNS)}.")
    rows = []
    for number, row in enumerate(cells[1:], start=1):
        cell = {**dict.fromkeys(COLUMNS, ""), **dict(zip(header, (c.strip() for c in row)))}
        if not cell["name"]:
            raise CinescribeError(f"the cast file {path}, row {number}: the row has no name.")
        start = _seconds(cell["start"], "start", path, number) if cell["start"] else 0.0
        end = _seconds(cell["end"], "end", path, number) if cell["end"] else None
        if end is not None and end <= start:
            raise CinescribeError(f"the cast file {path}, row {number}: end {end:g} s is not after "
                                  f"start {start:g} s.")
        source = _source(cell["source"], path)
        if source and not Path(source).is_file():
            raise CinescribeError(f"the cast file {path}, row {number}: the source '{source}' of {cell['name']} "
                                  "does not exist; check the path.")
        rows.append(CastRow(cell["name"], source, start, end, number))
    if not rows:
        raise CinescribeError(f"the cast file {path} names nobody: add one row per span of a character's voice.")
    return rows
