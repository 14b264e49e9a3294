import { type Entry, KINDS } from '../domain';
import { OMIT_CONTEXT_KEYS, OMITTABLE_FIELDS, type OmittableField } from '../domain/importFormat';

export { OMITTABLE_FIELDS as OMITTABLE, type OmittableField as Omittable } from '../domain/importFormat';

/** What an `omit` list asks for, resolved once so renderers ask plain questions. */
export interface OmitSet {
  readonly links: boolean;
  readonly details: boolean;
  readonly tags: boolean;
  readonly context: ReadonlySet<string>;
  /** The list as given (deduplicated, in canonical order), for notes in the output. */
  readonly list: readonly OmittableField[];
}

export function omitSet(omit: readonly string[] = []): OmitSet {
  const list = OMITTABLE_FIELDS.filter((o) => omit.includes(o));
  return {
    links: list.includes('links'),
    details: list.includes('details'),
    tags: list.includes('tags'),
    context: new Set(list.flatMap((o) => OMIT_CONTEXT_KEYS[o] ?? [])),
    list,
  };
}

/**
 * Long free-text fields of a kind (what was wrong, the fix, the value, a follow-up). Leaving out
 * "details" leaves these out too: they are details by another name, and the option exists for
 * people who must not share internal descriptions.
 */
export function longTextKeys(kind: Entry['kind']): string[] {
  return KINDS[kind].fields.filter((f) => f.type === 'longtext').map((f) => f.key);
}

/**
 * The entry with omitted parts removed (keys deleted, not emptied, so a JSON reader can tell
 * "left out" from "empty"). Never mutates its input.
 */
export function stripOmitted(entry: Entry, o: OmitSet): Partial<Entry> & Pick<Entry, 'id' | 'kind' | 'title'> {
  if (o.list.length === 0) return entry;
  const out: Record<string, unknown> = { ...entry };
  if (o.links) delete out.links;
  if (o.tags) delete out.tags;
  if (o.details) {
    delete out.details;
    const fields: Record<string, unknown> = { ...entry.fields };
    for (const k of longTextKeys(entry.kind)) delete fields[k];
    out.fields = fields;
  }
  if (o.context.size > 0) {
    const ctx: Record<string, unknown> = { ...entry.context };
    for (const k of o.context) delete ctx[k];
    out.context = ctx;
  }
  return out as Partial<Entry> & Pick<Entry, 'id' | 'kind' | 'title'>;
}

/** The entry with omitted parts emptied (for renderers that show what is there). */
export function blankOmitted(entry: Entry, o: OmitSet): Entry {
  if (o.list.length === 0) return entry;
  const s = stripOmitted(entry, o);
  return { ...s, links: s.links ?? [], tags: s.tags ?? [], details: s.details ?? '', context: s.context ?? {}, fields: s.fields ?? {} } as Entry;
}
