"""What the tests build on: test media (speech, films, hostile files), a runner for real snakemake, a browser
for the review page, toy translation models, and the plugin that orders the suite for xdist.

Importing it limits in-process torch and BLAS to one thread in an xdist worker: `make test` runs three workers
on two cores, and a thread spinning for a core another worker holds burns the CPU time that worker needs. Any
import from this package comes before numpy loads (it reads the settings then). Workflow runs do not inherit
the limits: their stages set their own threads (workflow_runner leaves them out of a run's environment).
"""

import os

SET_BY_THE_SUITE = [name for name in ("OMP_NUM_THREADS", "MKL_NUM_THREADS") if name not in os.environ]
if os.environ.get("PYTEST_XDIST_WORKER"):
    os.environ.update({name: "1" for name in SET_BY_THE_SUITE})
