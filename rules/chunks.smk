checkpoint plan_chunks:
    input:
        "results/{job}/vad.json",
    output:
        plan="results/{job}/chunks/plan.json",
    params:
        asr=job_options("asr"),
    priority: PRIORITY["critical"]
    log:
        "results/{job}/logs/plan_chunks.log",
    benchmark:
        "results/{job}/benchmarks/plan_chunks.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/plan_chunks.py"


rule bias:
    input:
        unpack(glossary_inputs),
        plan="results/{job}/chunks/plan.json",
        language="results/{job}/language.json",
    output:
        "results/{job}/chunks/bias.json",
    params:
        glossary=config["glossary"],
    priority: PRIORITY["critical"]
    log:
        "results/{job}/logs/bias.log",
    benchmark:
        "results/{job}/benchmarks/bias.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/bias.py"
