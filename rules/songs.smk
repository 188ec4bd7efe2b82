rule songs:
    input:
        "results/{job}/audio.wav",
        queued_after=QUEUED_AFTER_CHUNKS,
    output:
        "results/{job}/songs.json",
    params:
        lyrics=config["lyrics"],
    priority: filler_priority("songs")
    log:
        "results/{job}/logs/songs.log",
    benchmark:
        "results/{job}/benchmarks/songs.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/songs.py"
