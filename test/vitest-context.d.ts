// What test/integration-setup.ts provides to integration tests through vitest's inject().
import "vitest";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
    adminUrl: string;
  }
}
