rule translate:
    input:
        unpack(glossary_inputs),
        subtitles=source_subtitles_json,
    output:
        **subtitle_outputs(translation_stem("{job}", "{target}")),
        **bilingual_output(),
    params:
        translation=config["translation"],
        style=cue_style(),
        glossary=config["glossary"],
        strict=config["devices"]["strict"],
    threads: 2
    resources:
        attempt=attempt_number,
        timeout_s=timeout_s("translate"),
        runtime=runtime_minutes("translate"),
    retries: RETRIES
    log:
        "results/{job}/logs/translate-{target}.log",
    benchmark:
        "results/{job}/benchmarks/translate-{target}.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/translate.py"
