# The chunks made one transcript (cinescribe.transcript): seams, hallucinations, glossary corrections, speakers.


rule merge:
    input:
        **GLOSSARY_INPUTS,
        plan=CHUNK_PLAN,
        vad=VAD,
        language=LANGUAGE,
        chunks=chunk_files,
        diarization=DIARIZATION if is_on("diarization") else [],  # off: the diarize rule never runs
    output:
        TRANSCRIPT,
    params:
        hallucinations=config["hallucinations"],
        glossary=config["glossary"],
    priority: PRIORITY["critical"]
    log:
        log_file("merge"),
    benchmark:
        benchmark_file("merge")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/merge.py"
