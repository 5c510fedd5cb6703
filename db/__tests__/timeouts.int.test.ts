/**
 * Server-side limits on the app's connections: a statement or lock wait left running by a crashed
 * process is cut off by Postgres itself. (PGlite is one in-process connection: nothing to limit.)
 */
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { createDatabase, query } from "../index";
import { createTestDatabase, testTarget } from "../testing";

describe.runIf(testTarget() === "postgres")("connection timeouts (postgres)", () => {
  it("sets statement, lock and idle-in-transaction timeouts and enforces them", async () => {
    const base = await createTestDatabase();
    if (base.client.kind !== "postgres") throw new Error("postgres expected");
    const limited = await createDatabase({
      url: base.client.url,
      maxConnections: 2,
      timeouts: { statementMs: 300, lockMs: 200, idleInTransactionMs: 5_000 },
    });
    try {
      const settings = await query<{ s: string; l: string; i: string }>(
        limited.db,
        sql`select current_setting('statement_timeout') as s, current_setting('lock_timeout') as l,
                   current_setting('idle_in_transaction_session_timeout') as i`,
      );
      expect(settings[0]).toEqual({ s: "300ms", l: "200ms", i: "5s" });
      // 57014 query_canceled: the server stops a statement that runs too long.
      await expect(limited.db.execute(sql`select pg_sleep(2)`)).rejects.toMatchObject({
        cause: { code: "57014" },
      });
      // 55P03 lock_not_available: a lock held elsewhere is not waited for indefinitely.
      await base.db.execute(sql`create table held (id int primary key)`);
      await base.db.execute(sql`insert into held values (1)`);
      await base.db.transaction(async (tx) => {
        await tx.execute(sql`select * from held where id = 1 for update`);
        await expect(
          limited.db.execute(sql`update held set id = 2 where id = 1`),
        ).rejects.toMatchObject({ cause: { code: "55P03" } });
      });
    } finally {
      await limited.close();
      await base.destroy();
    }
  });
});
