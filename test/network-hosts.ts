// Hosts on one machine for tests: each a network namespace (`ip netns`) joined to this one by a veth
// pair, with its own loopback. A host reaches only what the test forwards to its gateway address
// (gatewayPort: a TCP relay bound to the host-side end of its veth), so a worker in it sees
// PostgreSQL and the S3 endpoint and nothing else of this machine. Needs root, as CI runs.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";

export interface NetworkHost {
  name: string;
  /** This machine's end of the veth: what the host dials to reach a relayed service. */
  gateway: string;
  /** The host's own address, as this machine reaches it. */
  address: string;
  /** Starts a process inside the host; its environment is exactly `env` plus PATH. */
  spawn(cmd: string, args: string[], env: Record<string, string>): ChildProcess;
}

const ip = (...args: string[]) => execFileSync("ip", args, { stdio: ["ignore", "ignore", "pipe"] });

export function networkHosts() {
  const tag = randomBytes(3).toString("hex");
  const made: string[] = [];
  const relays: net.Server[] = [];
  let subnet = 0;
  // 10.(200+x).(y).0/30 per host, from the tag, so two test runs on one machine do not collide.
  const second = 200 + (Number.parseInt(tag.slice(0, 2), 16) % 50);

  return {
    add(name: string): NetworkHost {
      const ns = `rh-${tag}-${name}`;
      const n = ++subnet;
      const [outer, inner] = [`rh${tag}${n}a`, `rh${tag}${n}b`];
      const [gateway, address] = [`10.${second}.${n}.1`, `10.${second}.${n}.2`];
      ip("netns", "add", ns);
      made.push(ns);
      ip("link", "add", outer, "type", "veth", "peer", "name", inner);
      ip("link", "set", inner, "netns", ns);
      ip("addr", "add", `${gateway}/30`, "dev", outer);
      ip("link", "set", outer, "up");
      ip("-n", ns, "addr", "add", `${address}/30`, "dev", inner);
      ip("-n", ns, "link", "set", inner, "up");
      ip("-n", ns, "link", "set", "lo", "up");
      return {
        name,
        gateway,
        address,
        spawn: (cmd, args, env) =>
          spawn("ip", ["netns", "exec", ns, cmd, ...args], {
            env: { PATH: process.env.PATH ?? "", ...env },
            stdio: ["ignore", "pipe", "pipe"],
          }),
      };
    },

    /** Forwards `gateway:port` (every host's gateway) to `target` on this machine; returns the port. */
    async relay(hostsToServe: NetworkHost[], target: { host: string; port: number }): Promise<number> {
      let port = 0;
      for (const h of hostsToServe) {
        const server = net.createServer((inbound) => {
          const outbound = net.connect(target.port, target.host);
          inbound.pipe(outbound).pipe(inbound);
          const close = () => {
            inbound.destroy();
            outbound.destroy();
          };
          inbound.on("error", close);
          outbound.on("error", close);
        });
        await new Promise<void>((resolve, reject) => server.once("error", reject).listen(port, h.gateway, () => resolve()));
        port = (server.address() as net.AddressInfo).port; // the same port on every gateway
        relays.push(server);
      }
      return port;
    },

    /** Removes the namespaces (their veth ends go with them) and closes the relays. */
    close() {
      for (const r of relays) r.close();
      for (const ns of made) {
        try {
          ip("netns", "del", ns);
        } catch {
          // already gone
        }
      }
    },
  };
}
