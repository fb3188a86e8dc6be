// Busy-waits 300 ms of its thread's CPU time — three times the limit — on its first call in each thread, then does nothing.
let first = true;
export default function decide() {
  if (first) {
    first = false;
    const start = process.threadCpuUsage();
    for (;;) {
      const used = process.threadCpuUsage(start);
      if (used.user + used.system >= 300_000) break;
    }
  }
  return null;
}
