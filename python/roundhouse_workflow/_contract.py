"""What a workflow declares (tasks, parameters as JSON Schema) and what it receives."""

import json
import os
import sys
from dataclasses import dataclass, field

import numpy as np

TASKS = ("binary", "multiclass", "regression")


@dataclass
class Workflow:
    fn: object
    tasks: list
    params: dict
    description: str = ""
    requires: list = field(default_factory=list)

    def describe(self):
        return {
            "tasks": self.tasks,
            "description": self.description,
            "requires": self.requires,
            "params": {"type": "object", "additionalProperties": False, "properties": self.params},
        }


def workflow(tasks=TASKS, params=None, description="", requires=()):
    """Marks the function that trains. `params` maps each parameter to its JSON Schema (with a
    default); `requires` names the Python modules it imports, so a machine without them shows the
    workflow as unavailable instead of failing jobs."""

    def mark(fn):
        unknown = [t for t in tasks if t not in TASKS]
        if unknown:
            raise ValueError(f"unknown task(s) {unknown}: a workflow supports some of {list(TASKS)}")
        fn.__roundhouse_workflow__ = Workflow(fn, list(tasks), dict(params or {}), description or (fn.__doc__ or "").strip(), list(requires))
        return fn

    return mark


class Data:
    """The job's data as the worker wrote it: float32 feature matrices (rows x features, NaN for a
    missing value, categories as codes 0..k-1), labels (class index or value), and the schema."""

    def __init__(self, job_dir):
        with open(os.path.join(job_dir, "job.json")) as f:
            self.job = json.load(f)
        load = lambda name: np.load(os.path.join(job_dir, name)) if os.path.exists(os.path.join(job_dir, name)) else None
        self.train_X, self.train_y = load("train_X.npy"), load("train_y.npy")
        self.valid_X, self.valid_y = load("valid_X.npy"), load("valid_y.npy")
        self.holdout_X = load("holdout_X.npy")
        self.task = self.job["task"]
        self.classes = self.job.get("classes") or []
        self.num_classes = len(self.classes) if self.task == "multiclass" else (2 if self.task == "binary" else 1)
        self.features = self.job["features"]
        self.feature_names = [f["name"] for f in self.features]
        self.seed = self.job.get("seed", 0)
        self.threads = self.job.get("threads", 1)


class Report:
    """Progress and per-iteration metrics, as JSON lines on the protocol stream (not stdout: a
    workflow's own prints go to the job log)."""

    def __init__(self, stream):
        self._out = stream

    def send(self, message):
        self._out.write(json.dumps(message, allow_nan=False) + "\n")
        self._out.flush()

    def __call__(self, iteration=None, total=None, metrics=None, message=""):
        if metrics and iteration is not None:
            points = [{"name": k, "iteration": int(iteration), "value": float(v)} for k, v in metrics.items() if np.isfinite(v)]
            if points:
                self.send({"kind": "points", "points": points})
        if total:
            self.send({"kind": "progress", "fraction": min(1.0, float(iteration or 0) / float(total)), "message": message or f"iteration {iteration}/{total}"})
        elif message:
            self.send({"kind": "log", "message": message})

    def log(self, message):
        self.send({"kind": "log", "message": str(message)})


def log(*args):
    print(*args, file=sys.stderr, flush=True)
