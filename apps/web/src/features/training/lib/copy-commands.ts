/** The spec as a shell command a teammate can paste: curl against the API, or the CLI. */
export function asCurl(origin: string, spec: unknown): string {
  return [
    `curl -X POST ${origin}/api/v1/jobs \\`,
    `  -H "authorization: Bearer $ROUNDHOUSE_TOKEN" -H "content-type: application/json" \\`,
    "  --data-binary @- <<'SPEC'",
    JSON.stringify(spec, null, 2),
    "SPEC",
  ].join("\n");
}

export function asCli(origin: string, spec: unknown): string {
  return [
    "cat > spec.json <<'SPEC'",
    JSON.stringify(spec, null, 2),
    "SPEC",
    `ROUNDHOUSE_URL=${origin} roundhouse jobs submit spec.json --watch`,
  ].join("\n");
}
