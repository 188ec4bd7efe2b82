"""Snakemake adapter: the film's chosen audio track → results/{job}/audio.wav."""
from cinescribe.audio.media import extract_audio
from cinescribe.runtime.rule_script import run_rule


def main(sm):
    audio = sm.params.audio
    extract_audio(sm.input[0], sm.output[0], track=audio["track"], language=audio["language"])


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
