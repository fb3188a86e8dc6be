// Busy-waits 300 ms on its first call in each thread — three times the limit — then does nothing.
let first = true;
export default function decide() {
  if (first) {
    first = false;
    const until = performance.now() + 300;
    while (performance.now() < until);
  }
  return null;
}
