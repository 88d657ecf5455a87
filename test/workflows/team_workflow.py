"""A team's own workflow, as short as the README's example: scikit-learn's histogram gradient
boosting (it takes missing values, such as airports only the holdout has)."""

from roundhouse_workflow import workflow


@workflow(
    tasks=["binary"],
    requires=["sklearn"],
    params={"learning_rate": {"type": "number", "exclusiveMinimum": 0, "maximum": 1, "default": 0.1}},
)
def train(data, params, report):
    from sklearn.ensemble import HistGradientBoostingClassifier

    report(message=f"{len(data.train_X):,} rows, learning rate {params['learning_rate']}")
    model = HistGradientBoostingClassifier(learning_rate=params["learning_rate"], max_iter=50, random_state=data.seed)
    return model.fit(data.train_X, data.train_y)
