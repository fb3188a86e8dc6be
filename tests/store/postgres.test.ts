/**
 * The store contract on PostgreSQL (a throwaway cluster, a fresh database per suite), and the
 * leases shared between processes. Needs PostgreSQL's server binaries (.ci/run installs Debian's
 * `postgresql`): skipped without them, except in CI (CI set), where that is a failure.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDatabase, hasPostgres, sql as runSql, startPostgres, type RunningPostgres } from "../../scripts/load/postgres.ts";
import { PgStore, safeUrl } from "../../server/store/postgres.ts";
import { PG_MIGRATIONS } from "../../server/store/migrations.ts";
import { sharedLeaseContract, storeContract, type Backend } from "./contract.ts";

const available = hasPostgres();
if (!available && process.env.CI) throw new Error("PostgreSQL is not installed (CI needs it: see .ci/run)");

let cluster: Promise<RunningPostgres> | undefined;
const server = () => (cluster ??= startPostgres());
afterAll(async () => {
  if (cluster) await (await cluster).stop();
}, 30_000);

async function backend(): Promise<Backend & { holdCommits(): Promise<() => Promise<void>> }> {
  const url = await createDatabase((await server()).url);
  const sql = (text: string) => runSql(url, text);
  return {
    open: () => new PgStore(url),
    env: { DATABASE_URL: url },
    shared: true,
    exec: sql,
    // Holds every commit that appends log rows at its end — its games' rows already locked, as
    // a slow disk would — until released: a trigger waits on an advisory lock held here.
    holdCommits: async () => {
      await sql(`CREATE OR REPLACE FUNCTION seat_test_gate() RETURNS trigger LANGUAGE plpgsql AS
        $$ BEGIN PERFORM pg_advisory_xact_lock_shared(4242); RETURN NULL; END $$;
        CREATE OR REPLACE TRIGGER seat_test_gate AFTER INSERT ON actions FOR EACH STATEMENT EXECUTE FUNCTION seat_test_gate();`);
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query("SELECT pg_advisory_lock(4242)");
      return async () => {
        await c.query("SELECT pg_advisory_unlock(4242)");
        await c.end();
      };
    },
    stop: async () => undefined,
  };
}

describe.skipIf(!available)("PostgreSQL", () => {
  storeContract("PostgreSQL", backend);
  sharedLeaseContract("PostgreSQL", backend);

  describe("migrations and health", () => {
    let url = "";
    beforeAll(async () => {
      url = await createDatabase((await server()).url);
    }, 60_000);

    it("migrates once when several processes start at the same moment", async () => {
      const stores = Array.from({ length: 4 }, () => new PgStore(url));
      await Promise.all(stores.map((s) => s.ready()));
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      expect((await c.query("SELECT version FROM schema_migrations ORDER BY version")).rows).toEqual(PG_MIGRATIONS.map((_, i) => ({ version: i + 1 })));
      await c.end();
      await Promise.all(stores.map((s) => s.close()));
    });

    it("says what is wrong without the password", async () => {
      const u = new URL(url);
      u.password = "s3cret-pw";
      u.port = "1"; // nothing listens there
      const st = new PgStore(u.toString());
      const err = await st.ready().then(() => null, (e: Error) => e);
      expect(err?.message).toMatch(/cannot be used/);
      expect(err?.message).not.toContain("s3cret-pw");
      const h = await st.health();
      expect(h).toMatchObject({ store: "postgres", ok: false });
      expect(JSON.stringify(h)).not.toContain("s3cret-pw");
      expect(safeUrl(u.toString())).not.toContain("s3cret-pw");
      await st.close().catch(() => undefined);
    });
  });
});
