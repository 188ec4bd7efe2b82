"""Snakemake adapter: benchmark files and done.json → the report's runtime/memory and lint tables."""
from pathlib import Path

from cinescribe.report.tables import lint_table, runtime_table, write_html_table
from cinescribe.runtime.atomic import read_json
from cinescribe.runtime.rule_script import run_rule


def main(sm):
    job = sm.wildcards.job
    benchmarks = sorted((Path(sm.input.done).parent / "benchmarks").glob("*.tsv"))
    write_html_table(runtime_table(benchmarks), sm.output.runtimes, f"{job}: time and memory per rule")
    write_html_table(lint_table(read_json(sm.input.done)["lint"]), sm.output.lint,
                     f"{job}: share of cues meeting each rule (%)")


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
