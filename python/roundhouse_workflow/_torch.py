"""PyTorch modules → ONNX, which Roundhouse serves with onnxruntime (no Python at serving time).

The module takes the job's float32 feature matrix as the worker wrote it (rows × features, NaN for a
missing value, categories as codes) and returns P(class 1) for binary ((rows,) or (rows, 1)), one
probability per class for multiclass (rows × classes), or the value for regression. Whatever it
does to the raw columns (scaling, missing values, one-hot) must happen inside forward(), so the
exported graph takes the same input the platform serves."""

import os

import numpy as np

OPSET = 13


def export_module(model, data, out_dir):
    import torch

    outputs = data.num_classes if data.task == "multiclass" else 1

    class Shaped(torch.nn.Module):
        """The module's answer as (rows, outputs): one output name and shape for every task."""

        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, x):
            return self.inner(x).reshape(x.shape[0], outputs)

    shaped = Shaped(model).eval()
    holdout = torch.from_numpy(np.ascontiguousarray(data.holdout_X, dtype=np.float32))
    with torch.no_grad():
        predictions = shaped(holdout).double().numpy()
    if data.task != "multiclass":
        predictions = predictions[:, 0]
    example = torch.from_numpy(np.ascontiguousarray(data.train_X[:2], dtype=np.float32))
    torch.onnx.export(
        shaped,
        example,
        os.path.join(out_dir, "model.onnx"),
        input_names=["features"],
        output_names=["output"],
        dynamic_axes={"features": {0: "rows"}, "output": {0: "rows"}},
        opset_version=OPSET,
    )
    # The weights in PyTorch's own format, kept beside the run for provenance.
    torch.save(model.state_dict(), os.path.join(out_dir, "model.pt"))
    description = {
        "library": f"torch {torch.__version__}",
        "kind": "onnx",
        "file": "model.onnx",
        "input": "features",
        "output": "output",
        "outputs": outputs,
    }
    return predictions, description, "model.pt"
