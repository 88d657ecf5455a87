// The browser's way to call /api/v1: JSON in and out, problem+json errors thrown as ApiError so
// forms can put each field problem next to its field.
import type { FieldProblem, Problem } from "@roundhouse/contracts";

export class ApiError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
  fieldError(path: string): string | undefined {
    return this.problem.errors?.find((e: FieldProblem) => e.path === path)?.message;
  }
}

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const res = await fetch(path, {
    ...rest,
    headers: { ...(json !== undefined ? { "content-type": "application/json" } : {}), ...rest.headers },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  if (res.status === 204) return undefined as T;
  const body = await res.json().catch(() => null);
  if (!res.ok) {
    throw new ApiError(
      body?.status ? body : { type: "about:blank", title: res.statusText, status: res.status, detail: res.statusText, code: "internal" },
    );
  }
  return body as T;
}
