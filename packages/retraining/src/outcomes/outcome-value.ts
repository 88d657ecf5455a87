// An outcome's value in the model's terms: one of its classes (as serving reads a two-valued
// answer: "yes", true and 1 are the same class when the classes are Yes/No), or a number.

const TRUE_WORDS = new Set(["true", "yes", "y", "t", "1"]);
const FALSE_WORDS = new Set(["false", "no", "n", "f", "0"]);

/** The class name or number the value stands for, or a message saying why it is none. */
export function outcomeValue(
  value: string | number | boolean,
  task: string,
  classes: string[] | null,
): { value: string | number } | { problem: string } {
  if (task === "regression") {
    const n = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : Number.NaN;
    return Number.isFinite(n) ? { value: n } : { problem: `must be a number for a regression model (got ${JSON.stringify(value)})` };
  }
  const known = classes ?? [];
  const text = String(value);
  if (known.includes(text)) return { value: text };
  const folded = known.filter((c) => c.toLowerCase() === text.toLowerCase());
  if (folded.length === 1) return { value: folded[0] as string };
  const word = text.toLowerCase();
  const side = TRUE_WORDS.has(word) ? TRUE_WORDS : FALSE_WORDS.has(word) ? FALSE_WORDS : null;
  const match = side ? known.filter((c) => side.has(c.toLowerCase())) : [];
  if (match.length === 1) return { value: match[0] as string };
  return { problem: `must be one of the model's classes ${known.map((c) => JSON.stringify(c)).join(", ")} (got ${JSON.stringify(value)})` };
}
