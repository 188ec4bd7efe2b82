rule subtitles:
    input:
        transcript="results/{job}/transcript.json",
        songs=songs_file,
    output:
        **subtitle_outputs("results/{job}/subtitles/{job}.{lang}"),
    params:
        style=cue_style(),
        names=config["diarization"]["names"],
        lyrics=config["lyrics"],
        romanize=False,
    log:
        "results/{job}/logs/subtitles-{lang}.log",
    benchmark:
        "results/{job}/benchmarks/subtitles-{lang}.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/subtitles.py"


rule romanize:
    input:
        unpack(glossary_inputs),
        transcript="results/{job}/transcript.json",
        songs=songs_file,
    output:
        **subtitle_outputs("results/{job}/subtitles/{job}.{lang}-Latn"),
    params:
        style=cue_style(),
        names=config["diarization"]["names"],
        lyrics=config["lyrics"],
        romanize=True,
        glossary=config["glossary"],
    log:
        "results/{job}/logs/romanize-{lang}.log",
    benchmark:
        "results/{job}/benchmarks/romanize-{lang}.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/subtitles.py"


rule done:
    input:
        unpack(done_inputs),
    output:
        "results/{job}/done.json",
    params:
        limits=lint_limits(),
        checks=config["checks"],
        model=job_options("asr"),
    log:
        "results/{job}/logs/done.log",
    benchmark:
        "results/{job}/benchmarks/done.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/done.py"
