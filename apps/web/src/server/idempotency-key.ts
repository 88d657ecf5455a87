// The Idempotency-Key header of a submit (a training or scoring job): the same key by the same
// caller answers the job it made instead of queueing another. Keys are stored with the job (a
// unique column), so one longer than the routes document is refused rather than stored.
import { Invalid } from "@roundhouse/contracts";

const MAX_KEY_LENGTH = 200;

export function idempotencyKeyOf(req: Request): string | undefined {
  const key = req.headers.get("idempotency-key");
  if (key === null) return undefined;
  if (key.trim() === "" || key.length > MAX_KEY_LENGTH)
    throw new Invalid(`The Idempotency-Key header must be 1 to ${MAX_KEY_LENGTH} characters.`, [
      { path: "Idempotency-Key", message: key.trim() === "" ? "empty" : `${key.length} characters, over ${MAX_KEY_LENGTH}` },
    ]);
  return key;
}
