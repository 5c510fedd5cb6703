import { describe, expect, it } from "vitest";
import { toHttpError } from "../../rest/errors";
import { BusyError, retryOnConflict } from "../transaction";

const pgError = (code: string) => Object.assign(new Error(`pg ${code}`), { code });
/** drizzle wraps driver errors; the SQLSTATE sits on the cause. */
const wrapped = (code: string) =>
  Object.assign(new Error("Failed query"), { cause: pgError(code) });

describe("retryOnConflict", () => {
  it("re-runs the work after a deadlock or serialization failure and returns its result", async () => {
    const codes = ["40P01", "40001"];
    let calls = 0;
    const result = await retryOnConflict(async () => {
      calls += 1;
      const code = codes.shift();
      if (code) throw wrapped(code);
      return "done";
    });
    expect(result).toBe("done");
    expect(calls).toBe(3);
  });

  it("does not retry other failures", async () => {
    let calls = 0;
    const unique = pgError("23505");
    await expect(
      retryOnConflict(async () => {
        calls += 1;
        throw unique;
      }),
    ).rejects.toBe(unique);
    expect(calls).toBe(1);
  });

  it("gives up after the bounded attempts with a busy error the API answers as 503 + Retry-After", async () => {
    let calls = 0;
    const failure = await retryOnConflict(
      async () => {
        calls += 1;
        throw pgError("40P01");
      },
      { attempts: 3 },
    ).catch((error: unknown) => error);
    expect(calls).toBe(3);
    expect(failure).toBeInstanceOf(BusyError);
    const response = toHttpError(failure);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("1");
    expect(await response.json()).toMatchObject({ error: { code: "UNAVAILABLE" } });
  });
});
