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
    estimator = cls(**kwargs)
    if not _takes_missing(estimator):
        # scikit-learn's linear models and its forests (before 1.4) refuse missing values, which real
        # data has (an airport only the holdout has, a field a served row lacks): a median imputer goes
        # before them, folded into the served model (_pipeline.py).
        from sklearn.impute import SimpleImputer
        from sklearn.pipeline import make_pipeline

        report.log(f"{name} takes no missing values: they are imputed with each feature's training median")
        estimator = make_pipeline(SimpleImputer(strategy="median", keep_empty_features=True), estimator)
    return estimator.fit(data.train_X, data.train_y)


def _takes_missing(estimator):
    if hasattr(estimator, "__sklearn_tags__"):  # scikit-learn 1.6+
        return bool(estimator.__sklearn_tags__().input_tags.allow_nan)
    return bool(estimator._get_tags().get("allow_nan", False))
