import { describe, expect, inject, it } from "vitest";
import { createDb } from "./client.ts";

describe("the request-serving client", () => {
  it("stops a statement past its time limit instead of holding a connection", async () => {
    const limited = createDb(inject("databaseUrl"), 1, 300);
    try {
      await expect(limited.$queryRaw`SELECT pg_sleep(5)`).rejects.toThrow(/statement timeout/);
      expect(await limited.$queryRaw`SELECT 1 AS one`).toEqual([{ one: 1 }]);
    } finally {
      await limited.$disconnect();
    }
  });
});
