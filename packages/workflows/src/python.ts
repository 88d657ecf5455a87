// Which Python runs workflows, and where the helper package (python/roundhouse_workflow) is.
// Debian's /usr/bin/python3 is preferred: python3-xgboost, -sklearn and -torch install there, while
// a python3 earlier on PATH (pyenv, a virtualenv) may lack them. ROUNDHOUSE_PYTHON overrides.
import fs from "node:fs";
import path from "node:path";

export function pythonCommand(): string {
  if (process.env.ROUNDHOUSE_PYTHON) return process.env.ROUNDHOUSE_PYTHON;
  return fs.existsSync("/usr/bin/python3") ? "/usr/bin/python3" : "python3";
}

let helper: string | undefined;

/**
 * The folder holding roundhouse_workflow: found upward from this file (also when bundled into
 * dist/) or, inside the web app's bundle where the file's own location is not kept, from the cwd.
 */
export function helperDir(): string {
  if (helper) return helper;
  if (process.env.ROUNDHOUSE_PYTHON_HELPER) {
    helper = process.env.ROUNDHOUSE_PYTHON_HELPER;
    return helper;
  }
  const starts = [typeof import.meta.dirname === "string" ? import.meta.dirname : null, process.cwd()].filter((d): d is string => !!d);
  for (const start of starts) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, "python");
      if (fs.existsSync(path.join(candidate, "roundhouse_workflow", "__main__.py"))) {
        helper = candidate;
        return helper;
      }
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error(`cannot find python/roundhouse_workflow above ${starts.join(" or ")}; set ROUNDHOUSE_PYTHON_HELPER`);
}

// What a workflow's Python may see of the platform's environment: a workflow is a team's code,
// and DATABASE_URL, ROUNDHOUSE_SESSION_SECRET or an API token are not its business.
const PASSED = ["PATH", "HOME", "LANG", "LC_ALL", "TZ", "TMPDIR", "USER"];

/** The environment a workflow's Python runs in: the helper importable, output unbuffered, threads capped. */
export function pythonEnv(threads: number): NodeJS.ProcessEnv {
  const passed = Object.fromEntries(PASSED.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]]));
  const threadVars = Object.fromEntries(["OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"].map((k) => [k, String(threads)]));
  return {
    ...passed,
    ...threadVars,
    NODE_ENV: process.env.NODE_ENV,
    PYTHONPATH: helperDir(),
    PYTHONUNBUFFERED: "1",
    PYTHONDONTWRITEBYTECODE: "1",
  };
}
