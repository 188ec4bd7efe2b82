# When the run ends, well or not: the run's ASR worker is stopped, and a full disk is said in one sentence.
from cinescribe.workflow.run_hooks import on_error, on_success


onsuccess:
    on_success()


onerror:
    on_error("results")
