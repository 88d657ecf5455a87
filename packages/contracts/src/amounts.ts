// Numbers written as a spreadsheet shows them: "$1,711.92", "12.50 €", "4%". An upload reads a
// column of them as numbers (the data package's formatted-numbers.ts); serving names the number a
// client should send instead of one. The patterns are RE2 (DuckDB) and JavaScript alike.

/** The currency signs an amount may carry, before or after it. */
export const CURRENCY_SIGNS = "$€£¥";
/** An amount: a sign, thousands groups of three, a decimal point, a currency or percent sign. */
export const AMOUNT_PATTERN = `[-+]?[${CURRENCY_SIGNS}]?\\s?[-+]?(([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\\.[0-9]+)?|\\.[0-9]+)\\s?[${CURRENCY_SIGNS}]?\\s?%?`;
/**
 * What makes an amount more than a plain number, unambiguously: a currency or percent sign, or
 * thousands groups before a point or another group ("1,500" alone may be one and a half).
 */
export const FORMATTED_AMOUNT_PATTERN = `[${CURRENCY_SIGNS}%]|[0-9],[0-9]{3}[,.]`;
/** The characters dropped to read an amount as a number. */
export const AMOUNT_MARKS_PATTERN = `[${CURRENCY_SIGNS}%,\\s]`;

const amount = new RegExp(`^(${AMOUNT_PATTERN})$`);
const formatted = new RegExp(FORMATTED_AMOUNT_PATTERN);
const marks = new RegExp(AMOUNT_MARKS_PATTERN, "g");

/** The number an amount written as a spreadsheet writes it stands for ("$2,100.00" is 2100), or null. */
export function amountValue(text: string): number | null {
  const t = text.trim();
  if (!amount.test(t) || !formatted.test(t)) return null;
  const n = Number(t.replace(marks, ""));
  return Number.isFinite(n) ? n : null;
}
