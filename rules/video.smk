# The picture: the film's frame rate and its shot changes (cinescribe.video). One thread beside ASR; it needs only
# the film, but it is a filler (rules/scheduling.smk): it waits until the chunks are queued, so it never holds a
# core the chain to the first chunk (VAD, language, plan, prompts) needs.


rule shots:
    input:
        film=lambda wildcards: JOBS[wildcards.job]["input"],
        queued_after=QUEUED_AFTER_CHUNKS,
    output:
        SHOTS,
    params:
        video=config["video"],
    threads: 1
    priority: filler_priority("shots")
    log:
        log_file("shots"),
    benchmark:
        benchmark_file("shots")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/shots.py"
