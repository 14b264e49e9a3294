import type { Entry } from './entry';
import { ENTRY_SOURCES, IMPACT_LEVELS } from './fields';
import { type FieldDef, KINDS, type KindId } from './kinds';

/**
 * A cheap structural check for entries read back from the store's own database. Everything is
 * validated in full with zod on the way in (log, edit, import, restore), so reads only need to
 * make sure that a row edited by hand cannot hand the UI and the exports something of the wrong
 * shape: types, known kinds, fields and choices. It costs about a microsecond per entry where the
 * full schema costs 35 µs or more (docs/BENCHMARKS.md). Anything it does not accept is passed to
 * the full schema, which either normalises it or names the problem.
 */

type FieldCheck = (v: unknown) => boolean;

const isString = (v: unknown): v is string => typeof v === 'string';
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function fieldCheck(def: FieldDef): FieldCheck {
  switch (def.type) {
    case 'choice': {
      const values = new Set(def.options.map((o) => o.value));
      return (v) => isString(v) && values.has(v);
    }
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'integer':
      return (v) => Number.isSafeInteger(v);
    default:
      return isString;
  }
}

const FIELD_CHECKS = new Map<string, ReadonlyMap<string, FieldCheck>>(
  (Object.keys(KINDS) as KindId[]).map((k) => [k, new Map(KINDS[k].fields.map((d) => [d.key, fieldCheck(d)]))]),
);
const IMPACTS = new Set<string | null>([...IMPACT_LEVELS, null]);
const CONTEXT_STRINGS = new Set(['workspaceFolder', 'repo', 'branch', 'commit', 'file']);
const CONTEXT_LINES = new Set(['startLine', 'endLine']);
const SOURCES = new Set<unknown>(ENTRY_SOURCES);

function contextOk(c: unknown): boolean {
  if (!isPlainObject(c)) return false;
  for (const key in c) {
    const v = c[key];
    if (key === 'source') {
      if (!SOURCES.has(v)) return false;
    } else if (CONTEXT_STRINGS.has(key) ? !isString(v) : !(CONTEXT_LINES.has(key) && Number.isSafeInteger(v) && (v as number) >= 1)) return false;
  }
  return true;
}

function linksOk(links: unknown): boolean {
  if (!Array.isArray(links)) return false;
  for (const l of links) {
    if (!isPlainObject(l) || !isString(l.url)) return false;
    for (const key in l) if (key !== 'url' && !(key === 'label' && isString(l.label))) return false;
  }
  return true;
}

/** True when `v` has the shape of an `Entry` (see above); false sends it to full validation. */
export function hasEntryShape(v: Record<string, unknown>): v is Record<string, unknown> & Entry {
  const checks = FIELD_CHECKS.get(v.kind as string);
  if (checks === undefined) return false;
  if (!isString(v.id) || !isString(v.title) || v.title === '' || !isString(v.details) || !IMPACTS.has(v.impact as string | null)) return false;
  if (!Array.isArray(v.tags) || !v.tags.every(isString) || !linksOk(v.links) || !contextOk(v.context)) return false;
  const fields = v.fields;
  if (!isPlainObject(fields)) return false;
  for (const key in fields) {
    const check = checks.get(key);
    if (check === undefined || !check(fields[key])) return false;
  }
  return true;
}
