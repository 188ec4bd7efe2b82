"""Snakemake adapter: the film → shots.json (its frame rate and the times of its cuts)."""
from cinescribe.runtime.atomic import write_json
from cinescribe.runtime.rule_script import run_rule
from cinescribe.video.result import film_shots


def main(sm):
    write_json(sm.output[0], film_shots(sm.input.film, sm.params.video, sm.threads))


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
