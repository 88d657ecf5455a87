"""Roundhouse's Python workflow contract: a workflow is a function that takes the training data,
its parameters and a reporter, and returns a fitted model (an XGBoost booster, a scikit-learn
estimator or a PyTorch module). The platform wrote the data, evaluates the holdout predictions with
its own metrics and imports the model for serving; see README "Bring your own training code".

    from roundhouse_workflow import workflow

    @workflow(tasks=["binary"], params={"C": {"type": "number", "exclusiveMinimum": 0, "default": 1.0}})
    def train(data, params, report):
        from sklearn.linear_model import LogisticRegression
        return LogisticRegression(C=params["C"]).fit(data.train_X, data.train_y)
"""

from ._contract import Data, Report, Workflow, workflow

__all__ = ["Data", "Report", "Workflow", "workflow"]
