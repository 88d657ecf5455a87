/// <reference path="./s3rver.d.ts" />
// An S3-protocol server for tests (npm s3rver on a folder), run as its own process so that its
// memory and CPU are not counted as the store's, and so that tests can put it in a network namespace.
// `node --import tsx s3-test-server.ts <dir> <address> <port> <bucket>` prints {"port":N} when ready.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

export interface S3TestServer {
  endpoint: string;
  bucket: string;
  /** Client settings for s3rver's fixed credentials. */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startS3TestServer({
  dir,
  bucket = "roundhouse-test",
  address = "127.0.0.1",
}: {
  dir: string;
  bucket?: string;
  address?: string;
}): Promise<S3TestServer> {
  fs.mkdirSync(dir, { recursive: true });
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), dir, address, "0", bucket], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`s3rver exited (${code}) before it was ready`)));
    createInterface({ input: child.stdout as NodeJS.ReadableStream }).once("line", (line) =>
      resolve((JSON.parse(line) as { port: number }).port),
    );
  });
  const endpoint = `http://${address}:${port}`;
  return {
    endpoint,
    bucket,
    env: { AWS_ENDPOINT_URL: endpoint, AWS_REGION: "us-east-1", AWS_ACCESS_KEY_ID: "S3RVER", AWS_SECRET_ACCESS_KEY: "S3RVER" },
    close: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, address, port, bucket] = process.argv.slice(2) as [string, string, string, string];
  const { default: S3rver } = await import("s3rver");
  const server = new S3rver({ directory: dir, address, port: Number(port), silent: true, configureBuckets: [{ name: bucket }] });
  const info = await server.run();
  process.stdout.write(`${JSON.stringify({ port: info.port })}\n`);
  process.on("SIGTERM", () => void server.close().then(() => process.exit(0)));
}
