"""Snakemake adapter: audio.wav → review.webm (the soundtrack the review page plays)."""
from cinescribe.report.review_audio import compress_audio
from cinescribe.runtime.rule_script import run_rule


def main(sm):
    compress_audio(sm.input[0], sm.output[0], sm.params.kbps)


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
