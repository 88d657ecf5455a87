// The CLI's connection to a Roundhouse server: URL and token from ROUNDHOUSE_URL / ROUNDHOUSE_TOKEN,
// or from ~/.config/roundhouse/config.json ({ "url": ..., "token": ... }).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Problem } from "@roundhouse/contracts";

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly problem: Partial<Problem>,
  ) {
    const details = (problem.errors ?? []).map((e) => `\n  ${e.path || "(body)"}: ${e.message}`).join("");
    super(`${problem.detail ?? `HTTP ${status}`}${details && !problem.detail?.includes(":") ? details : ""}`);
  }
}

export function connection(): { url: string; token: string } {
  const file = path.join(process.env.XDG_CONFIG_HOME ?? path.join(os.homedir(), ".config"), "roundhouse", "config.json");
  const saved = fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, "utf8")) as { url?: string; token?: string }) : {};
  const url = (process.env.ROUNDHOUSE_URL ?? saved.url ?? "http://localhost:3000").replace(/\/$/, "");
  const token = process.env.ROUNDHOUSE_TOKEN ?? saved.token;
  if (!token)
    throw new Error(
      `No API token: set ROUNDHOUSE_TOKEN (create one in the dashboard under Settings), or put {"token": "rh_..."} in ${file}.`,
    );
  return { url, token };
}

export async function call<T>(method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
  const res = await send(method, route, body, headers);
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : undefined;
  if (!res.ok) throw new ApiFailure(res.status, parsed ?? {});
  return parsed as T;
}

/** A GET whose answer is a file: its bytes, or the API's problem as an ApiFailure. */
export async function download(route: string): Promise<Uint8Array> {
  const res = await send("GET", route);
  if (!res.ok) {
    const text = await res.text();
    throw new ApiFailure(res.status, text.startsWith("{") ? JSON.parse(text) : {});
  }
  return new Uint8Array(await res.arrayBuffer());
}

async function send(method: string, route: string, body?: unknown, headers: Record<string, string> = {}): Promise<Response> {
  const { url, token } = connection();
  let res: Response;
  try {
    res = await fetch(`${url}${route}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body !== undefined && !(body instanceof ReadableStream) ? { "content-type": "application/json" } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : body instanceof ReadableStream ? body : JSON.stringify(body),
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit);
  } catch (err) {
    throw new Error(`Cannot reach Roundhouse at ${url} (${(err as Error).message}). Is it running? Set ROUNDHOUSE_URL if it is elsewhere.`);
  }
  return res;
}
