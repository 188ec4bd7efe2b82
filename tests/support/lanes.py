"""The suite's order for pytest-xdist (a pytest plugin, loaded by conftest).

`make test` runs three workers with --dist worksteal, which first hands each worker one contiguous third of the
collected tests; a worker that runs dry later takes the tail of another's queue. So the order is three lanes of
about equal time, each a whole file at a time (module fixtures are built once) and its longest files first: no
long test starts last and leaves one worker running it alone. The seconds per file come from file_seconds.json,
measured by `make test-timings` (this plugin's --record-file-seconds); a file not listed counts 1 s a test.
"""

import json
import os
from collections import defaultdict
from pathlib import Path

FILE_SECONDS_JSON = Path(__file__).with_name("file_seconds.json")
# Files whose tests read the same session fixture (demo_run, tiny_demo_run) go to one lane: one worker builds it.
SAME_LANE = ({"test_workflow_slurm.py", "test_workflow_demo.py", "test_workflow_review.py"},)


def file_seconds():
    return json.loads(FILE_SECONDS_JSON.read_text(encoding="utf-8")) if FILE_SECONDS_JSON.is_file() else {}


def lanes_of_equal_time(files, sizes, measured):
    """Whole files (name → items; SAME_LANE sets as one), longest first, each into the lane with the least time
    that still has room for it; one that fits nowhere whole fills the roomiest lanes. Each lane: its longest
    files first."""
    seconds = {name: measured.get(name, len(tests)) for name, tests in files.items()}
    units = [[name] for name in files if not any(name in group for group in SAME_LANE)]
    units += [sorted((name for name in group if name in files), key=lambda name: -seconds[name])
              for group in SAME_LANE]
    lanes = [{"room": size, "time": 0.0, "units": []} for size in sizes]
    for unit in sorted(filter(None, units), key=lambda unit: -sum(seconds[name] for name in unit)):
        tests = [test for name in unit for test in files[name]]
        per_test = sum(seconds[name] for name in unit) / len(tests)
        while tests:
            fits = [lane for lane in lanes if lane["room"] >= len(tests)] or [max(lanes, key=lambda lane: lane["room"])]
            lane = min(fits, key=lambda lane: lane["time"])
            part, tests = tests[:lane["room"]], tests[lane["room"]:]
            lane["units"].append((per_test * len(part), part))
            lane["room"] -= len(part)
            lane["time"] += per_test * len(part)
    return [test for lane in lanes for _, part in sorted(lane["units"], key=lambda unit: -unit[0]) for test in part]


def pytest_addoption(parser):
    parser.addoption("--record-file-seconds", metavar="PATH",
                     help="write the seconds each test file took (setup, call, teardown summed) as JSON")


def pytest_collection_modifyitems(items):
    files = {}
    for item in items:
        files.setdefault(item.path.name, []).append(item)
    workers, left, sizes = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", 1)), len(items), []
    for remaining in range(workers, 0, -1):  # xdist's first split: len(pending) // workers still to serve
        sizes.append(left // remaining)
        left -= sizes[-1]
    items[:] = lanes_of_equal_time(files, sizes, file_seconds())


_seconds = defaultdict(float)


def pytest_runtest_logreport(report):
    """On the controller too, with xdist: every phase of every test reports here."""
    _seconds[Path(report.nodeid.split("::")[0]).name] += report.duration


def pytest_sessionfinish(session):
    path = session.config.getoption("--record-file-seconds", None)
    if path and not os.environ.get("PYTEST_XDIST_WORKER") and _seconds:
        table = {name: round(seconds) for name, seconds in sorted(_seconds.items(), key=lambda item: -item[1])}
        Path(path).write_text(json.dumps(table, indent=1) + "\n", encoding="utf-8")
