// Preloaded (node --require) into the processes the launcher starts. If the launcher dies without
// cleaning up (kill -9), the child notices it was re-parented and exits, so it does not keep the
// port and the next `pnpm start` works.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.exit(0);
}, 1000).unref();
