import { describe, expect, it } from "vitest";
import { parseChildLine } from "./child-protocol.ts";

describe("the training child's lines", () => {
  it("reads progress, loss points and plain log lines", () => {
    expect(parseChildLine('ROUNDHOUSE_PROGRESS {"fraction":0.5,"step":"fit","message":"iteration 5/10"}')).toEqual({
      kind: "progress",
      progress: { fraction: 0.5, step: "fit", message: "iteration 5/10" },
    });
    expect(parseChildLine('ROUNDHOUSE_POINTS [["train_loss",3,0.41],["valid_loss",3,0.47]]')).toEqual({
      kind: "points",
      points: [
        { name: "train_loss", iteration: 3, value: 0.41 },
        { name: "valid_loss", iteration: 3, value: 0.47 },
      ],
    });
    expect(parseChildLine("left out column id")).toEqual({ kind: "log", message: "left out column id" });
  });

  it("reads a failure as the job's (bad data or spec) unless it says another attempt may pass", () => {
    expect(parseChildLine('ROUNDHOUSE_FAILURE {"message":"The split leaves no rows to train on."}')).toEqual({
      kind: "failure",
      message: "The split leaves no rows to train on.",
      retry: false,
    });
    expect(parseChildLine('ROUNDHOUSE_FAILURE {"message":"IO Error: No files found","retry":true}')).toEqual({
      kind: "failure",
      message: "IO Error: No files found",
      retry: true,
    });
  });

  it("keeps a malformed report as a log line that says so, instead of failing the job", () => {
    const said = parseChildLine("ROUNDHOUSE_PROGRESS {not json");
    expect(said).toMatchObject({ kind: "log", message: expect.stringMatching(/^unreadable report from the training process/) });
  });

  it("fails the job at once, naming the field, on an outcome of the wrong shape (every attempt would repeat it)", () => {
    const outcome = {
      run: {
        algorithm: "gbdt",
        task: "binary",
        params: {},
        rowsTrain: 8,
        rowsHoldout: 2,
        metrics: { auc: 0.9 },
        evaluation: {},
        importances: [],
      },
      artifact: { path: "/x", byteSize: 10, sha256: "abc" },
      modelVersion: null,
      stepTimings: [],
    };
    expect(parseChildLine(`ROUNDHOUSE_OUTCOME ${JSON.stringify(outcome)}`)).toMatchObject({
      kind: "failure",
      retry: false,
      message: expect.stringMatching(
        /^The training process reported a result the worker cannot read \(artifact\.sha256: .*\); this is a bug in Roundhouse\.$/,
      ),
    });
    // Cut short while written: a crash's line, kept as a log line (the attempt is retried).
    expect(parseChildLine(`ROUNDHOUSE_OUTCOME ${JSON.stringify(outcome).slice(0, 40)}`)).toMatchObject({ kind: "log" });
  });
});
