# Words to subtitle files (cinescribe.subtitles): one set in the film's language, and a Latin-letter twin for
# Devanagari languages when subtitles.script is latin.
from cinescribe.text.languages import ROMANIZED


def subtitle_outputs(stem):
    """One language's subtitle files; SRT and VTT are listed in `snakemake --report` with a caption."""
    return {fmt: report(f"{stem}.{fmt}", caption="../report/subtitles.rst", category="Subtitles",
                        subcategory="{job}") if fmt in ("srt", "vtt") else f"{stem}.{fmt}" for fmt in SUBTITLE_FORMATS}


def cue_style():
    """The timed-text rules cues are built to (the choice of script is not one of them)."""
    return {k: v for k, v in config["subtitles"].items() if k != "script"}


def lint_limits():
    """The timed-text rules a cue is checked against (max_gap shapes cues but is no rule a cue can break)."""
    return {k: v for k, v in cue_style().items() if k != "max_gap"}


def has_latin_twin(lang):
    return config["subtitles"]["script"] == "latin" and lang in ROMANIZED


def source_subtitles_json(wildcards):
    """The subtitles in the film's own language, as JSON (what translation, done and the review page read)."""
    return f"{of(SUBTITLES, wildcards.job, lang=subtitle_language(wildcards.job))}.json"


rule subtitles:
    input:
        transcript=TRANSCRIPT,
        songs=SONGS if is_on("songs") else [],  # keep: song detection never runs
    output:
        **subtitle_outputs(SUBTITLES),
    params:
        style=cue_style(),
        names=config["diarization"]["names"],
        songs=config["songs"],
    log:
        log_file("subtitles-{lang}"),
    benchmark:
        benchmark_file("subtitles-{lang}")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/subtitles.py"


rule romanize:
    input:
        **GLOSSARY_INPUTS,
        transcript=TRANSCRIPT,
        songs=SONGS if is_on("songs") else [],
    output:
        **subtitle_outputs(f"{SUBTITLES}-Latn"),
    params:
        style=cue_style(),
        names=config["diarization"]["names"],
        songs=config["songs"],
        glossary=config["glossary"],
    log:
        log_file("romanize-{lang}"),
    benchmark:
        benchmark_file("romanize-{lang}")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/romanize.py"
