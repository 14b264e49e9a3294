/** The process's time zone for a test (Node re-reads TZ when it is assigned); restored after. */

/**
 * Runs the enclosing describe block's tests in time zone `tz` and restores TZ after. Call it first
 * in the block, before hooks that depend on the zone (e.g. that build summaries).
 */
export function inTimeZone(tz: string): void {
  let saved: string | undefined;
  before(() => {
    saved = process.env.TZ;
    process.env.TZ = tz;
  });
  after(() => restore(saved));
}

/** Runs `fn` with the process in time zone `tz`, and restores TZ after. */
export function inZone<T>(tz: string, fn: () => T): T {
  const saved = process.env.TZ;
  process.env.TZ = tz;
  try {
    return fn();
  } finally {
    restore(saved);
  }
}

function restore(saved: string | undefined): void {
  if (saved === undefined) delete process.env.TZ;
  else process.env.TZ = saved;
}
