// "Call this model" as code people paste: curl, Python (requests), TypeScript (fetch) and the CLI,
// each filled with the model's name, the version or alias, and a row of its real features.
export interface SnippetInput {
  origin: string;
  model: string;
  alias: string | null;
  version: number;
  row: Record<string, unknown>;
}

const target = (s: SnippetInput) => (s.alias ? `alias=${encodeURIComponent(s.alias)}` : `version=${s.version}`);
const endpoint = (s: SnippetInput) => `${s.origin}/api/v1/models/${encodeURIComponent(s.model)}/predict?${target(s)}`;
const shellQuote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

export function curlSnippet(s: SnippetInput): string {
  return [
    `curl -X POST ${shellQuote(endpoint(s))} \\`,
    `  -H "Authorization: Bearer $ROUNDHOUSE_TOKEN" \\`,
    `  -H "Content-Type: application/json" \\`,
    `  -d ${shellQuote(JSON.stringify(s.row))}`,
  ].join("\n");
}

const pythonValue = (v: unknown): string =>
  v === null || v === undefined ? "None" : typeof v === "boolean" ? (v ? "True" : "False") : JSON.stringify(v);

export function pythonSnippet(s: SnippetInput): string {
  const fields = Object.entries(s.row).map(([k, v]) => `        ${JSON.stringify(k)}: ${pythonValue(v)},`);
  return [
    "import os",
    "import requests",
    "",
    "answer = requests.post(",
    `    ${JSON.stringify(`${s.origin}/api/v1/models/${encodeURIComponent(s.model)}/predict`)},`,
    `    params={${s.alias ? `"alias": ${JSON.stringify(s.alias)}` : `"version": ${s.version}`}},`,
    '    headers={"Authorization": f"Bearer {os.environ[\'ROUNDHOUSE_TOKEN\']}"},',
    "    json={",
    ...fields,
    "    },",
    "    timeout=10,",
    ")",
    "answer.raise_for_status()",
    'prediction = answer.json()["predictions"][0]',
    'print(prediction["prediction"], prediction.get("probabilities"), prediction["decisionId"])',
  ].join("\n");
}

export function typescriptSnippet(s: SnippetInput): string {
  const fields = Object.entries(s.row).map(
    ([k, v]) => `    ${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${JSON.stringify(v ?? null)},`,
  );
  return [
    `const res = await fetch(${JSON.stringify(endpoint(s))}, {`,
    '  method: "POST",',
    "  headers: {",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the snippet's own template literal
    "    Authorization: `Bearer ${process.env.ROUNDHOUSE_TOKEN}`,",
    '    "Content-Type": "application/json",',
    "  },",
    "  body: JSON.stringify({",
    ...fields.map((f) => `  ${f}`),
    "  }),",
    "});",
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the snippet's own template literal
    "if (!res.ok) throw new Error(`Roundhouse answered ${res.status}: ${await res.text()}`);",
    "const { predictions } = await res.json();",
    "console.log(predictions[0].prediction, predictions[0].decisionId);",
  ].join("\n");
}

export function cliSnippet(s: SnippetInput): string {
  return [
    `export ROUNDHOUSE_URL=${shellQuote(s.origin)} ROUNDHOUSE_TOKEN=rh_…`,
    `roundhouse models predict ${shellQuote(s.model)} ${s.alias ? `--alias ${s.alias}` : `--version ${s.version}`} \\`,
    `  --row ${shellQuote(JSON.stringify(s.row))}`,
  ].join("\n");
}
