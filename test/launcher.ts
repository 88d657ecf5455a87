// `pnpm start` as a test drives it: the launcher in a child process on a home of its own, its
// output kept, signed-in calls to its API, and (for counting what happened) the owner's URL of its
// embedded PostgreSQL. Needs the built web app (`pnpm test:int` builds it first).
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export interface Launcher {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

export function launcherHarness(prefix: string, extraEnv: NodeJS.ProcessEnv = {}) {
  if (!fs.existsSync(path.join(root, "apps/web/.next/BUILD_ID"))) {
    throw new Error("The launcher tests need the built web app: run `pnpm build` first (`pnpm test` does).");
  }
  const home = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(home, 0o755);
  const running = new Set<ChildProcess>();

  async function launch(webPort: number, pgPort: number): Promise<Launcher> {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ROUNDHOUSE_HOME: home,
      PORT: String(webPort),
      ROUNDHOUSE_PG_PORT: String(pgPort),
      ...extraEnv,
    };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    running.add(child);
    let out = "";
    child.stdout?.on("data", (d) => (out += d));
    child.stderr?.on("data", (d) => (out += d));
    const exited = new Promise<number | null>((resolve) =>
      child.on("exit", (code) => {
        running.delete(child);
        resolve(code);
      }),
    );
    const deadline = Date.now() + 90_000;
    while (!out.includes("Roundhouse is running")) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`launcher did not become ready:\n${out}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return { child, output: () => out, exited };
  }

  async function cleanUp() {
    for (const child of running) child.kill("SIGINT");
    await new Promise((r) => setTimeout(r, 3000));
    fs.rmSync(home, { recursive: true, force: true });
  }

  /** The embedded cluster's owner URL (its password is kept beside the cluster). */
  function ownerUrl(pgPort: number) {
    const { owner } = JSON.parse(fs.readFileSync(path.join(home, "postgres", "passwords.json"), "utf8")) as { owner: string };
    return `postgresql://roundhouse:${encodeURIComponent(owner)}@127.0.0.1:${pgPort}/roundhouse`;
  }

  const pidOf = (file: string) => Number(fs.readFileSync(path.join(home, file), "utf8").split("\n")[0]);

  return { home, launch, cleanUp, ownerUrl, pidOf };
}

export async function signIn(port: number, email: string, password: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/auth/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: `http://127.0.0.1:${port}` },
    body: JSON.stringify({ email, password }),
  });
  return { status: res.status, cookie: res.headers.get("set-cookie")?.split(";")[0] ?? "" };
}

/** Polls `ok` until it answers true; the error names what did not happen and shows the launcher's last words. */
export async function waitFor(what: string, ok: () => Promise<boolean>, timeoutMs = 30_000, output = () => "") {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok().catch(() => false))) {
    if (Date.now() > deadline) throw new Error(`${what} within ${timeoutMs / 1000} s:\n${output().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
