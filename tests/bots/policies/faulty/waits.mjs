// Sleeps 1.5 s by the clock (using no CPU) on its first call in each thread, then does nothing.
let first = true;
export default function decide() {
  if (first) {
    first = false;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1500);
  }
  return null;
}
