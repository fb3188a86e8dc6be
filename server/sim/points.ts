/**
 * Asks for pointWorker.ts: one thread per process, started on the first ask, unref'd (it never
 * keeps a stopping server alive); a thread that dies fails what it was asked and the next ask
 * starts another.
 */
import { Worker } from "node:worker_threads";
import type { WhatIfSpec } from "../../shared/bots/whatIf.ts";
import type { WhatIfPoint } from "../../shared/protocol/whatIf.ts";
import type { PointAnswer, PointAsk } from "./pointWorker.ts";

let worker: Worker | null = null;
let nextId = 1;
const waiting = new Map<number, { resolve: (a: PointAnswer) => void; reject: (e: Error) => void }>();

function thread(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL("./pointWorker.ts", import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 24, maxOldGenerationSizeMb: 128 } });
  w.unref();
  w.on("message", (a: PointAnswer) => {
    waiting.get(a.id)?.resolve(a);
    waiting.delete(a.id);
  });
  const fail = (e: Error) => {
    if (worker === w) worker = null;
    for (const p of waiting.values()) p.reject(e);
    waiting.clear();
  };
  w.on("error", fail);
  w.on("exit", () => fail(new Error("the what-if lookup thread stopped")));
  return (worker = w);
}

function ask(kind: PointAsk["kind"], spec: WhatIfSpec): Promise<PointAnswer> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { resolve, reject });
    thread().postMessage({ id, kind, spec } satisfies PointAsk);
  });
}

/** Where a point of the game is and the decisions one may flip there. Throws with a plain message. */
export async function pointOf(spec: WhatIfSpec): Promise<WhatIfPoint> {
  const a = await ask("point", spec);
  if ("error" in a) throw new Error(a.error);
  if (!("point" in a)) throw new Error("unexpected answer");
  return a.point;
}

/** Whether a run can start there (the round it starts in), or the refusal in words. */
export async function canStart(spec: WhatIfSpec): Promise<{ ok: true; round: number } | { ok: false; code: string; message: string }> {
  const a = await ask("start", spec);
  if ("error" in a) throw new Error(a.error);
  if (!("start" in a)) throw new Error("unexpected answer");
  return a.start;
}

/** Stops the thread (the last server of the process is closing). */
export function stopPoints(): void {
  void worker?.terminate();
  worker = null;
}
