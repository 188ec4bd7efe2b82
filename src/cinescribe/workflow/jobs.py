"""The films of one run: a single `input`, or a TSV with one row per film and its own options."""

import copy
import hashlib
from pathlib import Path

from cinescribe.asr.languages import check_language
from cinescribe.audio.media import check_input_path
from cinescribe.runtime.errors import CinescribeError
from cinescribe.runtime.textfiles import tsv_rows

# TSV column → (config section, key); an empty cell keeps the config default.
COLUMNS = {
    "language": ("asr", "language"),
    "task": ("asr", "task"),
    "model": ("asr", "model"),
    "audio_track": ("audio", "track"),
    "audio_language": ("audio", "language"),
}
TASKS = ("transcribe", "translate")


def _read_tsv(path):
    path = Path(path)
    if not path.is_file():
        raise CinescribeError(f"Jobs table not found: '{path}'; check --config jobs=….")
    cells = tsv_rows(path, "jobs table")
    if not cells or "input" not in cells[0]:
        raise CinescribeError(f"Jobs table '{path}' needs a header row with an 'input' column.")
    header = cells[0]
    rows = [{**dict.fromkeys(header, ""), **dict(zip(header, row))} for row in cells[1:]]
    unknown = set(header) - set(COLUMNS) - {"job", "input"}
    if unknown:
        raise CinescribeError(
            f"Jobs table '{path}' has unknown column(s) {', '.join(sorted(unknown))}; "
            f"allowed: job, input, {', '.join(COLUMNS)}."
        )
    base = path.parent
    for row in rows:
        if row["input"] and not Path(row["input"]).is_absolute() and not Path(row["input"]).exists():
            row["input"] = str(base / row["input"])  # relative to the table when not to the cwd
    return rows


def _options(row, config):
    options = {section: copy.deepcopy(config[section]) for section in ("audio", "asr")}
    for column, (section, key) in COLUMNS.items():
        value = (row.get(column) or "").strip()
        if not value:
            continue
        if column == "audio_track":
            if not value.isdigit():
                raise CinescribeError(f"audio_track '{value}' is not a track number (0, 1, …).")
            value = int(value)
        if column == "task" and value not in TASKS:
            raise CinescribeError(f"task '{value}' is not one of {', '.join(TASKS)}.")
        options[section][key] = value
    check_language(options["asr"]["language"], "the jobs table's language" if row.get("language") else "asr.language")
    return options


MAX_NAME_BYTES = 100  # {job}.{lang}-Latn.srt and its hidden temporary name must stay under 255 bytes


def short_name(name):
    """A job name that fits in a file name with its suffixes: a long one keeps its start and a hash of all."""
    if len(name.encode("utf-8")) <= MAX_NAME_BYTES:
        return name
    digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:8]
    head = name.encode("utf-8")[:MAX_NAME_BYTES - 9].decode("utf-8", errors="ignore").rstrip()
    return f"{head}~{digest}"


def load_jobs(config):
    """Return {job name: {"input": path, "audio": {...}, "asr": {...}}}; names default to the file stem."""
    rows = _read_tsv(config["jobs"]) if config.get("jobs") else []
    if config.get("input"):
        rows.append({"input": config["input"], "job": config.get("job_name", "")})
    if not rows:
        raise CinescribeError("Nothing to do: give a film with --config input=/path/movie.mkv or jobs=config/jobs.tsv.")
    jobs = {}
    for row in rows:
        path = check_input_path(row["input"].strip())
        name = short_name((row.get("job") or "").strip() or path.stem)
        if "/" in name or name.startswith("."):
            raise CinescribeError(f"Job name '{name}' cannot contain '/' or start with '.'; rename it in the jobs table.")
        if name in jobs:
            raise CinescribeError(f"Two jobs are named '{name}'; give one a different name in the 'job' column.")
        jobs[name] = {"input": str(path), **_options(row, config)}
    return jobs
