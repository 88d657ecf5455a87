"""Any scikit-learn estimator by import path with its parameters; tree ensembles and linear models
are imported for native serving."""

from roundhouse_workflow import workflow


@workflow(
    requires=["sklearn"],
    description="A scikit-learn estimator by import path (e.g. sklearn.ensemble.RandomForestClassifier) with its parameters",
    params={
        "estimator": {
            "type": "string",
            "default": "sklearn.ensemble.RandomForestClassifier",
            "pattern": "^sklearn(\\.[A-Za-z_][A-Za-z0-9_]*)+$",
            "description": "Import path of the estimator class",
        },
        "params": {"type": "object", "default": {}, "description": "Keyword arguments of the estimator, e.g. {\"n_estimators\": 200}"},
    },
)
def train(data, params, report):
    import importlib

    module, _, name = params["estimator"].rpartition(".")
    cls = getattr(importlib.import_module(module), name)
    kwargs = dict(params["params"])
    accepted = cls().get_params()
    unknown = sorted(set(kwargs) - set(accepted))
    if unknown:
        raise ValueError(f"{name} has no parameter(s) {', '.join(unknown)}")
    if "random_state" in accepted and "random_state" not in kwargs:
        kwargs["random_state"] = data.seed
    if "n_jobs" in accepted and "n_jobs" not in kwargs:
        kwargs["n_jobs"] = data.threads
    report.log(f"fitting {name}({', '.join(f'{k}={v!r}' for k, v in kwargs.items())}) on {len(data.train_X):,} rows")
    return cls(**kwargs).fit(data.train_X, data.train_y)
