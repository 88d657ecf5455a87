// An open-loop load generator for `pnpm bench:serve`: requests are sent at a fixed rate, spread
// evenly over each second, whether or not earlier ones have been answered (as real clients do).
// autocannon's fixed-rate mode cannot measure this: each connection sends its whole quota for the
// second back to back at the start of the second, then waits, and its latency histogram adds
// synthetic samples for every answer slower than 1 ms. That made a server answering in 1 ms show a
// p99 of 35 ms.
//
// A latency is from the moment the request is handed to node:http (it waits there when every
// connection is busy, so server-side queueing counts) to the end of the answer.
import http from "node:http";

export interface OpenLoopResult {
  rate: number;
  /** Answers per second actually received over the run. */
  rps: number;
  ok: number;
  failed: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
}

export async function openLoop(options: {
  url: string;
  body: string;
  headers: Record<string, string>;
  rate: number;
  seconds: number;
  connections: number;
}): Promise<OpenLoopResult> {
  const { rate, seconds } = options;
  const url = new URL(options.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.connections });
  const headers = { ...options.headers, "content-length": String(Buffer.byteLength(options.body)) };
  const total = Math.round(rate * seconds);
  const latencies = new Float64Array(total);
  let sent = 0;
  let answered = 0;
  let ok = 0;
  let failed = 0;
  const start = performance.now();
  await new Promise<void>((resolve) => {
    const finish = () => {
      answered++;
      if (answered === total) resolve();
    };
    const send = () => {
      const at = performance.now();
      const index = sent++;
      let settled = false;
      const settle = (success: boolean) => {
        if (settled) return;
        settled = true;
        latencies[index] = performance.now() - at;
        if (success) ok++;
        else failed++;
        finish();
      };
      const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: "POST", agent, headers }, (res) => {
        res.resume();
        res.on("end", () => settle(res.statusCode === 200));
      });
      // An answer that never comes counts as failed rather than hanging the bench.
      req.setTimeout(10_000, () => req.destroy(new Error("no answer in 10 s")));
      req.on("error", () => settle(false));
      req.end(options.body);
    };
    // Timers fire about every millisecond: each tick sends the requests due by then (5 per tick at
    // 5,000/s), which is as even as a timer-driven client gets without spinning a core.
    const tick = () => {
      const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate));
      while (sent < due) send();
      if (sent < total) setTimeout(tick, 1);
    };
    tick();
  });
  const elapsed = (performance.now() - start) / 1000;
  agent.destroy();
  const sorted = latencies.sort();
  const at = (q: number) => Number((sorted[Math.min(total - 1, Math.floor(q * total))] as number).toFixed(2));
  return { rate, rps: answered / elapsed, ok, failed, p50: at(0.5), p99: at(0.99), p999: at(0.999), max: at(1) };
}
