export { startWorker, type WorkerOptions } from "./worker.ts";
export { poolsFrom, runWorkerProcess } from "./worker-process.ts";
