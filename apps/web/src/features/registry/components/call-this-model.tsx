"use client";

import { Check, Copy } from "lucide-react";
import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { cliSnippet, curlSnippet, pythonSnippet, type SnippetInput, typescriptSnippet } from "../lib/call-snippets";
import type { CallExample } from "../server/call-example";

const LANGUAGES = [
  { id: "curl", label: "curl", make: curlSnippet },
  { id: "python", label: "Python", make: pythonSnippet },
  { id: "typescript", label: "TypeScript", make: typescriptSnippet },
  { id: "cli", label: "CLI", make: cliSnippet },
] as const;

/** How to get a prediction from this model, in four ways, with its real features and typical values. */
export function CallThisModel({ model, example }: { model: string; example: CallExample }) {
  const [language, setLanguage] = useState<(typeof LANGUAGES)[number]["id"]>("curl");
  const [copied, setCopied] = useState(false);
  // The address people reach this dashboard by is the one the API answers on.
  const [origin, setOrigin] = useState("http://localhost:3000");
  useEffect(() => setOrigin(window.location.origin), []);
  const input: SnippetInput = { origin, model, alias: example.alias, version: example.version, row: example.row };
  const code = (LANGUAGES.find((l) => l.id === language) ?? LANGUAGES[0]).make(input);
  return (
    <div className="flex flex-col gap-2">
      <div role="tablist" aria-label="Language" className="flex gap-1">
        {LANGUAGES.map((l) => (
          <button
            key={l.id}
            type="button"
            role="tab"
            aria-selected={language === l.id}
            onClick={() => setLanguage(l.id)}
            className={
              language === l.id
                ? "rounded-md bg-accent/15 px-2.5 py-1 text-sm font-medium text-accent-strong"
                : "rounded-md px-2.5 py-1 text-sm text-muted hover:bg-surface-muted"
            }
          >
            {l.label}
          </button>
        ))}
        <Button
          size="sm"
          variant="ghost"
          className="ml-auto"
          onClick={() =>
            navigator.clipboard?.writeText(code).then(
              () => setCopied(true),
              () => setCopied(false),
            )
          }
        >
          {copied ? <Check aria-hidden className="size-4" /> : <Copy aria-hidden className="size-4" />} Copy
        </Button>
      </div>
      <pre role="tabpanel" data-testid="call-snippet" className="overflow-x-auto rounded-md bg-surface-muted p-3 text-xs leading-relaxed">
        <code>{code}</code>
      </pre>
      <p className="text-xs text-muted">
        {example.alias ? `The version holding “${example.alias}” (now v${example.version})` : `Version ${example.version}`} answers; the row
        holds typical values of its training data. Every answer is logged as a decision. Create a token under Settings.
      </p>
    </div>
  );
}
