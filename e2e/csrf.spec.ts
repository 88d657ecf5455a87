// Cross-site request forgery: a page on another port of the same host (same site, so SameSite=Lax
// still sends the session cookie) tries to act for a signed-in user, and a cookie is replayed with
// a foreign Origin. Every such write is refused and changes nothing; token calls are unaffected.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { ACCOUNTS, ORIGIN, signInThroughForm } from "./helpers";

test("a page on another port cannot act for a signed-in engineer; a foreign-Origin cookie call is refused", async ({
  page,
  playwright,
  baseURL,
}) => {
  await signInThroughForm(page, "engineer");
  const tokens = async () => ((await (await page.request.get("/api/v1/tokens")).json()).items as unknown[]).length;
  const before = await tokens();

  // The attacker's page: a form that posts a token request as text/plain, and a fetch with credentials.
  const evil = http.createServer((_req, res) => {
    res.setHeader("content-type", "text/html");
    res.end(`<!doctype html><body>
      <form id="f" method="POST" action="${ORIGIN}/api/v1/tokens" enctype="text/plain">
        <input name='{"name":"stolen","x":"' value='"}'>
      </form>
      <script>
        fetch("${ORIGIN}/api/v1/tokens", { method: "POST", credentials: "include", mode: "no-cors",
          headers: { "content-type": "text/plain" }, body: JSON.stringify({ name: "stolen-by-fetch" }) })
          .finally(() => document.getElementById("f").submit());
      </script></body>`);
  });
  await new Promise<void>((resolve) => evil.listen(0, "127.0.0.1", resolve));
  const evilPort = (evil.address() as AddressInfo).port;
  try {
    await page.goto(`http://localhost:${evilPort}/`);
    await expect(page.locator("body")).toContainText("Cross-site request refused", { timeout: 15_000 });
  } finally {
    evil.close();
  }
  expect(await tokens()).toBe(before);

  // The same cookie replayed by a script with a foreign Origin, or with none, or as text/plain.
  const cookies = await page.context().cookies();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const api = await playwright.request.newContext({ baseURL });
  const post = (headers: Record<string, string>, data: string) => api.post("/api/v1/tokens", { headers: { cookie, ...headers }, data });
  const body = JSON.stringify({ name: "curl" });
  expect((await post({ origin: `http://localhost:${evilPort}`, "content-type": "application/json" }, body)).status()).toBe(403);
  expect((await post({ "content-type": "application/json" }, body)).status()).toBe(403);
  const plain = await post({ origin: ORIGIN, "content-type": "text/plain" }, body);
  expect(plain.status()).toBe(415);
  expect((await plain.json()).detail).toContain("application/json");
  expect(await tokens()).toBe(before);

  // Sign-in itself is checked (no logging a victim into an attacker's account), and the dashboard's
  // own calls and API tokens go through.
  expect(
    (await api.post("/api/v1/auth/sign-in", { data: ACCOUNTS.viewer, headers: { origin: `http://localhost:${evilPort}` } })).status(),
  ).toBe(403);
  const own = await post({ origin: ORIGIN, "content-type": "application/json" }, body);
  expect(own.status()).toBe(201);
  const { token } = await own.json();
  const withToken = await api.post("/api/v1/jobs/00000000-0000-4000-8000-000000000000/cancel", {
    headers: { authorization: `Bearer ${token}`, origin: "http://evil.example" },
  });
  expect(withToken.status()).toBe(404);
});

test("pages refuse to be framed and carry a content security policy", async ({ page }) => {
  const res = await page.goto("/sign-in");
  const headers = res?.headers() ?? {};
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("default-src 'self'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("same-origin");

  // A page elsewhere that frames the dashboard gets an empty frame, and the dashboard still works.
  const framer = http.createServer((_req, res) => {
    res.setHeader("content-type", "text/html");
    res.end(`<!doctype html><iframe id="f" src="${ORIGIN}/sign-in"></iframe>`);
  });
  await new Promise<void>((resolve) => framer.listen(0, "127.0.0.1", resolve));
  try {
    await page.goto(`http://localhost:${(framer.address() as AddressInfo).port}/`);
    const frame = page.frameLocator("#f");
    await page.waitForTimeout(1000);
    await expect(frame.getByLabel("Email")).toHaveCount(0);
  } finally {
    framer.close();
  }
  await page.goto("/sign-in");
  await expect(page.getByLabel("Email")).toBeVisible();
});
