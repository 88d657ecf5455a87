// An event's before and after as a readable change: one line per field, what it was and what it
// became, with long text (a justification, a comment) shown whole.
const show = (v: unknown): string => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v));

// What an event is about first, then the change, then the words of the people who made it.
const ORDER = ["model", "version", "alias", "name", "status", "justification", "comment", "reason"];
const rank = (k: string) => (ORDER.includes(k) ? ORDER.indexOf(k) : ORDER.length);

const LABELS: Record<string, string> = { modelVersionId: "model version id", requestId: "request id" };

export function AuditChange({ before, after }: { before: unknown; after: unknown }) {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].sort((x, y) => rank(x) - rank(y));
  if (keys.length === 0) return <p className="text-sm text-muted">This event records no before or after.</p>;
  return (
    <dl className="grid grid-cols-[minmax(8rem,max-content)_1fr] gap-x-4 gap-y-1.5 text-sm">
      {keys.map((k) => {
        const was = show(b[k]);
        const now = show(a[k]);
        return (
          <div key={k} className="contents">
            <dt className="font-medium text-muted">{LABELS[k] ?? k}</dt>
            <dd className="min-w-0 whitespace-pre-wrap break-words">
              {k in b && k in a && was !== now ? (
                <>
                  <del className="text-danger">{was}</del> → <ins className="text-success no-underline">{now}</ins>
                </>
              ) : k in a ? (
                now
              ) : (
                <del className="text-danger" title="removed">
                  {was}
                </del>
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function asRecord(v: unknown): Record<string, unknown> {
  if (v && typeof v === "object" && !Array.isArray(v)) return v as Record<string, unknown>;
  return v === null || v === undefined ? {} : { value: v };
}
