// Pid files for the processes the launcher starts, so a start after a crash (kill -9 of the
// launcher) can end what the previous launcher left behind before it needs the same ports.
import fs from "node:fs";
import path from "node:path";

const runDir = (home: string) => path.join(home, "run");

export function recordChild(home: string, name: string, pid: number) {
  fs.mkdirSync(runDir(home), { recursive: true });
  fs.writeFileSync(path.join(runDir(home), `${name}.pid`), String(pid));
}

export function forgetChild(home: string, name: string) {
  fs.rmSync(path.join(runDir(home), `${name}.pid`), { force: true });
}

/** Stops processes recorded by an earlier launcher that are still alive; returns their names. */
export async function stopLeftovers(home: string): Promise<string[]> {
  if (!fs.existsSync(runDir(home))) return [];
  const stopped: string[] = [];
  for (const file of fs.readdirSync(runDir(home)).filter((f) => f.endsWith(".pid"))) {
    const name = file.slice(0, -4);
    const pid = Number(fs.readFileSync(path.join(runDir(home), file), "utf8"));
    // Only a node process: after a reboot the pid may belong to something else entirely.
    if (alive(pid) && isNode(pid)) {
      process.kill(pid, "SIGTERM");
      for (let i = 0; i < 100 && alive(pid); i++) await new Promise((r) => setTimeout(r, 100));
      if (alive(pid)) process.kill(pid, "SIGKILL");
      stopped.push(`${name} (pid ${pid})`);
    }
    forgetChild(home, name);
  }
  return stopped;
}

function alive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

// By executable, not command line: Next renames its process title to "next-server (vX)".
function isNode(pid: number) {
  try {
    return path.basename(fs.readlinkSync(`/proc/${pid}/exe`)) === path.basename(process.execPath);
  } catch {
    return false;
  }
}
