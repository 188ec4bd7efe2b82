rule extract_audio:
    input:
        job_input,
    output:
        "results/{job}/audio.wav",
    params:
        audio=job_options("audio"),
    log:
        "results/{job}/logs/extract_audio.log",
    benchmark:
        "results/{job}/benchmarks/extract_audio.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/extract_audio.py"
