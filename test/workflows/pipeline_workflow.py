"""A team's workflow as scikit-learn users write one: a Pipeline that imputes and scales before the
model (LogisticRegression and scikit-learn 1.2's forests refuse missing values, which real data has),
tuned by a grid search or not."""

from roundhouse_workflow import workflow


@workflow(
    tasks=["binary"],
    requires=["sklearn"],
    params={"model": {"type": "string", "enum": ["logistic", "forest", "logistic-search"], "default": "logistic"}},
)
def train(data, params, report):
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GridSearchCV
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if params["model"] == "forest":
        last = RandomForestClassifier(n_estimators=20, max_depth=8, random_state=data.seed, n_jobs=1)
    else:
        last = LogisticRegression(max_iter=500)
    model = make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), last)
    if params["model"] == "logistic-search":
        model = GridSearchCV(model, {"logisticregression__C": [0.01, 1.0]}, cv=3)
    return model.fit(data.train_X, data.train_y)
