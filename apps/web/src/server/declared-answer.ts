import type { AnyRouteDeclaration } from "@roundhouse/contracts";

/**
 * Development and tests: an answer its declaration does not describe (an undeclared status, or a
 * body its schema rejects) is a bug in the route or the declaration, made loud as an error.
 * `text` is the body as sent, so dates and bigints are checked in their wire form.
 */
export function assertDeclaredAnswer(decl: AnyRouteDeclaration, status: number, text: string, where: string): void {
  const declared = status === decl.status || String(status) in (decl.alsoStatus ?? {});
  const checked = decl.response ? decl.response.safeParse(JSON.parse(text)) : undefined;
  if (declared && (!checked || checked.success)) return;
  const why = !declared
    ? `status ${status} is not declared`
    : (checked?.error?.issues ?? []).map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
  throw new Error(`${where} answered what its declaration does not describe: ${why}`);
}
