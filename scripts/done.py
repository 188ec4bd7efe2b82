"""Snakemake adapter: list a finished job's subtitle files and say where they are."""
import os
import sys

from cinescribe import SCHEMA_VERSION
from cinescribe.atomic import write_json
from cinescribe.runner import run


def main(sm):
    files = [os.path.abspath(path) for path in sm.input]
    write_json(sm.output[0], {"schema": SCHEMA_VERSION, "job": sm.wildcards.job, "subtitles": files})
    print(f"cinescribe: subtitles for '{sm.wildcards.job}':", *files, sep="\n  ", file=sys.stderr)


run(snakemake, main)  # noqa: F821 - injected by Snakemake
