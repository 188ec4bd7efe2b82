checkpoint plan_chunks:
    input:
        "results/{job}/vad.json",
    output:
        plan="results/{job}/chunks/plan.json",
    params:
        asr=job_options("asr"),
    log:
        "results/{job}/logs/plan_chunks.log",
    benchmark:
        "results/{job}/benchmarks/plan_chunks.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/plan_chunks.py"
