import { describe, expect, it } from "vitest";
import { featureEncoder } from "./feature-row.ts";

const encode = featureEncoder([
  { name: "hour", kind: "numeric" },
  { name: "origin", kind: "categorical", categories: ["ATL", "BOS", "ORD"] },
  { name: "day", kind: "numeric", temporal: true },
]);
const single = () => "";

describe("feature rows", () => {
  it("encodes numbers, categories, dates and nulls", () => {
    const { rows, problems, warnings } = encode([{ hour: 9, origin: "BOS", day: "2001-01-02", extra: "ignored" }], single);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([[]]);
    expect(Array.from(rows[0] ?? [])).toEqual([9, 1, Date.UTC(2001, 0, 2)]);
    const missing = encode([{ hour: null, origin: null, day: 0 }], single);
    expect(missing.problems).toEqual([]);
    expect(Number.isNaN(missing.rows[0]?.[0])).toBe(true);
    expect(Number.isNaN(missing.rows[0]?.[1])).toBe(true);
  });

  it("finds a nested field's column (user.age, as uploads name it) in a nested request or a flat one", () => {
    const nested = featureEncoder([
      { name: "user.age", kind: "numeric" },
      { name: "user.addr.city", kind: "categorical", categories: ["Lyon", "Nice"] },
    ]);
    const { rows, problems, warnings } = nested(
      [
        { user: { age: 30, addr: { city: "Nice" } } },
        { "user.age": 41, user: { addr: { city: "Lyon" } } },
        { user: null },
        { user: { age: 5 } },
      ],
      (r) => `rows.${r}`,
    );
    expect(problems).toEqual([]);
    expect(rows.map((r) => Array.from(r))).toEqual([
      [30, 1],
      [41, 0],
      [Number.NaN, Number.NaN],
      [5, Number.NaN],
    ]);
    // An object that is null is a missing value (as stored); a field left out is said so.
    expect(warnings).toEqual([[], [], [], [{ feature: "user.addr.city", message: '"user.addr.city" was not given; scored as missing' }]]);
  });

  it("takes a timestamp without a zone as UTC, as training did, whatever the server's time zone", () => {
    const zone = process.env.TZ;
    process.env.TZ = "America/New_York";
    try {
      const { rows, problems } = encode(
        [
          { day: "2024-03-15 10:00:00" },
          { day: "2024-03-15T10:00:00.250" },
          { day: "2024-03-15T10:00:00+02:00" },
          { day: "2024-03-15T10:00:00Z" },
          { day: "2024-03-15" },
        ],
        single,
      );
      expect(problems).toEqual([]);
      expect(rows.map((r) => r[2])).toEqual([
        Date.UTC(2024, 2, 15, 10),
        Date.UTC(2024, 2, 15, 10, 0, 0, 250),
        Date.UTC(2024, 2, 15, 8),
        Date.UTC(2024, 2, 15, 10),
        Date.UTC(2024, 2, 15),
      ]);
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it("scores real rows: numeric strings, another case, unseen categories and absent fields as missing, with a warning each", () => {
    const { rows, problems, warnings } = encode(
      [
        { hour: " 478.5 ", origin: "bos" },
        { hour: "", origin: "XYZ", day: 5 },
        { hour: "NA", origin: "NA", day: "" },
        { hour: "#DIV/0!", origin: "#N/A", day: "#VALUE!" },
      ],
      single,
    );
    expect(problems).toEqual([]);
    expect(Array.from(rows[0] ?? []).slice(0, 2)).toEqual([478.5, 1]);
    expect(Number.isNaN(rows[0]?.[2])).toBe(true);
    expect(warnings[0]).toEqual([{ feature: "day", message: '"day" was not given; scored as missing' }]);
    expect(Number.isNaN(rows[1]?.[0])).toBe(true);
    expect(Number.isNaN(rows[1]?.[1])).toBe(true);
    expect(warnings[1]).toEqual([
      {
        feature: "origin",
        message: 'unknown category "XYZ" for "origin" (the model knows 3, e.g. "ATL", "BOS", "ORD"); scored as missing',
      },
    ]);
    // The file's own null markers are missing values, not unknown categories.
    expect(Array.from(rows[2] ?? []).every(Number.isNaN)).toBe(true);
    expect(warnings[2]).toEqual([]);
    // So are a spreadsheet's formula errors, as the upload read them.
    expect(Array.from(rows[3] ?? []).every(Number.isNaN)).toBe(true);
    expect(warnings[3]).toEqual([]);
  });

  it("takes yes/no answers in the user's spelling: Yes, yes, true", () => {
    const yesNo = featureEncoder([{ name: "partner", kind: "categorical", categories: ["No", "Yes"] }]);
    const { rows, warnings } = yesNo(
      [{ partner: "yes" }, { partner: true }, { partner: "NO" }, { partner: false }, { partner: "Yes" }],
      single,
    );
    expect(rows.map((r) => r[0])).toEqual([1, 1, 0, 0, 1]);
    expect(warnings.flat()).toEqual([]);
    const zeroOne = featureEncoder([{ name: "senior", kind: "categorical", categories: ["0", "1"] }]);
    expect(zeroOne([{ senior: true }, { senior: 0 }], single).rows.map((r) => r[0])).toEqual([1, 0]);
  });

  it("takes true/false only for a column that was boolean in training; a boolean for any other number is refused", () => {
    const flags = featureEncoder([
      { name: "wind", kind: "numeric" },
      { name: "holiday", kind: "numeric", boolean: true },
    ]);
    const ok = flags(
      [
        { wind: 3.5, holiday: true },
        { wind: "4", holiday: "FALSE" },
      ],
      single,
    );
    expect(ok.problems).toEqual([]);
    expect(ok.rows.map((r) => Array.from(r))).toEqual([
      [3.5, 1],
      [4, 0],
    ]);
    const refused = flags(
      [
        { wind: true, holiday: false },
        { wind: "true", holiday: 1 },
      ],
      (r) => `rows.${r}`,
    );
    expect(refused.problems).toEqual([
      { path: "rows.0.wind", message: '"wind" must be a number, got a boolean' },
      { path: "rows.1.wind", message: '"wind" must be a number, got a string "true"' },
    ]);
  });

  it("refuses only input of the wrong shape, listing every problem of every row with its path", () => {
    const { problems } = encode(
      [
        { hour: "nine", origin: "XYZ", day: 1 },
        "not a row",
        { hour: { v: 1 }, origin: ["ATL"], day: "soon" },
        { hour: Number.POSITIVE_INFINITY, origin: "ATL", day: 1 },
        { hour: "$2,100.50", origin: "ATL", day: 1 },
        { hour: "1,5", origin: "ATL", day: 1 },
        { hour: "1.234,50 €", origin: "ATL", day: 1 },
        { hour: 1, origin: "ATL", day: "03/04/2024" },
      ],
      (r) => `rows.${r}`,
    );
    expect(problems).toEqual([
      { path: "rows.0.hour", message: '"hour" must be a number, got a string "nine"' },
      { path: "rows.1", message: "each row must be a JSON object of feature values" },
      { path: "rows.2.hour", message: '"hour" must be a number, got an object' },
      { path: "rows.2.origin", message: '"origin" must be a category (a string), got an array' },
      { path: "rows.2.day", message: '"day" must be an ISO date such as 2001-05-01 or 2001-05-01T14:30:00, got "soon"' },
      { path: "rows.3.hour", message: '"hour" must be a finite number' },
      // An amount as a spreadsheet writes it: the number meant is named, not guessed.
      {
        path: "rows.4.hour",
        message:
          '"hour" must be a number, got a string "$2,100.50" (send the number: 2100.5, with a decimal point and no currency sign, thousands separator or percent sign)',
      },
      { path: "rows.5.hour", message: '"hour" must be a number, got a string "1,5"' },
      {
        path: "rows.6.hour",
        message:
          '"hour" must be a number, got a string "1.234,50 €" (send the number: 1234.5, with a decimal point and no currency sign, thousands separator or percent sign)',
      },
      // Not guessed as March 4 in the server's time zone: the model may have learned 3 April.
      { path: "rows.7.day", message: '"day" must be an ISO date such as 2001-05-01 or 2001-05-01T14:30:00, got "03/04/2024"' },
    ]);
  });

  it("refuses a row with none of the model's features: wrapped rows, every name misspelt, an empty object", () => {
    const { problems, warnings } = encode(
      [{ rows: [{ hour: 9, origin: "BOS" }] }, { Hour: 9, Origin: "BOS", Day: 1 }, {}, { hour: null }],
      (r) => `${r}`,
    );
    const features = 'the model\'s features are "hour", "origin", "day"';
    expect(problems).toEqual([
      {
        path: "0",
        message: `the row has none of the model's features (it has "rows"); ${features}; to score several rows, send them as a JSON array of objects, not inside "rows"`,
      },
      { path: "1", message: `the row has none of the model's features (it has "Hour", "Origin", "Day"); ${features}` },
      { path: "2", message: `the row is empty; ${features}` },
    ]);
    // A feature given as null is given: that row is scored, its other features warned about.
    expect(warnings[3]?.map((w) => w.feature)).toEqual(["origin", "day"]);
  });

  it("names the field that looks like an absent feature, and reads only a row's own fields", () => {
    const f1 = featureEncoder([
      { name: "temp_max", kind: "numeric" },
      { name: "constructor", kind: "categorical", categories: ["ferrari", "mclaren"] },
    ]);
    const { rows, problems, warnings } = f1([{ "Temp Max": 10, constructor: "Ferrari" }, { temp_max: 12 }], single);
    expect(problems).toEqual([]);
    expect(warnings[0]).toEqual([
      { feature: "temp_max", message: '"temp_max" was not given ("Temp Max" was; names must match exactly); scored as missing' },
    ]);
    expect(rows[0]?.[1]).toBe(0);
    // Every object inherits a `constructor`: it is not a value the caller gave.
    expect(warnings[1]).toEqual([{ feature: "constructor", message: '"constructor" was not given; scored as missing' }]);
    expect(Number.isNaN(rows[1]?.[1])).toBe(true);
  });
});
