import { z } from "zod";

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    requestId: z.string().optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });

export const IdParamSchema = z.object({ id: z.uuid({ error: "must be a UUID" }) });

/** Whether `text` has a UUID's form (any version): an id to look up, rather than a name. */
export const isUuid = (text: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(text);

/**
 * A submit's Idempotency-Key header: the same key by the same caller answers the job it made
 * instead of queueing another. Stored with the job (a unique column), so it is bounded.
 */
export const IdempotencyKeyHeaderSchema = z.object({
  "idempotency-key": z.string().regex(/\S/, "empty").max(200, "over 200 characters").optional(),
});
