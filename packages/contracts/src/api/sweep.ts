// Hyperparameter sweeps: a grid or random search over an algorithm's parameters. Each trial is a
// full training job with the base parameters overridden by one combination.
import { z } from "zod";
import { PARAMS_SCHEMAS } from "./algorithm-params.ts";

const Value = z.union([z.number(), z.string(), z.boolean()]);

export const SweepSchema = z
  .object({
    method: z.enum(["grid", "random"]).default("grid"),
    params: z
      .record(
        z.string(),
        z.union([
          z.array(Value).min(1).meta({ description: "Values to try" }),
          z
            .object({ min: z.number(), max: z.number(), log: z.boolean().default(false), integer: z.boolean().default(false) })
            .meta({ description: "A range (random search)" }),
        ]),
      )
      .refine((p) => Object.keys(p).length > 0, { error: "Vary at least one parameter" }),
    maxTrials: z.number().int().min(1).max(200).default(20),
    parallelism: z.number().int().min(1).max(32).default(2),
    seed: z.number().int().default(0),
    objective: z
      .object({ metric: z.string().default("auc"), direction: z.enum(["maximize", "minimize"]).default("maximize") })
      .default({ metric: "auc", direction: "maximize" }),
  })
  .meta({ id: "Sweep" });
export type Sweep = z.infer<typeof SweepSchema>;

/** The trials' parameter combinations: the grid's product, or seeded random draws, up to maxTrials. */
export function sweepCombinations(sweep: Sweep): Record<string, unknown>[] {
  const names = Object.keys(sweep.params);
  if (sweep.method === "grid") {
    let combos: Record<string, unknown>[] = [{}];
    for (const name of names) {
      const values = sweep.params[name];
      if (!Array.isArray(values)) throw new Error(`train.sweep.params.${name}: a grid needs a list of values, not a range`);
      combos = combos.flatMap((c) => values.map((v) => ({ ...c, [name]: v })));
    }
    return combos.slice(0, sweep.maxTrials);
  }
  let state = sweep.seed >>> 0 || 1;
  const random = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
  return Array.from({ length: sweep.maxTrials }, () =>
    Object.fromEntries(
      names.map((name) => {
        const spec = sweep.params[name];
        if (Array.isArray(spec)) return [name, spec[Math.floor(random() * spec.length)]];
        const r = random();
        let v = spec?.log
          ? Math.exp(Math.log(spec.min) + r * (Math.log(spec.max) - Math.log(spec.min)))
          : (spec?.min ?? 0) + r * ((spec?.max ?? 0) - (spec?.min ?? 0));
        if (spec?.integer) v = Math.round(v);
        return [name, v];
      }),
    ),
  );
}

/** Every trial's parameters checked against the algorithm, defaults filled in. */
export function sweepTrialParams(algorithm: keyof typeof PARAMS_SCHEMAS, base: Record<string, unknown>, sweep: Sweep) {
  const problems: { path: string; message: string }[] = [];
  let combos: Record<string, unknown>[] = [];
  try {
    combos = sweepCombinations(sweep);
  } catch (err) {
    const [path, message] = (err as Error).message.split(": ");
    problems.push({ path: path ?? "train.sweep", message: message ?? (err as Error).message });
  }
  const trials = combos.map((combo) => {
    const parsed = PARAMS_SCHEMAS[algorithm].strict().safeParse({ ...base, ...combo });
    if (!parsed.success)
      for (const i of parsed.error.issues)
        problems.push({ path: `train.sweep.params.${i.path.join(".") || (i as { keys?: string[] }).keys?.join(",")}`, message: i.message });
    return parsed.success ? (parsed.data as Record<string, unknown>) : {};
  });
  const unique = new Map(problems.map((p) => [`${p.path}:${p.message}`, p]));
  return { trials, problems: [...unique.values()] };
}
