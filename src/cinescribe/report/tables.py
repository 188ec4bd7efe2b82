"""Tables for `snakemake --report`: where a job's time and memory went (from Snakemake's benchmark files) and
how its subtitle files meet each timed-text rule (from done.json)."""

import html
import re
from pathlib import Path

import pandas as pd

from cinescribe.runtime.atomic import write_text


def rule_of(benchmark_path):
    """transcribe_chunk-0007.tsv → transcribe_chunk; subtitles-en.tsv → subtitles."""
    return re.sub(r"-[^-]+$", "", Path(benchmark_path).stem)


def runtime_table(benchmark_files):
    """One row per rule: jobs, summed and longest wall time, CPU time, peak memory; slowest rule first."""
    frames = [pd.read_csv(path, sep="\t").assign(rule=rule_of(path)) for path in benchmark_files]
    if not frames:
        return pd.DataFrame(columns=["rule", "jobs", "wall s", "longest job s", "CPU s", "peak RSS MB"])
    runs = pd.concat(frames, ignore_index=True)
    runs["max_rss"] = pd.to_numeric(runs["max_rss"], errors="coerce")
    table = runs.groupby("rule").agg(**{"jobs": ("s", "size"), "wall s": ("s", "sum"), "longest job s": ("s", "max"),
                                        "CPU s": ("cpu_time", "sum"), "peak RSS MB": ("max_rss", "max")})
    table = table.sort_values("wall s", ascending=False).reset_index()
    total = {"rule": "all rules (summed; jobs run side by side)", "jobs": table["jobs"].sum(),
             "wall s": table["wall s"].sum(), "longest job s": table["longest job s"].max(),
             "CPU s": table["CPU s"].sum(), "peak RSS MB": table["peak RSS MB"].max()}
    return pd.concat([table, pd.DataFrame([total])], ignore_index=True)


def lint_table(lint):
    """done.json's lint entry as a table: one row per subtitle file, the share of cues meeting each rule (%)."""
    table = pd.DataFrame.from_dict(lint, orient="index") * 100
    table.index = [Path(path).name for path in table.index]
    return table.rename_axis("subtitle file").reset_index()


def write_html_table(table, path, title):
    """A small standalone HTML page (the report shows it in place)."""
    body = table.to_html(index=False, float_format=lambda v: f"{v:.1f}", na_rep="–", border=0)
    write_text(path, f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{html.escape(title)}</title>"
               "<style>body{font:14px system-ui,sans-serif}table{border-collapse:collapse}"
               "td,th{padding:3px 10px;border-bottom:1px solid #ddd;text-align:right}"
               "td:first-child,th:first-child{text-align:left}</style></head>"
               f"<body><h3>{html.escape(title)}</h3>{body}</body></html>\n")
