"""What the Snakefile asks of the library before and after the jobs: the config checked, the films of the run,
which stages are on, and the run's start and end.

Modules: config (validate_config), jobs (load_jobs), stages (is_on), run_hooks (start, on_success,
on_error), slurm_status (the SLURM plugin followed where the cluster keeps no job accounting).
"""
