import { launch, person, startServer } from "/work/main/tests/e2e/harness.ts";
const server = await startServer();
const b = await launch();
const t = await person(b);
await t.page.goto(server.url);
await t.page.getByRole("button", { name: "Play as Belarus" }).click();
await t.page.getByRole("button", { name: "Ready", exact: true }).waitFor();
const code = new URL(t.page.url()).searchParams.get("code");
for (let i = 0; i < 4; i++) {
  const p = await person(b, { width: 1920, height: 1080 });
  await p.page.goto(`${server.url}/?code=${code}&view=projector`);
  await p.page.waitForFunction(() => window.__firstFrameMs);
  console.log(await p.page.evaluate(() => JSON.stringify({
    first: window.__firstFrameMs,
    nav: performance.getEntriesByType("navigation").map((e: any) => ({ dcl: Math.round(e.domContentLoadedEventEnd), load: Math.round(e.loadEventEnd) })),
    marks: performance.getEntriesByType("mark").map((m) => [m.name, Math.round(m.startTime)]),
    res: performance.getEntriesByType("resource").map((r: any) => [r.name.split("/").pop(), Math.round(r.startTime), Math.round(r.responseEnd)]),
  })));
  await p.context.close();
}
await b.close(); await server.stop();
