import { Invalid } from "./errors.ts";

/**
 * A parsed JSON body the database can take: no NUL characters in strings or keys (PostgreSQL
 * rejects them) and nesting at most MAX_DEPTH deep (a 100k-deep value overflowed the stack when
 * it was written back out). Walked without recursion.
 */
const MAX_DEPTH = 64;

export function assertStorableJson(value: unknown): void {
  const stack: [unknown, string, number][] = [[value, "", 0]];
  while (stack.length) {
    const [v, path, depth] = stack.pop() as [unknown, string, number];
    if (typeof v === "string") {
      if (v.includes("\0"))
        throw new Invalid(`The body has a NUL character at ${path || "the top"}.`, [{ path, message: "contains a NUL character" }]);
    } else if (v !== null && typeof v === "object") {
      if (depth >= MAX_DEPTH)
        throw new Invalid(`The body is nested more than ${MAX_DEPTH} levels deep.`, [
          { path, message: `nested deeper than ${MAX_DEPTH} levels` },
        ]);
      for (const [k, child] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        if (k.includes("\0"))
          throw new Invalid("The body has a NUL character in a key.", [{ path: at, message: "key contains a NUL character" }]);
        stack.push([child, at, depth + 1]);
      }
    }
  }
}

// A caller's request id is kept (and logged, and stored with decisions) only when it is short and
// printable; anything else is replaced, so it cannot bloat rows or forge log lines.
const REQUEST_ID = /^[\x21-\x7e]{1,128}$/;

export function usableRequestId(given: string | null | undefined): string | undefined {
  return given && REQUEST_ID.test(given) ? given : undefined;
}
