"""XGBoost boosters → Roundhouse's tree description (from the booster's own JSON)."""

import json
import os

import numpy as np

SERVABLE = ("binary:logistic", "multi:softprob", "reg:squarederror", "reg:absoluteerror", "reg:pseudohubererror")


def booster_of(model):
    import xgboost as xgb

    if isinstance(model, xgb.XGBModel):
        booster = model.get_booster()
        best = getattr(model, "best_iteration", None)
    else:
        booster = model
        best = booster.attr("best_iteration")
    # An early-stopped booster predicts with its best rounds: keep only those, so the served model,
    # the holdout predictions and the file are the same model.
    if best is not None and int(best) + 1 < booster.num_boosted_rounds():
        booster = booster[: int(best) + 1]
    return booster


def export_booster(model, data, out_dir):
    import xgboost as xgb

    booster = booster_of(model)
    holdout = xgb.DMatrix(data.holdout_X, missing=np.nan)
    predictions = booster.predict(holdout)
    raw = json.loads(booster.save_raw("json").decode())
    booster.save_model(os.path.join(out_dir, "model.xgboost.json"))
    learner = raw["learner"]
    objective = learner["objective"]["name"]
    base = float(learner["learner_model_param"]["base_score"])
    if objective not in SERVABLE:
        raise ValueError(f"objective {objective} cannot be served by Roundhouse: use one of {', '.join(SERVABLE)}")
    # binary:logistic keeps its base score as a probability; the others as a margin.
    base_margin = float(np.log(base / (1 - base))) if objective == "binary:logistic" else base
    gb = learner["gradient_booster"]
    if gb["name"] != "gbtree":
        raise ValueError(f"booster {gb['name']} cannot be served by Roundhouse: use gbtree")
    trees = []
    for tree, output in zip(gb["model"]["trees"], gb["model"]["tree_info"]):
        if any(int(t) != 0 for t in tree.get("split_type", [])):
            raise ValueError("categorical splits (enable_categorical) cannot be imported yet: pass categories as codes")
        left = tree["left_children"]
        leaf = [l == -1 for l in left]
        trees.append(
            {
                "output": int(output),
                "feature": [-1 if leaf[i] else int(f) for i, f in enumerate(tree["split_indices"])],
                "threshold": [0.0 if leaf[i] else float(c) for i, c in enumerate(tree["split_conditions"])],
                "left": left,
                "right": tree["right_children"],
                # A leaf's value is in split_conditions (base_weights holds it before the learning rate).
                "value": [float(c) if leaf[i] else 0.0 for i, c in enumerate(tree["split_conditions"])],
                "cover": [float(h) for h in tree["sum_hessian"]],
                "gain": [float(g) for g in tree["loss_changes"]],
                "defaultLeft": [int(d) for d in tree["default_left"]],
            }
        )
    outputs = data.num_classes if data.task == "multiclass" else 1
    description = {
        "library": f"xgboost {xgb.__version__}",
        "kind": "boosting",
        "objective": objective,
        "outputs": outputs,
        "baseScore": [base_margin] * outputs,
        "split": "lt_f32",
        "trees": trees,
        "config": json.loads(booster.save_config()),
    }
    return predictions, description, "model.xgboost.json"
