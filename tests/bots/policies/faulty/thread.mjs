// Throws whenever it plays in a worker thread: shows which threads load and run policies.
import { isMainThread } from "node:worker_threads";
export default function decide() {
  if (!isMainThread) throw new Error("played in a worker thread");
  return null;
}
