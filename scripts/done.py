"""Snakemake adapter: list a finished job's subtitle files and say where they are."""
import os
import sys

from cinescribe import SCHEMA_VERSION
from cinescribe.atomic import write_json
from cinescribe.lint import lint_file
from cinescribe.runner import run


def main(sm):
    files = [os.path.abspath(path) for path in sm.input]
    srt = [path for path in files if path.endswith(".srt") and not path.endswith(".bilingual.srt")]
    report = {path: lint_file(path, **sm.params.limits) for path in srt}
    write_json(sm.output[0], {"schema": SCHEMA_VERSION, "job": sm.wildcards.job, "subtitles": files,
                              "lint": report})
    print(f"cinescribe: subtitles for '{sm.wildcards.job}':", *files, sep="\n  ", file=sys.stderr)
    for path, shares in report.items():
        row = ", ".join(f"{rule} {share:.0%}" for rule, share in shares.items())
        print(f"cinescribe: cues meeting each rule in {os.path.basename(path)}: {row}", file=sys.stderr)


run(snakemake, main)  # noqa: F821 - injected by Snakemake
