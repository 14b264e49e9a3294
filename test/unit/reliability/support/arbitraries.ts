import fc from 'fast-check';
import { IMPACT_LEVELS, KINDS, type KindId } from '../../../../src/domain';

/**
 * Generators for bad (and good) input: anything a settings file, a keybinding's `args`, a task or
 * an import file can hold, and "almost valid" inputs that differ from a valid one in one place.
 */

/** Hostile scalars: NaN, infinities, -0, huge and unsafe numbers, empty, blank, control characters, very long text. */
export const edgeScalar = fc.constantFrom<unknown>(
  NaN, Infinity, -Infinity, -0, 1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, 0.5, -1, 2 ** 31,
  '', ' ', '\t\n', '\u0000', '\u202e', '\ud800', 'null', 'undefined', '__proto__', 'constructor',
  'x'.repeat(5000), '=cmd|/c calc', 'javascript:alert(1)', 'file:///etc/passwd',
  '2026-02-30', '2026-13-01', '9999-99-99T99:99', '1970-01-01T00:00:00Z', '2026-05-01',
  true, false, null, undefined, [], {}, [[]], { url: 'https://x.example' },
);

/** Any value at all, including objects without prototype, dates, maps, boxed values, bigints. */
export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: edgeScalar },
  {
    weight: 3,
    arbitrary: fc.anything({
      maxDepth: 2,
      maxKeys: 4,
      withBigInt: true,
      withDate: true,
      withMap: true,
      withSet: true,
      withNullPrototype: true,
      withObjectString: true,
      withBoxedValues: true,
      withSparseArray: true,
      withTypedArray: true,
    }),
  },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 400 }) },
);

/** Mostly `good`, once in a while `bad`: a field of a generated input is usually valid on its own. */
export const mostly = (good: fc.Arbitrary<unknown>, bad: fc.Arbitrary<unknown>) => fc.oneof({ weight: 30, arbitrary: good }, { weight: 1, arbitrary: bad });

const dateArb = fc.date({ min: new Date('1990-01-01'), max: new Date('2100-01-01'), noInvalidDate: true });
const momentText = mostly(fc.oneof(dateArb.map((d) => d.toISOString()), dateArb.map((d) => d.toISOString().slice(0, 10))), fc.string({ maxLength: 30 }));

const webUrl = fc.webUrl({ withQueryParameters: true, withFragments: true });
const linkValue = mostly(
  fc.oneof(webUrl, fc.record({ url: webUrl, label: fc.string({ maxLength: 120 }) }, { requiredKeys: ['url'] })),
  fc.oneof(
    fc.constantFrom('ftp://x.example/a', 'javascript:alert(1)', 'mailto:a@b.c', 'https://', 'not a url', 'file:///etc/passwd'),
    fc.record({ url: webUrl, label: fc.string({ minLength: 201, maxLength: 260 }) }),
    fc.string({ maxLength: 40 }),
  ),
);

const shortText = (max: number) => mostly(fc.string({ maxLength: Math.min(max, 80) }), fc.string({ minLength: max + 1, maxLength: max + 20 }));

/** Plausible values for one field of a kind's prompts (mostly valid, sometimes out of range or of the wrong type). */
function fieldValue(kind: KindId, key: string): fc.Arbitrary<unknown> {
  const def = KINDS[kind].fields.find((f) => f.key === key)!;
  switch (def.type) {
    case 'choice':
      return mostly(fc.constantFrom(...def.options.map((o) => o.value)), fc.string({ maxLength: 12 }));
    case 'boolean':
      return mostly(fc.boolean(), fc.constantFrom('yes', 1, 0));
    case 'integer':
      return mostly(fc.integer({ min: -1000, max: 1000 }), fc.oneof(fc.integer(), fc.double()));
    case 'moment':
      return momentText;
    case 'text':
      return shortText(100);
    case 'longtext':
      return shortText(4000);
  }
}

/** The common fields of a log argument: title, date, details, tags, links, impact, context. */
const commonShape = {
  title: mostly(fc.string({ minLength: 1, maxLength: 80 }).filter((t) => t.trim() !== ''), fc.oneof(fc.constantFrom('', '   ', '\n'), fc.string({ minLength: 301, maxLength: 320 }))),
  occurredAt: momentText,
  details: fc.string({ maxLength: 200 }),
  tags: mostly(
    fc.oneof(fc.array(fc.string({ minLength: 1, maxLength: 20 }).filter((t) => /[^\s#,]/.test(t) && !t.includes(',')), { maxLength: 6 }), fc.constantFrom('a, b , #C', 'perf')),
    fc.oneof(fc.array(fc.string({ maxLength: 45 }), { minLength: 31, maxLength: 32 }), fc.constant(['x'.repeat(41)]), fc.constant(['   '])),
  ),
  links: mostly(fc.oneof(fc.array(linkValue, { maxLength: 4 }), linkValue), fc.array(webUrl, { minLength: 21, maxLength: 22 })),
  impact: mostly(fc.constantFrom<unknown>(...IMPACT_LEVELS, null), fc.constantFrom('huge', 'HIGH', 3)),
  context: fc.record(
    {
      workspaceFolder: shortText(200),
      repo: shortText(300),
      branch: shortText(200),
      commit: mostly(fc.stringMatching(/^[0-9a-f]{7,40}$/), fc.string({ maxLength: 10 })),
      file: fc.string({ maxLength: 40 }),
      startLine: mostly(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: -2, max: 0 })),
      endLine: mostly(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: -2, max: 0 })),
    },
    { requiredKeys: [] },
  ),
};

/** A flat log-command argument for `kind`: every key optional, values mostly plausible. */
export function logArgument(kind: KindId, opts: { titleRequired?: boolean } = {}): fc.Arbitrary<Record<string, unknown>> {
  const shape: Record<string, fc.Arbitrary<unknown>> = { ...commonShape };
  for (const f of KINDS[kind].fields) shape[f.key] = fieldValue(kind, f.key);
  return fc.record(shape, { requiredKeys: opts.titleRequired ? ['title'] : [] });
}

/** One change that usually makes a valid input invalid: a field replaced by anything, an unknown key, a key removed. */
export type Mutation = { op: 'set'; key: string; value: unknown } | { op: 'unknown'; key: string; value: unknown } | { op: 'delete'; key: string } | { op: 'none' };

export function mutation(keys: readonly string[]): fc.Arbitrary<Mutation> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.constant<Mutation>({ op: 'none' }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constant('set' as const), key: fc.constantFrom(...keys), value: anyValue }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('delete' as const), key: fc.constantFrom(...keys) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant('unknown' as const), key: fc.oneof(fc.string({ minLength: 1, maxLength: 20 }), fc.constantFrom('__proto__', 'constructor', 'kind', 'id', 'fields', 'toString')), value: anyValue }) },
  );
}

export function applyMutation(input: Record<string, unknown>, m: Mutation): Record<string, unknown> {
  if (m.op === 'none') return input;
  const out: Record<string, unknown> = { ...input };
  if (m.op === 'delete') {
    delete out[m.key];
    return out;
  }
  Object.defineProperty(out, m.key, { value: m.value, enumerable: true, configurable: true, writable: true });
  return out;
}

/** An argument as a keybinding may pass it: usually an object shaped like `shape`, sometimes anything at all. */
export function argumentLike(shape: fc.Arbitrary<Record<string, unknown>>, keys: readonly string[]): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.tuple(shape, mutation(keys)).map(([v, m]) => applyMutation(v, m)) },
    { weight: 1, arbitrary: anyValue },
  );
}
