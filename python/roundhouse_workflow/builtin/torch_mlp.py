"""A small PyTorch multilayer perceptron for tabular data, exported to ONNX and served with onnxruntime."""

from roundhouse_workflow import workflow

P = lambda t, d, desc, **kw: {"type": t, "default": d, "description": desc, **kw}


@workflow(
    requires=["torch"],
    description="PyTorch MLP for tabular data (scaling, missing flags and one-hot inside the network), served through ONNX",
    params={
        "hidden_units": P("integer", 64, "Units per hidden layer", minimum=1, maximum=4096),
        "layers": P("integer", 2, "Hidden layers", minimum=1, maximum=8),
        "dropout": P("number", 0, "Dropout after each hidden layer while training", minimum=0, maximum=0.9),
        "epochs": P("integer", 20, "Passes over the training rows", minimum=1, maximum=1000),
        "batch_size": P("integer", 256, "Rows per gradient step", minimum=1, maximum=65536),
        "learning_rate": P("number", 0.001, "Adam's learning rate", exclusiveMinimum=0, maximum=1),
        "weight_decay": P("number", 0, "Adam's L2 penalty", minimum=0),
        "seed": P("integer", 0, "Random seed (weights and batch order)", minimum=0),
    },
)
def train(data, params, report):
    import numpy as np
    import torch
    from torch import nn

    torch.manual_seed(params["seed"])
    torch.set_num_threads(data.threads)
    X = torch.from_numpy(np.ascontiguousarray(data.train_X, dtype=np.float32))
    y = torch.from_numpy(np.asarray(data.train_y))
    outputs = data.num_classes if data.task == "multiclass" else 1

    class TabularMLP(nn.Module):
        """Raw columns in (NaN = missing, categories as codes); the preprocessing is part of the graph."""

        def __init__(self):
            super().__init__()
            numeric = [j for j, f in enumerate(data.features) if f["kind"] != "categorical"]
            self.categorical = [(j, len(f.get("categories") or [])) for j, f in enumerate(data.features) if f["kind"] == "categorical"]
            columns = X[:, numeric].double()
            mean = torch.nan_to_num(columns.nanmean(0)) if numeric else torch.zeros(0)
            spread = (columns - mean).pow(2).nanmean(0).sqrt() if numeric else torch.zeros(0)
            self.has_numeric = bool(numeric)
            self.register_buffer("numeric", torch.tensor(numeric, dtype=torch.long))
            self.register_buffer("mean", mean.float())
            self.register_buffer("std", torch.where(torch.isfinite(spread) & (spread > 0), spread, torch.ones_like(spread)).float())
            for j, k in self.categorical:
                self.register_buffer(f"codes_{j}", torch.arange(k, dtype=torch.float32))
            width = 2 * len(numeric) + sum(k for _, k in self.categorical)
            hidden = []
            for _ in range(params["layers"]):
                hidden += [nn.Linear(width, params["hidden_units"]), nn.ReLU(), nn.Dropout(params["dropout"])]
                width = params["hidden_units"]
            self.body = nn.Sequential(*hidden, nn.Linear(width, outputs))
            # Regression learns the standardized target; forward() scales back.
            regression = data.task == "regression"
            self.y_mean = float(y.double().mean()) if regression else 0.0
            self.y_std = (float(y.double().std()) or 1.0) if regression else 1.0

        def logits(self, x):
            parts = []
            if self.has_numeric:
                values = x.index_select(1, self.numeric)
                missing = torch.isnan(values)
                parts += [torch.where(missing, torch.zeros_like(values), (values - self.mean) / self.std), missing.float()]
            # A missing or unseen category matches no code: all zeros.
            parts += [(x[:, j : j + 1] == getattr(self, f"codes_{j}")).float() for j, _ in self.categorical]
            return self.body(torch.cat(parts, 1))

        def forward(self, x):
            z = self.logits(x)
            if data.task == "binary":
                return torch.sigmoid(z[:, 0])
            if data.task == "multiclass":
                return torch.softmax(z, 1)
            return z[:, 0] * self.y_std + self.y_mean

    net = TabularMLP()
    if data.task == "binary":
        loss_of = lambda z, t: nn.functional.binary_cross_entropy_with_logits(z[:, 0], t.float())
    elif data.task == "multiclass":
        loss_of = lambda z, t: nn.functional.cross_entropy(z, t.long())
    else:
        loss_of = lambda z, t: nn.functional.mse_loss(z[:, 0], ((t - net.y_mean) / net.y_std).float())
    optimizer = torch.optim.Adam(net.parameters(), lr=params["learning_rate"], weight_decay=params["weight_decay"])
    order = torch.Generator().manual_seed(params["seed"])
    valid = None
    if data.valid_X is not None:
        valid = (torch.from_numpy(np.ascontiguousarray(data.valid_X, dtype=np.float32)), torch.from_numpy(np.asarray(data.valid_y)))
    for epoch in range(1, params["epochs"] + 1):
        net.train()
        total = 0.0
        for batch in torch.randperm(len(X), generator=order).split(params["batch_size"]):
            optimizer.zero_grad()
            loss = loss_of(net.logits(X[batch]), y[batch])
            loss.backward()
            optimizer.step()
            total += float(loss) * len(batch)
        metrics = {"train_loss": total / len(X)}
        if valid is not None:
            net.eval()
            with torch.no_grad():
                metrics["valid_loss"] = float(loss_of(net.logits(valid[0]), valid[1]))
        report(iteration=epoch, total=params["epochs"], metrics=metrics, message=f"epoch {epoch}/{params['epochs']}, loss {metrics['train_loss']:.4f}")
    return net.eval()
