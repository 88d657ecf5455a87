"""python3 -m roundhouse_workflow describe <workflow.py>
python3 -m roundhouse_workflow run <workflow.py> <job dir>

`run` trains in the job folder the worker wrote, speaking JSON lines on stdout (progress, points,
log, then result or failure); everything else the workflow prints goes to stderr, the job's log."""

import importlib.util
import json
import os
import signal
import sys
import time
import traceback


def load(path):
    spec = importlib.util.spec_from_file_location(f"roundhouse_user_workflow_{abs(hash(path))}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    marked = [v.__roundhouse_workflow__ for v in vars(module).values() if hasattr(v, "__roundhouse_workflow__")]
    if len(marked) != 1:
        raise SystemExit(f"{path}: mark exactly one function with @workflow (found {len(marked)})")
    return marked[0]


def missing_modules(requires):
    return [m for m in requires if importlib.util.find_spec(m) is None]


def describe(path):
    # Read, never run: see _describe.py.
    from ._describe import describe_source

    with open(path, encoding="utf-8") as f:
        print(json.dumps(describe_source(f.read(), os.path.basename(path))))


def die_with_parent():
    # The worker's training process may be killed with no chance to stop us: go with it.
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def run(path, job_dir):
    die_with_parent()
    protocol = os.fdopen(os.dup(1), "w")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    from ._contract import Data, Report
    from ._export import export

    report = Report(protocol)
    try:
        wf = load(path)
        missing = missing_modules(wf.requires)
        if missing:
            raise RuntimeError(f"this machine lacks the Python module(s) {', '.join(missing)} the workflow requires")
        data = Data(job_dir)
        if data.task not in wf.tasks:
            raise RuntimeError(f"the workflow supports {', '.join(wf.tasks)}, not {data.task}")
        params = data.job.get("params", {})
        started = time.perf_counter()
        model = wf.fn(data, params, report)
        fit_seconds = time.perf_counter() - started
        result = export(model, data, job_dir)
        result["fitSeconds"] = fit_seconds
        report.send(result)
    except BaseException as err:  # noqa: BLE001 (any failure is the job's, said in one line)
        traceback.print_exc()
        report.send({"kind": "failure", "message": f"{type(err).__name__}: {err}"})
        sys.stderr.flush()
        os._exit(1)


def main(argv):
    if len(argv) >= 2 and argv[0] == "describe":
        describe(argv[1])
    elif len(argv) >= 3 and argv[0] == "run":
        run(argv[1], argv[2])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
