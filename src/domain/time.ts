/** Time helpers. Instants are stored as ISO-8601 UTC strings (`2026-11-23T09:00:00.000Z`). */

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?$/i;

/**
 * Parses what a person or a file may give for a moment: an ISO-8601 date-time (with or without
 * offset; without one it is local time) or a date `YYYY-MM-DD` (local midnight).
 * Returns epoch milliseconds, or undefined when the text is not such a moment.
 */
export function parseMoment(text: string): number | undefined {
  const t = text.trim();
  const d = DATE_ONLY.exec(t);
  if (d) {
    const [y, m, day] = [Number(d[1]), Number(d[2]), Number(d[3])];
    const local = new Date(y, m - 1, day);
    if (local.getFullYear() !== y || local.getMonth() !== m - 1 || local.getDate() !== day) return undefined;
    return local.getTime();
  }
  if (!DATE_TIME.test(t)) return undefined;
  const ms = Date.parse(t.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : undefined;
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Local calendar date `YYYY-MM-DD` of an instant, in the process's time zone. */
export function localDate(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
