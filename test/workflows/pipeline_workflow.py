"""A team's workflow as scikit-learn users write one: a Pipeline that imputes and scales before the
model (LogisticRegression and scikit-learn 1.2's forests refuse missing values, which real data has)."""

from roundhouse_workflow import workflow


@workflow(
    tasks=["binary"],
    requires=["sklearn"],
    params={"model": {"type": "string", "enum": ["logistic", "forest"], "default": "logistic"}},
)
def train(data, params, report):
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    if params["model"] == "logistic":
        last = LogisticRegression(max_iter=500)
    else:
        last = RandomForestClassifier(n_estimators=20, max_depth=8, random_state=data.seed, n_jobs=1)
    return make_pipeline(SimpleImputer(strategy="median"), StandardScaler(), last).fit(data.train_X, data.train_y)
