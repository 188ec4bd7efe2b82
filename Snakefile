# cinescribe: a long film in, subtitles out. Stages live in rules/ (one file per stage, named as its package in
# src/cinescribe/); this file only wires them.
from snakemake.utils import min_version

min_version("9.0")


configfile: f"{workflow.basedir}/config/config.yaml"


report: "report/workflow.rst"


include: "rules/common.smk"
include: "rules/resources.smk"
include: "rules/scheduling.smk"
include: "rules/audio.smk"
include: "rules/video.smk"
include: "rules/asr_inputs.smk"
include: "rules/asr.smk"
include: "rules/diarization.smk"
include: "rules/transcript.smk"
include: "rules/subtitles_inputs.smk"
include: "rules/subtitles.smk"
include: "rules/translation.smk"
include: "rules/report_inputs.smk"
include: "rules/report.smk"
include: "rules/deliver_inputs.smk"
include: "rules/deliver.smk"
include: "rules/run_hooks.smk"


localrules:
    all,
    enroll_cast,
    prompts,
    done,
    review,
    report_tables,


rule all:
    input:
        [target for job in JOBS for target in job_targets(job)],
        planned_chunks,
    default_target: True
