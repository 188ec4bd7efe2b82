rule songs:
    input:
        "results/{job}/audio.wav",
    output:
        "results/{job}/songs.json",
    params:
        lyrics=config["lyrics"],
    log:
        "results/{job}/logs/songs.log",
    benchmark:
        "results/{job}/benchmarks/songs.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/songs.py"
