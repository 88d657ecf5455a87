"""A scikit-learn Pipeline → Roundhouse's description of its last step, with the steps before it
folded in. The steps before must work feature by feature and keep the order of values (an imputer,
scalers): real data has missing values that LogisticRegression and scikit-learn 1.2's forests refuse,
so `make_pipeline(SimpleImputer(), StandardScaler(), LogisticRegression())` is how most people write
one. The steps' own `transform` is the oracle, so what is served is what the library computes:
- a linear model gets each feature's slope and the value a missing one stands for (its intercept
  takes the missing value's part, so a missing feature adds what the imputed value added);
- a tree's threshold on the transformed value becomes the largest raw value that goes left, found by
  bisection over float64 values through `transform` (exact, whatever float32 rounding the trees do),
  and a missing value goes where the imputed value goes."""

import warnings

import numpy as np

# Work value by value, each feature on its own, and keep the order of values (positive scales).
ELEMENTWISE = ("SimpleImputer", "StandardScaler", "MinMaxScaler", "MaxAbsScaler", "RobustScaler")


def split_pipeline(model, features):
    """(the transform of the steps before the last, the last step); refuses a step it cannot fold in."""
    steps = [(name, step) for name, step in model.steps if step is not None and not (isinstance(step, str) and step == "passthrough")]
    *before, (_, last) = steps
    for name, step in before:
        kind = type(step).__name__
        if kind not in ELEMENTWISE:
            raise ValueError(
                f"Pipeline step '{name}' ({kind}) cannot be imported for serving: the steps before the model may be "
                f"{', '.join(ELEMENTWISE)} (categories arrive as codes, so no encoder is needed)"
            )
        if getattr(step, "add_indicator", False):
            raise ValueError(f"Pipeline step '{name}' (SimpleImputer) cannot be imported with add_indicator=True")
        if kind == "MinMaxScaler" and (step.clip or step.feature_range[0] >= step.feature_range[1]):
            raise ValueError(f"Pipeline step '{name}' (MinMaxScaler) can be imported only with clip=False and an increasing range")

    def transform(X):
        for _, step in before:
            X = step.transform(X)
        return np.asarray(X, dtype=np.float64)

    probe = transform(np.zeros((1, len(features))))
    if probe.shape[1] != len(features):
        raise ValueError(
            f"the Pipeline's steps make {probe.shape[1]} columns of {len(features)} features (a SimpleImputer drops a "
            "feature that is missing in every training row: pass keep_empty_features=True or leave the feature out)"
        )
    return transform, last


def fold_linear(description, transform, width):
    """The linear description over raw features: z = c + s·x present, m missing (m = 0 when missing stays missing)."""
    zero, one, missing = transform(np.array([np.zeros(width), np.ones(width), np.full(width, np.nan)]))
    slope = one - zero
    missing = np.where(np.isnan(missing), 0.0, missing)
    coef = np.asarray(description["coefficients"], dtype=np.float64)
    # A feature enters as slope·(x − center), center being where z = m; the intercept takes coef·m.
    center = np.where(slope != 0, (missing - zero) / np.where(slope != 0, slope, 1.0), 0.0)
    intercept = np.asarray(description["intercept"], dtype=np.float64) + coef @ missing
    return {**description, "coefficients": (coef * slope).tolist(), "intercept": intercept.tolist(), "center": center.tolist()}


def fold_trees(description, transform, width):
    """The trees' thresholds and missing-value directions over raw features."""
    goes_left = _comparison(description["split"])
    nodes = [(t, i) for t in description["trees"] for i, left in enumerate(t["left"]) if left != -1]
    if not nodes:
        return {**description, "split": "le"}
    feature = np.array([t["feature"][i] for t, i in nodes])
    threshold = np.array([t["threshold"][i] for t, i in nodes], dtype=np.float64)

    # The steps work feature by feature, so one row of the matrix given to `transform` carries a
    # value for a node of every feature: a forest's millions of nodes make as many cells, not
    # nodes × features (a row per node took 800 MB a call on 5M nodes of 20 features), and the
    # rows go through in blocks of at most 4M cells.
    order = np.argsort(feature, kind="stable")
    slot = np.empty(len(nodes), dtype=np.int64)
    slot[order] = np.arange(len(nodes)) - np.searchsorted(feature[order], feature[order], side="left")
    block = max(1, (1 << 22) // width)

    def left(x):
        out = np.empty(len(nodes), dtype=bool)
        for start in range(0, int(slot.max()) + 1, block):
            here = (slot >= start) & (slot < start + block)
            X = np.zeros((min(block, int(slot.max()) + 1 - start), width))
            X[slot[here] - start, feature[here]] = x[here]
            out[here] = goes_left(transform(X)[slot[here] - start, feature[here]], threshold[here])
        return out

    # The bisection reaches ±1.8e308, which the steps overflow to infinities (in order, as wanted).
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        raw = _largest_going_left(left, len(nodes))
    imputed = left(np.full(len(nodes), np.nan))
    # Without an imputer a missing value stays missing, and goes where the tree sends it.
    stays_missing = np.isnan(transform(np.full((1, width), np.nan))[0])
    for k, (t, i) in enumerate(nodes):
        t["threshold"][i] = float(raw[k])
        if not stays_missing[feature[k]]:
            t["defaultLeft"][i] = int(imputed[k])
    return {**description, "split": "le"}


def _comparison(split):
    if split == "le_f32":
        return lambda z, t: z.astype(np.float32) <= t
    if split == "lt_f32":
        return lambda z, t: z.astype(np.float32) < t
    return lambda z, t: z <= t


def _largest_going_left(left, n):
    """Per node, the largest float64 x for which left(x) holds (left is monotone: true up to a point)."""
    top = np.finfo(np.float64).max
    lo = np.full(n, _key(-top), dtype=np.int64)
    hi = np.full(n, _key(top), dtype=np.int64)
    never = ~left(_value(lo))
    always = left(_value(hi))
    # Invariant: left(value(lo)) and not left(value(hi)); 64 halvings close a range of 2^64 keys
    # (halved each by itself: hi − lo would overflow).
    for _ in range(65):
        mid = lo // 2 + hi // 2 + (lo % 2 + hi % 2) // 2
        go = left(_value(mid))
        lo = np.where(go, mid, lo)
        hi = np.where(go, hi, mid)
    # JSON has no infinities: the largest float64 either way (serving refuses infinite values).
    return np.where(never, -top, np.where(always, top, _value(lo)))


def _key(x):
    """float64 → int64 in the same order."""
    bits = np.array(x, dtype=np.float64).view(np.int64)
    return np.where(bits < 0, np.int64(-0x8000000000000000) - bits, bits)


def _value(key):
    bits = np.where(key < 0, np.int64(-0x8000000000000000) - key, key)
    return np.asarray(bits, dtype=np.int64).view(np.float64)
