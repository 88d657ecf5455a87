"""scikit-learn estimators → Roundhouse's description: tree ensembles (random forest, extra trees,
gradient boosting, histogram gradient boosting, a single tree) and linear models."""

import numpy as np

from ._pipeline import fold_linear, fold_trees, split_pipeline


def export_estimator(model, data, out_dir):
    import pickle

    import sklearn

    # A fitted search (GridSearchCV, RandomizedSearchCV, HalvingGridSearchCV) answers with the
    # estimator it refit on the whole training set: that one is the model.
    search = type(model).__name__ if hasattr(model, "best_estimator_") else None
    model = model.best_estimator_ if search else model
    pipeline = type(model).__name__ == "Pipeline"
    # A Pipeline's steps compute in float64 on float64 values, as serving does (on float32 ones they
    # round each step's result to float32).
    X = data.holdout_X.astype(np.float64) if pipeline else data.holdout_X
    if data.task == "regression":
        predictions = model.predict(X)
    else:
        proba = model.predict_proba(X)
        predictions = proba[:, 1] if data.task == "binary" else proba
    with open(f"{out_dir}/model.sklearn.pkl", "wb") as f:
        pickle.dump(model, f)
    description = _describe_pipeline(model, data) if pipeline else _describe(model, data)
    steps = " → ".join(type(step).__name__ for _, step in model.steps if not isinstance(step, str) and step is not None) if pipeline else ""
    described = f"Pipeline({steps})" if pipeline else type(model).__name__
    description["library"] = f"scikit-learn {sklearn.__version__} {described}{f' (the best of {search})' if search else ''}"
    return predictions, description, "model.sklearn.pkl"


def _describe_pipeline(model, data):
    transform, last = split_pipeline(model, data.features)
    description = _describe(last, data)
    width = len(data.features)
    return fold_linear(description, transform, width) if description["kind"] == "linear" else fold_trees(description, transform, width)


def _describe(model, data):
    name = type(model).__name__
    outputs = data.num_classes if data.task == "multiclass" else 1
    if name in ("RandomForestClassifier", "ExtraTreesClassifier", "RandomForestRegressor", "ExtraTreesRegressor"):
        trees = [t for est in model.estimators_ for t in _tree(est.tree_, data, outputs)]
        return {"kind": "forest", "outputs": outputs, "split": "le_f32", "trees": trees}
    if name in ("DecisionTreeClassifier", "DecisionTreeRegressor"):
        return {"kind": "forest", "outputs": outputs, "split": "le_f32", "trees": _tree(model.tree_, data, outputs)}
    if name in ("GradientBoostingClassifier", "GradientBoostingRegressor"):
        return _gradient_boosting(model, data, outputs)
    if name in ("HistGradientBoostingClassifier", "HistGradientBoostingRegressor"):
        return _hist_gradient_boosting(model, data, outputs)
    if hasattr(model, "coef_") and hasattr(model, "intercept_"):
        return _linear(model, data, outputs)
    raise ValueError(
        f"{name} cannot be imported for serving: Roundhouse serves random forests, extra trees, (histogram) gradient boosting, "
        "decision trees and linear models"
    )


def _tree(tree, data, outputs, scale=1.0, value=None):
    """One sklearn tree as one tree per output. Classifier leaves hold class fractions, so the forest's
    average is predict_proba; a binary classifier keeps the fraction of class 1."""
    leaf = tree.children_left == -1
    v = tree.value[:, :, :] if value is None else value
    if data.task == "regression" or value is not None:
        per_output = [v[:, 0, 0] * scale]
    else:
        fractions = v[:, 0, :] / np.maximum(v[:, 0, :].sum(axis=1, keepdims=True), 1e-300)
        per_output = [fractions[:, 1]] if data.task == "binary" else [fractions[:, k] for k in range(outputs)]
    out = []
    for k, values in enumerate(per_output):
        out.append(
            {
                "output": k,
                "feature": [-1 if leaf[i] else int(f) for i, f in enumerate(tree.feature)],
                "threshold": [0.0 if leaf[i] else float(t) for i, t in enumerate(tree.threshold)],
                "left": [int(x) for x in tree.children_left],
                "right": [int(x) for x in tree.children_right],
                "value": [float(x) if leaf[i] else 0.0 for i, x in enumerate(values)],
                "cover": [float(x) for x in tree.weighted_n_node_samples],
                "gain": [float(x) for x in tree.impurity],
                "defaultLeft": [0] * len(leaf),
            }
        )
    return out


def _gradient_boosting(model, data, outputs):
    # raw = init + learning_rate * sum of the stage trees' values (one tree per class and stage).
    X0 = np.zeros((1, len(data.features)), dtype=np.float32)
    base = model._raw_predict_init(X0)[0]
    trees = []
    for stage in model.estimators_:
        for k, est in enumerate(stage):
            for t in _tree(est.tree_, data, 1, scale=model.learning_rate, value=est.tree_.value):
                t["output"] = k
                trees.append(t)
    return {"kind": "boosting", "objective": _objective(data), "outputs": outputs, "baseScore": [float(b) for b in base], "split": "le_f32", "trees": trees}


def _hist_gradient_boosting(model, data, outputs):
    if getattr(model, "is_categorical_", None) is not None and np.any(model.is_categorical_):
        raise ValueError("HistGradientBoosting with categorical_features cannot be imported yet: pass categories as codes")
    trees = []
    for stage in model._predictors:
        for k, predictor in enumerate(stage):
            n = predictor.nodes
            leaf = n["is_leaf"].astype(bool)
            trees.append(
                {
                    "output": k,
                    "feature": [-1 if leaf[i] else int(f) for i, f in enumerate(n["feature_idx"])],
                    "threshold": [0.0 if leaf[i] else float(t) for i, t in enumerate(n["num_threshold"])],
                    "left": [-1 if leaf[i] else int(x) for i, x in enumerate(n["left"])],
                    "right": [-1 if leaf[i] else int(x) for i, x in enumerate(n["right"])],
                    "value": [float(x) if leaf[i] else 0.0 for i, x in enumerate(n["value"])],
                    "cover": [float(x) for x in n["count"]],
                    "gain": [float(x) for x in n["gain"]],
                    "defaultLeft": [int(x) for x in n["missing_go_to_left"]],
                }
            )
    base = np.ravel(model._baseline_prediction)
    return {"kind": "boosting", "objective": _objective(data), "outputs": outputs, "baseScore": [float(b) for b in base], "split": "le", "trees": trees}


def _linear(model, data, outputs):
    coef = np.atleast_2d(model.coef_).astype(np.float64)
    intercept = np.atleast_1d(model.intercept_).astype(np.float64)
    if data.task != "regression" and not hasattr(model, "predict_proba"):
        raise ValueError(f"{type(model).__name__} gives no probabilities: use LogisticRegression for classification")
    if data.task == "multiclass" and getattr(model, "multi_class", "auto") == "ovr":
        raise ValueError("one-vs-rest logistic regression cannot be imported: use the multinomial form")
    return {"kind": "linear", "objective": _objective(data), "outputs": outputs, "coefficients": coef.tolist(), "intercept": intercept.tolist()}


def _objective(data):
    return {"binary": "binary:logistic", "multiclass": "multi:softprob", "regression": "reg:squarederror"}[data.task]
