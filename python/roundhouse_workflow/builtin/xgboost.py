"""XGBoost's hist trees with its own native speed; every hist parameter, XGBoost's names and defaults."""

from roundhouse_workflow import workflow

P = lambda t, d, desc, **kw: {"type": t, "default": d, "description": desc, **kw}


@workflow(
    requires=["xgboost"],
    description="XGBoost gradient-boosted trees (tree_method hist), served natively after import",
    params={
        "num_boost_round": P("integer", 100, "Boosting rounds", minimum=1, maximum=10000),
        "eta": P("number", 0.3, "Learning rate", exclusiveMinimum=0, maximum=1),
        "max_depth": P("integer", 6, "Deepest split chain; 0 = no limit (with grow_policy lossguide)", minimum=0, maximum=64),
        "max_leaves": P("integer", 0, "Leaves per tree at most; 0 = no limit", minimum=0),
        "grow_policy": P("string", "depthwise", "depthwise or lossguide", enum=["depthwise", "lossguide"]),
        "min_child_weight": P("number", 1, "Smallest hessian sum in a child", minimum=0),
        "gamma": P("number", 0, "Minimum loss reduction to split (min_split_loss)", minimum=0),
        "lambda": P("number", 1, "L2 penalty on leaf weights", minimum=0),
        "alpha": P("number", 0, "L1 penalty on leaf weights", minimum=0),
        "max_delta_step": P("number", 0, "Caps each leaf's step; 0 = none", minimum=0),
        "subsample": P("number", 1, "Fraction of rows per tree", exclusiveMinimum=0, maximum=1),
        "sampling_method": P("string", "uniform", "Row sampling method", enum=["uniform"]),
        "colsample_bytree": P("number", 1, "Fraction of features per tree", exclusiveMinimum=0, maximum=1),
        "colsample_bylevel": P("number", 1, "Fraction of features per level", exclusiveMinimum=0, maximum=1),
        "colsample_bynode": P("number", 1, "Fraction of features per split", exclusiveMinimum=0, maximum=1),
        "max_bin": P("integer", 256, "Histogram bins per feature", minimum=2, maximum=65535),
        "scale_pos_weight": P("number", 1, "Weight of positive rows (binary)", exclusiveMinimum=0),
        "max_cat_to_onehot": P("integer", 4, "Unused while categories arrive as codes", minimum=1),
        "early_stopping_rounds": P("integer", 0, "0 = off; watches the validation set (data.validation)", minimum=0),
        "seed": P("integer", 0, "Random seed", minimum=0),
    },
)
def train(data, params, report):
    import numpy as np
    import xgboost as xgb

    p = dict(params)
    rounds = p.pop("num_boost_round")
    early = p.pop("early_stopping_rounds")
    objective = {"binary": ("binary:logistic", "logloss"), "multiclass": ("multi:softprob", "mlogloss"), "regression": ("reg:squarederror", "rmse")}
    p["objective"], p["eval_metric"] = objective[data.task]
    if data.task == "multiclass":
        p["num_class"] = data.num_classes
    p.update(tree_method="hist", nthread=data.threads, verbosity=1)
    train = xgb.DMatrix(data.train_X, label=data.train_y, missing=np.nan, feature_names=None)
    # Only a validation set is watched: XGBoost would score every training row again each round
    # (+65% fit time at 200k rows), so without one the job shows progress but no loss curve.
    evals = []
    if data.valid_X is not None:
        evals.append((xgb.DMatrix(data.valid_X, label=data.valid_y, missing=np.nan), "valid"))
    elif early:
        raise ValueError("early_stopping_rounds needs a validation set: add data.validation to the spec")

    class Progress(xgb.callback.TrainingCallback):
        def after_iteration(self, model, epoch, evals_log):
            metrics = {f"{name}_loss": values[-1] for name, log in evals_log.items() for values in log.values()}
            report(iteration=epoch + 1, total=rounds, metrics=metrics)
            return False

    return xgb.train(p, train, rounds, evals=evals, callbacks=[Progress()], early_stopping_rounds=early or None, verbose_eval=False)
