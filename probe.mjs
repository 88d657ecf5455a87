import { chromium } from "@playwright/test";

const base = "http://localhost:3300";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
page.on("console", (m) => {
  if (m.type() === "error" || m.type() === "warning") console.log("console:", m.text().slice(0, 1500));
});
page.on("pageerror", (e) => console.log("pageerror:", e.message, e.stack?.slice(0, 1500)));
await page.goto(base + "/sign-in");
await page.getByLabel("Email").fill("engineer@roundhouse.local");
await page.getByLabel("Password").fill("engineer-roundhouse");
await page.getByRole("button", { name: "Sign in" }).click();
await page.waitForTimeout(1500);
await page.goto(base + (process.argv[2] ?? "/training/new"));
await page.waitForTimeout(4000);
await page.screenshot({ path: "/tmp/probe.png", fullPage: true });
console.log(page.url());
await browser.close();
