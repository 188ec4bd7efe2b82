"""Snakemake adapter: the film and its subtitle files → {job}.subtitled.mkv (streams copied, one track a language)."""
from cinescribe.deliver.mux import mux_film
from cinescribe.deliver.tracks import subtitle_tracks
from cinescribe.runtime.atomic import read_json
from cinescribe.runtime.rule_script import run_rule


def main(sm):
    lang = read_json(sm.input.language)["subtitle_language"]
    latin = (sm.input.latin, None) if "latin" in sm.input.keys() else None
    tracks = subtitle_tracks((sm.input.main, lang), latin, zip(sm.input.translations, sm.params.targets))
    mux_film(sm.input.film, tracks, sm.output[0], sm.params.fmt)


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
