"""A fitted model → holdout predictions and an importable description: tree ensembles and linear
models as plain JSON (Roundhouse imports them into its own model format and serves them without
Python), PyTorch modules as ONNX (served with onnxruntime). The original library's own file is kept beside it for provenance."""

import json
import os
import sys

import numpy as np


class Unsupported(Exception):
    pass


def export(model, data, out_dir):
    """Returns the result message: where the predictions and the model description are."""
    kind = _kind(model)
    if kind == "xgboost":
        from ._xgboost import export_booster

        predictions, description, original = export_booster(model, data, out_dir)
    elif kind == "sklearn":
        from ._sklearn import export_estimator

        predictions, description, original = export_estimator(model, data, out_dir)
    elif kind == "torch":
        from ._torch import export_module

        predictions, description, original = export_module(model, data, out_dir)
    else:
        raise Unsupported(
            f"The workflow returned a {type(model).__module__}.{type(model).__name__}; return an XGBoost booster or model, "
            "a scikit-learn estimator, or a PyTorch module"
        )
    predictions = np.ascontiguousarray(predictions, dtype=np.float64)
    expected = (len(data.holdout_X), data.num_classes) if data.task == "multiclass" else (len(data.holdout_X),)
    if predictions.shape != expected:
        raise Unsupported(f"holdout predictions have shape {predictions.shape}; expected {expected}")
    np.save(os.path.join(out_dir, "holdout_predictions.npy"), predictions)
    with open(os.path.join(out_dir, "model_import.json"), "w") as f:
        json.dump(description, f, allow_nan=False)
    return {
        "kind": "result",
        "predictions": "holdout_predictions.npy",
        "model": "model_import.json",
        "original": original,
        "library": description["library"],
    }


def _kind(model):
    module = type(model).__module__.split(".")[0]
    if module == "xgboost":
        return "xgboost"
    if module == "sklearn" or hasattr(model, "fit") and hasattr(model, "get_params"):
        return "sklearn"
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(model, torch.nn.Module):
        return "torch"
    return module

