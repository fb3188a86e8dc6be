/**
 * A child process for the durability test: opens the store named by its environment
 * (DATABASE_URL, else the SQLite file in STORE_DIR), creates game CODE, then appends log rows
 * forever, printing `ack <seq>` after each flush has resolved. The test kills it with SIGKILL
 * mid-stream and checks every acknowledged row is in the store.
 */
import { openStore } from "../../server/store/index.ts";

const code = process.env.CODE!;
const st = openStore({ dataDir: process.env.STORE_DIR ?? "", databaseUrl: process.env.DATABASE_URL || undefined });
await st.ready();
if (!(await st.createGame(code, "minsk-window", { seed: 1 } as never, "", Date.now(), "writer", 60_000))) throw new Error("code taken");
let seq = 0;
for (;;) {
  // A few rows per turn, a flush, then the acknowledgement: as a room sends after its flush.
  for (let i = 0; i < 3; i++) st.append(code, { seq: ++seq, time: Date.now(), who: "system", student: "", kind: "engine", action: { type: "tick" } });
  st.putMember(code, { id: `m${seq}`, name: `Student ${seq}`, role: "player", delegation: "UA", tokenHash: "h", joined: Date.now(), kicked: false });
  await st.flush(code);
  process.stdout.write(`ack ${seq}\n`);
  await new Promise((r) => setImmediate(r));
}
