# Subtitles in other languages (cinescribe.translation): the source cues translated, timing kept.


rule translate:
    input:
        **GLOSSARY_INPUTS,
        subtitles=source_subtitles_json,
    output:
        **subtitle_outputs(TRANSLATION),
        **({"bilingual": f"{TRANSLATION}.bilingual.srt"} if config["translation"]["bilingual"] else {}),
    params:
        translation=config["translation"],
        style=cue_style(),
        glossary=config["glossary"],
        strict=config["devices"]["strict"],
    threads: 2
    resources:
        **watchdog("translate"),
    retries: RETRIES
    log:
        log_file("translate-{target}"),
    benchmark:
        benchmark_file("translate-{target}")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/translate.py"
