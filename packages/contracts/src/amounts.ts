// Numbers written as a spreadsheet shows them: "$1,711.92", "12.50 €", "4%", an accountant's
// negative "(2,000.00)" or SAP's "2.000,00-", and in much of Europe "1.234,50" or "1 234,50" (a
// space, or Excel's no-break space, between thousands). An upload reads a column of them as numbers (the data package's
// formatted-numbers.ts); serving names the number a client should send instead of one. The patterns
// are RE2 (DuckDB) and JavaScript alike.
import type { DecimalMark } from "./api/datasets.ts";

/** The currency signs an amount may carry, before or after it. */
export const CURRENCY_SIGNS = "$€£¥₹₽₩₺₪";
/** The ISO codes a bank or an ERP writes an amount with instead ("USD 1,234.00", "1.234,50 EUR", "CHF 1'234.50"). */
const CURRENCY_CODES = "USD|EUR|GBP|CHF|JPY|CNY|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|RON|INR|BRL|MXN|ZAR|HKD|SGD|KRW|TRY|ILS|AED";
/** A currency sign or code. */
export const CURRENCY_PATTERN = `(?:[${CURRENCY_SIGNS}]|${CURRENCY_CODES})`;
/** Spaces that group thousands in either convention: a space, a no-break space and a narrow one (Excel in French). */
const GROUP_SPACES = " \u00a0\u202f";
const CURRENCY = CURRENCY_PATTERN;

/** What groups thousands with each decimal mark: a comma (or an apostrophe) before a point; a point before a comma; spaces with either. */
const groups = (mark: DecimalMark) => (mark === "." ? `[,'${GROUP_SPACES}]` : `[.${GROUP_SPACES}]`);
const decimal = (mark: DecimalMark) => (mark === "." ? "\\." : ",");

/**
 * An amount: a sign, thousands groups of three, a decimal mark, a currency or percent sign; or one
 * in parentheses, or with a minus after it (negatives).
 */
export function amountPattern(mark: DecimalMark = "."): string {
  const number = `(([0-9]{1,3}(${groups(mark)}[0-9]{3})+|[0-9]+)(${decimal(mark)}[0-9]+)?|${decimal(mark)}[0-9]+)`;
  const signed = `[-+]?${CURRENCY}?\\s?[-+]?${number}\\s?${CURRENCY}?\\s?%?`;
  return `(?:${signed}-?|${CURRENCY}?\\(${signed}\\)${CURRENCY}?)`;
}

/**
 * What makes an amount more than a plain number, unambiguously: a currency or percent sign,
 * parentheses or a minus after it, thousands grouped by a space or an apostrophe, or thousands groups before a decimal
 * mark or another group ("1,500" alone may be one and a half, and "1.500" in a decimal-comma file).
 */
export function formattedAmountPattern(mark: DecimalMark = "."): string {
  const unambiguous =
    mark === "." ? `[0-9],[0-9]{3}[,.]|[0-9]['${GROUP_SPACES}][0-9]{3}` : `[0-9]\\.[0-9]{3}[.,]|[0-9][${GROUP_SPACES}][0-9]{3}`;
  return `[${CURRENCY_SIGNS}%(]|\\b(?:${CURRENCY_CODES})\\b|[0-9%]-$|${unambiguous}`;
}

/** The currency codes and characters dropped to read an amount as a number (a decimal comma is then made a point; a minus after it, negative). */
export function amountMarksPattern(mark: DecimalMark = "."): string {
  return `${CURRENCY_CODES}|[${CURRENCY_SIGNS}%()${mark === "." ? ",'" : "."}${GROUP_SPACES}\\s]`;
}

const patterns = (mark: DecimalMark) => ({
  amount: new RegExp(`^${amountPattern(mark)}$`),
  formatted: new RegExp(formattedAmountPattern(mark)),
  marks: new RegExp(amountMarksPattern(mark), "g"),
});
const byMark = { ".": patterns("."), ",": patterns(",") };

/** Whether an amount is negative by its parentheses or a minus after it ("(5.00)", "5,00-"). */
export const NEGATIVE_AMOUNT_PATTERN = "\\(|-$";
const negative = new RegExp(NEGATIVE_AMOUNT_PATTERN);

/** The number an amount written as a spreadsheet writes it stands for ("$2,100.00" is 2100, "(5.00)" and "5.00-" are −5), or null. */
export function amountValue(text: string, mark: DecimalMark = "."): number | null {
  const t = text.trim();
  const { amount, formatted, marks } = byMark[mark];
  if (!amount.test(t) || !formatted.test(t)) return null;
  const n = Number(t.replace(marks, "").replace(/-$/, "").replace(",", "."));
  if (!Number.isFinite(n)) return null;
  return negative.test(t) ? -n : n;
}
