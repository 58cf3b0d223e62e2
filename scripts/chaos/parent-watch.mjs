// Preloaded (`node --import`) into the chaos run's children: if the chaos
// process itself dies without cleaning up (SIGKILL), its children notice that
// they were re-parented and stop themselves instead of running on forever.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) process.kill(process.pid, "SIGTERM");
}, 1000).unref();
