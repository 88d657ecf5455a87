import { Invalid, PayloadTooLarge } from "@roundhouse/contracts";
import { describe, expect, it } from "vitest";
import { readJson } from "./read-json";

const post = (body: BodyInit, headers: Record<string, string> = {}) =>
  new Request("http://roundhouse.test/api/v1/x", { method: "POST", body, headers, duplex: "half" } as RequestInit);

/** A body that sends `first` and then fails, as a connection closed mid-request does. */
function cutOff(first: string) {
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(new TextEncoder().encode(first));
      controller.error(Object.assign(new Error("aborted"), { code: "ECONNRESET" }));
    },
  });
}

describe("readJson", () => {
  it("reads a JSON body", async () => {
    expect(await readJson(post('{"amount": 3}'), 1024)).toEqual({ amount: 3 });
  });

  it("answers a body cut off by the client with a 400 naming it, not a failure of ours", async () => {
    const error = await readJson(post(cutOff('{"amount": ')), 1024).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Invalid);
    expect((error as Invalid).status).toBe(400);
    expect((error as Invalid).message).toMatch(/cut off/);
  });

  it("refuses a body past the limit, by Content-Length or by what streams in", async () => {
    await expect(readJson(post("x".repeat(10), { "content-length": "2048" }), 1024)).rejects.toBeInstanceOf(PayloadTooLarge);
    await expect(readJson(post(`"${"x".repeat(2000)}"`), 1024)).rejects.toBeInstanceOf(PayloadTooLarge);
  });
});
