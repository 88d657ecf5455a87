// Numbers written as a spreadsheet shows them: "$1,711.92", "12.50 €", "4%", "(2,000.00)", and in a
// decimal-comma file "1.234,50" or "1 234,50". Read as they are they are text, and a model takes
// every amount for a category of its own: no new customer's fee is one it has seen. A text column
// whose every value is such a number (with a currency sign, a percent sign, parentheses or
// unambiguous thousands separators in some) is read as numbers, and the upload says so.
// "1,234" alone is left as text: it may be a thousand and more, or a number with a decimal comma.
// The patterns are the contracts package's amounts.ts (serving names the number behind an amount).
import {
  amountMarksPattern,
  amountPattern,
  amountValue,
  CURRENCY_PATTERN,
  type DecimalMark,
  formattedAmountPattern,
  NEGATIVE_AMOUNT_PATTERN,
} from "@roundhouse/contracts";
import { type DuckConnection, ident, literal, queryRows } from "./duckdb.ts";

/** Candidates are found in this many rows; a candidate is then checked over the whole file. */
const SAMPLE_ROWS = 100_000;

export interface FormattedNumbers {
  /** `reader` with the formatted columns turned into numbers (DOUBLE). */
  sql: string;
  notes: string[];
}

/**
 * `reader` reads the file with its types; `text` reads it with every column as text and the same
 * null markers. `forced` are the columns whose type the upload set: they are left as they are.
 * `mark` is the file's decimal mark, which decides what groups thousands; `amountColumns` are the
 * columns that may be amounts, when known.
 */
export async function withFormattedNumbers(
  c: DuckConnection,
  reader: string,
  text: string,
  forced: string[],
  mark: DecimalMark,
  amountColumns?: string[],
): Promise<FormattedNumbers> {
  // A column with a formatted amount in it is text to the typed reader: no need to ask it (that
  // would read the whole file once more to guess its types). `amountColumns`, when the decimal mark's
  // look at the values found them, are the only columns that may be amounts (in a 1,000-column
  // file, the DESCRIBE of the text reading alone took 1.4 s and the look at every column 1.4 s more).
  const columns = (amountColumns ?? (await queryRows(c, `DESCRIBE SELECT * FROM ${text}`)).map((r) => String(r.column_name))).filter(
    (name) => !forced.includes(name),
  );
  if (columns.length === 0) return { sql: reader, notes: [] };
  const candidates = await withFormattedValues(c, `(SELECT * FROM ${text} LIMIT ${SAMPLE_ROWS})`, columns, mark);
  if (candidates.length === 0) return { sql: reader, notes: [] };
  // Every value of the whole file must be an amount: one that is not keeps its column text.
  const found = await formatted(c, text, candidates, mark);
  if (found.length === 0) return { sql: reader, notes: [] };
  const replaced = found.map((f) => `${numberOf(ident(f.name), mark)} AS ${ident(f.name)}`);
  return {
    sql: `(SELECT * REPLACE (${replaced.join(", ")}) FROM ${reader})`,
    notes: found.map((f) => {
      const plain = amountValue(f.example, mark);
      const marks =
        f.sign === "%" ? "its percent signs" : f.sign ? "its currency signs and thousands separators" : "its thousands separators";
      const what = f.negatives ? `${marks}, and amounts ${f.negatives} as negative` : marks;
      return `Read "${f.name}" as numbers, without ${what} (${JSON.stringify(f.example)} as ${plain}). Upload with types {"${f.name}": "string"} to keep it as text.`;
    }),
  };
}

/**
 * The columns of `from` with a formatted amount in them: one cheap test per column (bool_or; a
 * count of matches per column made a 1,000-column file's upload take 11 s longer, against 0.4 s).
 */
async function withFormattedValues(c: DuckConnection, from: string, columns: string[], mark: DecimalMark): Promise<string[]> {
  const tests = columns.map((name, i) => `bool_or(regexp_matches(${ident(name)}, ${literal(formattedAmountPattern(mark))})) AS f${i}`);
  const [row] = await queryRows(c, `SELECT ${tests.join(", ")} FROM ${from}`);
  return columns.filter((_, i) => row?.[`f${i}`] === true);
}

interface Formatted {
  name: string;
  /** A value that shows the format. */
  example: string;
  /** Its one sign ("$", "%"...), or "" for thousands separators only. */
  sign: string;
  /** How its negatives are written, when not with a leading minus: "in parentheses" (accountants), "with a minus after them" (SAP). */
  negatives: string;
}

/** The columns of `from` whose every value is an amount, some formatted, with one sign at most. */
async function formatted(c: DuckConnection, from: string, columns: string[], mark: DecimalMark): Promise<Formatted[]> {
  const parts = columns.flatMap((name, i) => {
    const v = `trim(${ident(name)})`;
    const sign = `regexp_extract(${v}, ${literal(`${CURRENCY_PATTERN}|%`)})`;
    return [
      `count(${ident(name)}) AS n${i}`,
      `count_if(regexp_full_match(${v}, ${literal(amountPattern(mark))})) AS m${i}`,
      `min(CASE WHEN regexp_matches(${v}, ${literal(formattedAmountPattern(mark))}) THEN ${v} END) AS e${i}`,
      `count(DISTINCT nullif(${sign}, '')) AS s${i}`,
      `min(nullif(${sign}, '')) AS g${i}`,
      `bool_or(contains(${v}, '(')) AS p${i}`,
      `bool_or(ends_with(${v}, '-')) AS t${i}`,
    ];
  });
  const [row] = await queryRows(c, `SELECT ${parts.join(", ")} FROM ${from}`);
  const n = (key: string) => Number(row?.[key] ?? 0);
  return columns.flatMap((name, i) => {
    const example = row?.[`e${i}`];
    if (n(`n${i}`) === 0 || n(`m${i}`) !== n(`n${i}`) || typeof example !== "string" || n(`s${i}`) > 1) return [];
    const negatives = [row?.[`p${i}`] === true ? "in parentheses" : "", row?.[`t${i}`] === true ? "with a minus after them" : ""].filter(
      Boolean,
    );
    return [{ name, example, sign: String(row?.[`g${i}`] ?? ""), negatives: negatives.join(" or ") }];
  });
}

/** The number an amount column's value stands for, as amountValue reads it: marks dropped, a decimal comma made a point, parentheses or a minus after it negative. */
function numberOf(value: string, mark: DecimalMark): string {
  const digits = `regexp_replace(regexp_replace(trim(${value}), ${literal(amountMarksPattern(mark))}, '', 'g'), '-$', '')`;
  const number = `CAST(${mark === "," ? `replace(${digits}, ',', '.')` : digits} AS DOUBLE)`;
  return `CASE WHEN regexp_matches(trim(${value}), ${literal(NEGATIVE_AMOUNT_PATTERN)}) THEN -${number} ELSE ${number} END`;
}
