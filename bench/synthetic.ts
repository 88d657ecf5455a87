// Synthetic data for `pnpm bench:ml`, from a small seeded generator, so both runs see the same rows.
import type { Dataset } from "@roundhouse/ml";

/** mulberry32. */
function seeded(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Covertype-shaped data for `pnpm bench:ml onehot`: 10 numeric features, then a one-hot
// "wilderness" of 4 columns and a one-hot "soil" of 40 (each row has one of each hot, written 0/1
// as a CSV of covertype holds them), 7 classes. What exclusive feature bundling
// (packages/ml/src/tree/feature-bundles.ts) is for: 44 of the 54 columns are one-hot.
export function oneHotData(rows: number, seed: number): Dataset {
  const random = seeded(seed);
  const names = [
    ...Array.from({ length: 10 }, (_, f) => `n${f}`),
    ...Array.from({ length: 4 }, (_, f) => `wilderness${f}`),
    ...Array.from({ length: 40 }, (_, f) => `soil${f}`),
  ];
  const columns = names.map(() => new Float32Array(rows));
  const label = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    const x = Array.from({ length: 10 }, (_, f) => {
      const v = Math.fround(random() * 2 - 1);
      (columns[f] as Float32Array)[i] = v;
      return v;
    });
    const wilderness = Math.floor(random() ** 1.5 * 4);
    const soil = Math.floor(random() ** 2 * 40);
    (columns[10 + wilderness] as Float32Array)[i] = 1;
    (columns[14 + soil] as Float32Array)[i] = 1;
    // A class from a noisy score: numeric effects plus the soil's and wilderness's own.
    const score =
      2 * (x[0] as number) + Math.sin(3 * (x[1] as number)) + (x[2] as number) * (x[3] as number) + ((soil * 7) % 11) / 4 + wilderness / 2;
    label[i] = Math.max(0, Math.min(6, Math.floor(score + random() * 2)));
  }
  return { rows, features: names.map((name) => ({ name, kind: "numeric" as const })), columns, label };
}

/** Wide numeric data (see `pnpm bench:ml wide`): each feature adds a square, a sine or a line of its value to the log-odds. */
export function wideData(rows: number, seed: number, F: number): Dataset {
  const random = seeded(seed);
  const columns = Array.from({ length: F }, () => new Float32Array(rows));
  const label = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let logOdds = 0;
    for (let f = 0; f < F; f++) {
      const v = Math.fround(random() * 2 - 1);
      (columns[f] as Float32Array)[i] = v;
      logOdds += (f % 3 === 0 ? v * v : f % 3 === 1 ? Math.sin(3 * v) : v) / (1 + f * 0.2);
    }
    label[i] = random() < 1 / (1 + Math.exp(-2 * logOdds)) ? 1 : 0;
  }
  return { rows, features: columns.map((_, f) => ({ name: `x${f}`, kind: "numeric" as const })), columns, label };
}
