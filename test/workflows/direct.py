"""XGBoost, scikit-learn and the torch-mlp network run directly (no Roundhouse runner, export or
serving) on the matrices a test wrote: the reference a workflow's run must match. Prints the direct
fit time."""
import json
import sys
import time

import numpy as np

folder, library, params = sys.argv[1], sys.argv[2], json.loads(sys.argv[3])
X, y = np.load(f"{folder}/train_X.npy"), np.load(f"{folder}/train_y.npy")
H, R = np.load(f"{folder}/holdout_X.npy"), np.load(f"{folder}/rows_X.npy")
started = time.perf_counter()
if library == "xgboost":
    import xgboost as xgb

    rounds = params.pop("num_boost_round")
    model = xgb.train({**params, "tree_method": "hist", "nthread": 1, "objective": "binary:logistic"}, xgb.DMatrix(X, label=y, missing=np.nan), rounds)
    predict = lambda A: model.predict(xgb.DMatrix(A, missing=np.nan))
    margin = lambda A: model.predict(xgb.DMatrix(A, missing=np.nan), output_margin=True)
elif library == "torch-mlp":
    # The built-in workflow's own train() on a bare namespace, predicting with PyTorch itself.
    import importlib.util
    import types

    import torch

    source = importlib.util.spec_from_file_location("torch_mlp", params.pop("source"))
    module = importlib.util.module_from_spec(source)
    source.loader.exec_module(module)
    data = types.SimpleNamespace(
        train_X=X, train_y=y, valid_X=None, valid_y=None, task="binary", num_classes=2, features=params.pop("features"), threads=params.pop("threads")
    )
    net = module.train(data, params, lambda **_: None)
    predict = lambda A: net(torch.from_numpy(np.ascontiguousarray(A, dtype=np.float32))).detach().double().numpy()
    margin = predict
else:
    from sklearn.ensemble import RandomForestClassifier

    model = RandomForestClassifier(**params).fit(X, y)
    predict = lambda A: model.predict_proba(A)[:, 1]
    margin = predict
fit = time.perf_counter() - started
np.save(f"{folder}/direct_holdout.npy", np.asarray(predict(H), dtype=np.float64))
np.save(f"{folder}/direct_rows.npy", np.asarray(predict(R), dtype=np.float64))
np.save(f"{folder}/direct_rows_margin.npy", np.asarray(margin(R), dtype=np.float64))
print(json.dumps({"fitSeconds": fit}))
