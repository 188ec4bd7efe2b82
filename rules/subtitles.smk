rule subtitles:
    input:
        "results/{job}/transcript.json",
    output:
        **{fmt: f"results/{{job}}/subtitles/{{job}}.{{lang}}.{fmt}" for fmt in SUBTITLE_FORMATS},
    params:
        style=config["subtitles"],
        names=config["diarization"]["names"],
    log:
        "results/{job}/logs/subtitles-{lang}.log",
    benchmark:
        "results/{job}/benchmarks/subtitles-{lang}.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/subtitles.py"


rule done:
    input:
        subtitle_files,
    output:
        "results/{job}/done.json",
    log:
        "results/{job}/logs/done.log",
    benchmark:
        "results/{job}/benchmarks/done.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/done.py"
