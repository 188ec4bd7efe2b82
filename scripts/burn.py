"""Snakemake adapter: the film and its ASS subtitles → {job}.burned.mp4 (an H.264 preview, subtitles in the picture)."""
from cinescribe.deliver.burn import BurnOptions, burn_subtitles
from cinescribe.runtime.rule_script import run_rule


def main(sm):
    options = BurnOptions(burn_preset=sm.params.preset, burn_crf=sm.params.crf)
    burn_subtitles(sm.input.film, sm.input.subtitles, sm.output[0], options, sm.threads)


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
