# The film with its subtitles inside (cinescribe.deliver): a Matroska with the picture and sound copied untouched
# and one subtitle track per language, and, when asked, an H.264 preview with the subtitles burned in.


rule mux:
    input:
        unpack(mux_inputs),
    output:
        SUBTITLED,
    params:
        fmt=config["deliver"]["subtitle_format"],
        targets=config["translation"]["targets"],
    log:
        log_file("mux"),
    benchmark:
        benchmark_file("mux")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/mux.py"


rule burn:
    input:
        unpack(burn_inputs),
    output:
        BURNED,
    params:
        preset=config["deliver"]["burn_preset"],
        crf=config["deliver"]["burn_crf"],
    threads: 2
    log:
        log_file("burn"),
    benchmark:
        benchmark_file("burn")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/burn.py"
