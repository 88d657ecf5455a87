// `roundhouse audit export` and `roundhouse audit verify`: take the audit trail away from the
// server and check it where neither the server nor its database can interfere.
import fs from "node:fs";
import type { Problem } from "@roundhouse/contracts";
import { type ExportLine, readPublicKey, verifyExport } from "@roundhouse/db/audit-offline";
import { ApiFailure, connection } from "./api-client.ts";

/** Signs the chains' heads now, then streams every event and checkpoint to FILE (or stdout). */
export async function auditExport(opts: { out?: string }) {
  const { url, token } = connection();
  const headers = { authorization: `Bearer ${token}` };
  const signed = await fetch(`${url}/api/v1/audit-events/checkpoints`, { method: "POST", headers });
  if (!signed.ok) throw new ApiFailure(signed.status, (await signed.json().catch(() => ({}))) as Partial<Problem>);
  const res = await fetch(`${url}/api/v1/audit-events/export`, { headers });
  if (!res.ok || !res.body) throw new ApiFailure(res.status, (await res.json().catch(() => ({}))) as Partial<Problem>);
  const out = opts.out ? fs.createWriteStream(opts.out, { mode: 0o600 }) : process.stdout;
  let lines = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    lines += chunk.reduce((n, b) => n + (b === 10 ? 1 : 0), 0);
    out.write(chunk);
  }
  if (opts.out) {
    await new Promise<void>((resolve) => (out as fs.WriteStream).end(resolve));
    process.stderr.write(`wrote ${lines} lines to ${opts.out}\n`);
  }
}

/** Checks an export offline with the installation's public key; exit code 1 when anything is wrong. */
export function auditVerify(file: string, opts: { publicKey: string }) {
  const publicKey = readPublicKey(fs.readFileSync(opts.publicKey, "utf8"));
  const lines = fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((text, i) => {
      try {
        return JSON.parse(text) as ExportLine;
      } catch {
        throw new Error(`${file}:${i + 1} is not JSON: the file is damaged.`);
      }
    });
  const report = verifyExport(lines, publicKey);
  if (report.ok) {
    const latest = report.checkpoints.latest;
    console.log(
      `ok: ${report.events} events chained, ${report.checkpoints.checked} signed checkpoint(s) verified` +
        (latest
          ? `; the latest, at ${latest.at}, signed event #${latest.auditSeq}`
          : "; no checkpoint: only internal consistency was checked"),
    );
    return;
  }
  const where = report.firstBroken
    ? `event #${report.firstBroken.seq}: ${report.firstBroken.reason}`
    : `checkpoint of ${report.checkpoints.firstBroken?.checkpointAt}: ${report.checkpoints.firstBroken?.reason}`;
  console.log(`TAMPERED: ${where}`);
  process.exitCode = 1;
}
