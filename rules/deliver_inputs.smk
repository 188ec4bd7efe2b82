# Input functions of rules/deliver.smk (Snakemake's linter keeps functions and rules apart).


def mux_inputs(wildcards):
    """The film and its subtitles in deliver.subtitle_format: the film's language, its Latin-letter twin when
    written, then each translation target in the config's order."""
    job, lang, fmt = wildcards.job, subtitle_language(wildcards.job), config["deliver"]["subtitle_format"]
    inputs = {"film": JOBS[job]["input"], "language": of(LANGUAGE, job),
              "main": f"{of(SUBTITLES, job, lang=lang)}.{fmt}"}
    if has_latin_twin(lang):
        inputs["latin"] = f"{of(SUBTITLES, job, lang=lang)}-Latn.{fmt}"
    inputs["translations"] = [f"{of(TRANSLATION, job, target=t)}.{fmt}" for t in config["translation"]["targets"]]
    return inputs


def burn_inputs(wildcards):
    """The film and the subtitles in its own language, as ASS (speaker names and italic songs kept)."""
    job = wildcards.job
    return {"film": JOBS[job]["input"], "subtitles": f"{of(SUBTITLES, job, lang=subtitle_language(job))}.ass"}
