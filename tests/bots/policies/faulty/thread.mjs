// Throws whenever it plays in a worker thread: shows which threads load and run policies. In the
// main thread it sleeps 5 ms a call (no computing), so that a worker surely starts before the
// main thread has played every game, however loaded the machine.
import { isMainThread } from "node:worker_threads";
const pause = new Int32Array(new SharedArrayBuffer(4));
export default function decide() {
  if (!isMainThread) throw new Error("played in a worker thread");
  Atomics.wait(pause, 0, 0, 5);
  return null;
}
