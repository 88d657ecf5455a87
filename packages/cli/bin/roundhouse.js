#!/usr/bin/env node
// The CLI runs from TypeScript source like the rest of the workspace (no stale build output).
import { register } from "tsx/esm/api";

register();
await import("../src/main.ts");
