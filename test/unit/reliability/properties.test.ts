import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import { KIND_IDS, KINDS, parseNewEntry, parseOrThrow, parsePatch, storedEntrySchema, url, ValidationError } from '../../../src/domain';
import { backupNowArgument, restoreBackupArgument } from '../../../src/domain/backupArgs';
import { exportDataArgument, exportSummaryArgument, importDataArgument } from '../../../src/domain/exportArgs';
import { parseFilter } from '../../../src/domain/filter';
import { entryIdsArgument } from '../../../src/domain/flow';
import { parseImportFile, prepareImport } from '../../../src/domain/importFormat';
import { resolvePeriod } from '../../../src/domain/periods';
import { parseSettings, SETTING_DEFAULTS, SETTING_KEYS, SETTINGS_SCHEMA } from '../../../src/domain/settings';
import { EntryStore } from '../../../src/storage';
import { isWebLink } from '../../../src/ui/timeline/describe';
import { tempDir } from '../support/tmp';
import { anyValue, applyMutation, argumentLike, edgeScalar, logArgument, mostly, mutation } from './support/arbitraries';
import { recordFigure } from './support/figures';

/**
 * Bad input, generated: every zod schema behind a command argument, a setting or an import file
 * gets thousands of generated inputs. Each one is either accepted (and then stored and read back
 * intact) or rejected with a ValidationError whose problems name the field in plain words; no other
 * exception ever escapes, and a rejected input writes nothing to the (real) store.
 * IMPACT_LOG_PROPERTY_RUNS sets the runs per property (CI default 100; the documented run used 600).
 */
const RUNS = Number(process.env.IMPACT_LOG_PROPERTY_RUNS ?? 100);
const SEED = process.env.IMPACT_LOG_PROPERTY_SEED ? Number(process.env.IMPACT_LOG_PROPERTY_SEED) : undefined;
const options = { numRuns: RUNS, ...(SEED !== undefined ? { seed: SEED } : {}) };

const stats = { properties: 0, cases: 0, accepted: 0, rejected: 0 };
/** Accepted / rejected per property, for docs/RELIABILITY.md. */
const perProperty: Record<string, { accepted: number; rejected: number }> = {};
let current = '';
const tally = (outcome: 'accepted' | 'rejected') => {
  stats[outcome]++;
  (perProperty[current] ??= { accepted: 0, rejected: 0 })[outcome]++;
};

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && [Object.prototype, null].includes(Object.getPrototypeOf(v) as object | null);

/** A rejection must be a ValidationError that says, per problem, which field is wrong and how, in plain words. */
function assertGoodRejection(err: unknown, input: unknown): void {
  if (!(err instanceof ValidationError)) throw err;
  assert.ok(err.problems.length > 0, 'a rejection lists at least one problem');
  for (const p of err.problems) {
    assert.ok(p.problem.trim().length > 0, 'every problem is worded');
    assert.doesNotMatch(p.problem, /Invalid input|Invalid option|expected \w+, received/i, `zod's own wording leaked: ${p.problem}`);
    if (!(typeof input === 'string' && input.includes('[object Object]'))) assert.ok(!p.problem.includes('[object Object]'), p.problem);
    if (isPlainObject(input)) assert.ok(p.field !== '' || /[“"]/.test(p.problem), `the problem names no field: ${JSON.stringify(p)}`);
  }
  assert.ok(err.message.length < 20_000, 'the message stays readable');
}

/** Runs `fn`: counts the case; returns its value, or undefined after checking a rejection. */
function attempt<T>(input: unknown, fn: () => T): T | undefined {
  stats.cases++;
  try {
    const out = fn();
    tally('accepted');
    return out;
  } catch (err) {
    assertGoodRejection(err, input);
    tally('rejected');
    return undefined;
  }
}

function check<T>(arb: fc.Arbitrary<T>, predicate: (v: T) => void): void {
  stats.properties++;
  current = String((globalThis as { __currentTitle?: string }).__currentTitle ?? stats.properties);
  fc.assert(fc.property(arb, predicate), options);
}

const dayArb = fc.date({ noInvalidDate: true, min: new Date('1990-01-01'), max: new Date('2100-01-01') }).map((d) => d.toISOString().slice(0, 10));
const instantArb = fc.date({ min: new Date('2000-01-01'), max: new Date('2090-01-01'), noInvalidDate: true }).map((d) => d.toISOString());

/** A stored entry (as in an import file), as an export writes it (its fields are mostly valid). */
const exportedEntryArb: fc.Arbitrary<Record<string, unknown>> = fc.constantFrom(...KIND_IDS).chain((kind) =>
  fc
    .tuple(
      logArgument(kind),
      fc.record({ id: fc.uuid({ version: 4 }), createdAt: instantArb, updatedAt: instantArb, deletedAt: fc.option(instantArb, { nil: null }), occurredAt: instantArb }),
    )
    .map(([arg, meta]) => {
      const fields: Record<string, unknown> = {};
      const common: Record<string, unknown> = {};
      const fieldKeys = new Set(KINDS[kind].fields.map((f) => f.key));
      for (const [k, v] of Object.entries(arg)) (fieldKeys.has(k) ? fields : common)[k] = v;
      return { kind, title: 'Imported entry', ...common, ...meta, fields };
    }),
);
/** The same, sometimes off in one place. */
const storedEntryArb: fc.Arbitrary<unknown> = exportedEntryArb.chain((e) => mutation(Object.keys(e)).map((m) => applyMutation(e, m)));

describe('bad input, generated (fast-check)', function () {
  this.timeout(600_000);
  let tmp: ReturnType<typeof tempDir>;
  let store: EntryStore;
  const total = () => store.count({ deleted: 'include' });

  before(async () => {
    tmp = tempDir();
    store = await EntryStore.open({ path: join(tmp.dir, 'log.sqlite') });
  });
  beforeEach(function () {
    (globalThis as { __currentTitle?: string }).__currentTitle = this.currentTest?.title.split(':')[0];
  });
  after(() => {
    store.close();
    tmp.cleanup();
    recordFigure('properties', { ...stats, runsPerProperty: RUNS, perProperty });
  });

  for (const kind of KIND_IDS) {
    const keys = ['title', 'occurredAt', 'details', 'tags', 'links', 'impact', 'context', ...KINDS[kind].fields.map((f) => f.key)];

    it(`log arguments for ${kind}: stored and read back intact, or rejected naming the field with nothing written`, () => {
      check(argumentLike(logArgument(kind, { titleRequired: true }), keys), (input) => {
        const before = total();
        const added = attempt(input, () => store.add(parseNewEntry(kind, input)));
        if (added) {
          assert.deepEqual(store.get(added.id), added, 'what was accepted reads back the same');
          assert.equal(total(), before + 1);
        } else assert.equal(total(), before, 'a rejected argument writes nothing');
      });
    });

    it(`edit arguments for ${kind}: applied whole, or rejected with the entry unchanged`, () => {
      const target = store.add(parseNewEntry(kind, { title: `edit target ${kind}` }));
      // An edit has the same fields as a log argument except the captured context.
      const editShape = logArgument(kind).map(({ context: _context, ...rest }) => rest);
      check(argumentLike(editShape, keys.filter((k) => k !== 'context')), (input) => {
        const before = store.get(target.id)!;
        const updated = attempt(input, () => store.update(target.id, parsePatch(kind, input)));
        if (updated) assert.deepEqual(store.get(target.id), updated);
        else assert.deepEqual(store.get(target.id), before, 'a rejected edit changes nothing');
      });
    });
  }

  it('stored entries (storedEntrySchema, as read from a file): imported and read back, or rejected', () => {
    check(fc.oneof({ weight: 5, arbitrary: storedEntryArb }, { weight: 1, arbitrary: anyValue }), (input) => {
      const before = total();
      const entry = attempt(input, () => parseOrThrow(storedEntrySchema, input, 'Entry'));
      if (entry) {
        store.importEntries([entry]);
        assert.ok(store.get(entry.id), 'an accepted entry is stored');
      } else assert.equal(total(), before);
    });
  });

  it('import files (text): every entry valid and merged, or the whole file refused with nothing written', () => {
    const fileArb = fc
      .record({
        format: mostly(fc.constant('impact-log'), fc.constantFrom('other', 'Impact-Log', 1)),
        version: mostly(fc.constant(1), fc.constantFrom(2, '1', 0, 1.5)),
        exportedAt: mostly(instantArb, fc.string({ maxLength: 12 })),
        omitted: mostly(fc.uniqueArray(fc.constantFrom('links', 'details', 'tags', 'repo'), { maxLength: 3 }), fc.constant(['nope'])),
        entries: fc.array(fc.oneof({ weight: 10, arbitrary: exportedEntryArb }, { weight: 1, arbitrary: storedEntryArb }), { maxLength: 4 }),
      }, { requiredKeys: ['format', 'version', 'exportedAt', 'entries'] })
      .chain((f) => mutation(Object.keys(f)).map((m) => applyMutation(f, m)));
    const textArb = fc.oneof(
      { weight: 6, arbitrary: fileArb.map((f) => safeStringify(f)) },
      { weight: 1, arbitrary: fileArb.map((f) => safeStringify(f)).chain((t) => fc.nat({ max: Math.max(0, t.length - 1) }).map((n) => t.slice(0, n))) },
      { weight: 1, arbitrary: fc.oneof(fc.string({ maxLength: 200 }), fc.json(), fc.constantFrom('\uFEFF{}', '[]', 'null', '{"format":"impact-log"}')) },
    );
    check(textArb, (text) => {
      const before = total();
      const file = attempt(text, () => parseImportFile(text));
      if (file) {
        const result = store.importEntries(prepareImport(file, (id) => store.get(id)));
        assert.equal(result.added + result.updated + result.skipped, file.entries.length);
      } else assert.equal(total(), before, 'a refused file writes nothing');
    });
  });

  it('entry id arguments ({ id } / { ids }) of delete, edit and the tree commands', () => {
    const id = mostly(fc.uuid({ version: 4 }), fc.string({ maxLength: 40 }));
    const shape = fc.oneof(fc.record({ id }), fc.record({ ids: mostly(fc.array(id, { minLength: 1, maxLength: 5 }), fc.constant([])) }), fc.record({ id, ids: fc.array(id) }, { requiredKeys: [] }));
    check(argumentLike(shape, ['id', 'ids']), (input) => {
      attempt(input, () => parseOrThrow(entryIdsArgument, input, 'Command argument'));
    });
  });

  it('timeline filter arguments', () => {
    const shape = fc.record({ kinds: fc.array(fc.constantFrom(...KIND_IDS, 'bogus'), { maxLength: 8 }), tags: fc.array(fc.string({ maxLength: 50 }), { maxLength: 5 }), text: fc.string({ maxLength: 220 }) }, { requiredKeys: [] });
    check(argumentLike(shape, ['kinds', 'tags', 'text']), (input) => {
      attempt(input, () => parseFilter(input));
    });
  });

  it('review period arguments (preset or from/to), with any fiscal year start', () => {
    const shape = fc.oneof(
      fc.record({ preset: mostly(fc.constantFrom('thisQuarter', 'lastQuarter', 'thisHalf', 'lastHalf', 'last12Months', 'yearToDate', 'sinceLastExport'), fc.constantFrom('nextYear', '')) }),
      fc.record({ from: mostly(dayArb, fc.string({ maxLength: 12 })), to: mostly(dayArb, fc.string({ maxLength: 12 })) }, { requiredKeys: [] }),
    );
    check(fc.tuple(fc.oneof({ weight: 9, arbitrary: argumentLike(shape, ['preset', 'from', 'to']) }, { weight: 1, arbitrary: fc.string({ maxLength: 20 }) }), mostly(fc.integer({ min: 1, max: 12 }), fc.constantFrom(0, 13, 1.5, NaN)) as fc.Arbitrary<number>, fc.option(fc.integer({ min: 0, max: 4102444800000 }))), ([input, month, lastExport]) => {
      attempt(input, () => resolvePeriod(input, { now: Date.parse('2026-11-23T10:00:00Z'), fiscalYearStartMonth: month, ...(lastExport !== null ? { lastExportAt: lastExport } : {}) }));
    });
  });

  it('backup command arguments', () => {
    const shape = fc.record({ path: mostly(fc.constantFrom('/home/me/backups/impact-log-daily-2026-05-01.sqlite', '/tmp/x.sqlite', ' /a b/c.sqlite '), fc.oneof(fc.constantFrom('relative/file.sqlite', '', '   '), fc.string({ maxLength: 30 }))), confirm: mostly(fc.boolean(), edgeScalar) }, { requiredKeys: ['path'] });
    check(argumentLike(shape, ['path', 'confirm']), (input) => {
      attempt(input, () => parseOrThrow(restoreBackupArgument, input, 'Command argument'));
      attempt(input, () => parseOrThrow(backupNowArgument, input, 'Command argument'));
    });
  });

  it('export and import command arguments (period, format, path)', () => {
    const path = mostly(fc.constantFrom('/home/me/summary.md', '~/out/log.json', '/tmp/log.csv', '/tmp/x.JSON'), fc.oneof(fc.constantFrom('rel/out.md', '', '~user/x'), fc.string({ maxLength: 20 })));
    const shape = fc.record(
      {
        period: mostly(fc.constantFrom('lastHalf', 'thisQuarter', 'sinceLastExport'), fc.constantFrom('lastDecade', '')),
        from: mostly(dayArb, fc.string({ maxLength: 12 })),
        to: mostly(dayArb, fc.string({ maxLength: 12 })),
        format: mostly(fc.constantFrom('markdown', 'json', 'csv'), fc.constantFrom('pdf', 'JSON', '')),
        path,
      },
      { requiredKeys: [] },
    );
    check(argumentLike(shape, ['period', 'from', 'to', 'format', 'path']), (input) => {
      attempt(input, () => parseOrThrow(exportSummaryArgument, input, 'Command argument'));
      attempt(input, () => parseOrThrow(exportDataArgument, input, 'Command argument'));
      attempt(input, () => parseOrThrow(importDataArgument, input, 'Command argument'));
    });
  });

  it('settings: any value of any setting gives a usable configuration, a bad one its default and a warning naming it', () => {
    const plausible: Record<string, fc.Arbitrary<unknown>> = {
      databasePath: fc.constantFrom('', '/home/me/log.sqlite', '~/impact.sqlite', '~', 'relative.sqlite'),
      'statusBar.enabled': fc.boolean(),
      'review.defaultPeriod': fc.constantFrom('lastHalf', 'thisQuarter', 'sinceLastExport', 'lastDecade'),
      'review.fiscalYearStartMonth': fc.integer({ min: 0, max: 13 }),
      aiTools: fc.array(fc.string({ maxLength: 30 }), { maxLength: 6 }),
      'export.omitFields': fc.uniqueArray(fc.constantFrom('links', 'details', 'repo', 'bogus'), { maxLength: 3 }),
      'backup.folder': fc.constantFrom('', '/mnt/backups', '~/b', 'rel'),
      'backup.keep': fc.integer({ min: -1, max: 400 }),
      'followUps.enabled': fc.boolean(),
      'followUps.statusBar': fc.boolean(),
      'followUps.checkpoints': fc.record(
        { shipped: fc.array(fc.integer({ min: -1, max: 4000 }), { maxLength: 4 }), problem: fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 3 }), 'ai-assist': fc.constantFrom([], [30], [30, 'x']) },
        { requiredKeys: [] },
      ),
      'review.template': fc.constantFrom('impact', 'star', 'brag-document', 'competencies', 'okr'),
      'review.templatePath': fc.constantFrom('', '/home/me/form.mustache', '~/t.md', 'rel.mustache'),
      'review.competencies': fc.array(fc.record({ name: fc.string({ maxLength: 20 }), tags: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }) }, { requiredKeys: ['name'] }), { maxLength: 3 }),
      'review.wordBudget': fc.oneof(fc.integer({ min: -5, max: 5000 }), fc.record({ total: fc.integer({ min: -1, max: 900 }), perSection: fc.integer({ min: 0, max: 300 }) }, { requiredKeys: [] })),
      'git.authorEmails': fc.array(fc.constantFrom('me@example.com', 'not-an-email', ''), { maxLength: 3 }),
      'reflection.enabled': fc.boolean(),
      'reflection.day': fc.constantFrom('friday', 'monday', 'someday'),
      'reflection.time': fc.constantFrom('16:00', '9:30', '24:00', 'teatime'),
      'timeline.weekStart': fc.constantFrom('locale', 'monday', 'sunday', 'Sunday', 'first'),
    };
    const raw = fc.record(Object.fromEntries(SETTING_KEYS.map((k) => [k, mostly(plausible[k]!, anyValue)])), { requiredKeys: [] }) as fc.Arbitrary<Record<string, unknown>>;
    check(raw, (values) => {
      stats.cases++;
      const { config, problems } = parseSettings((key) => values[key]);
      for (const key of SETTING_KEYS) {
        assert.ok(SETTINGS_SCHEMA[key].safeParse(config[key]).success, `${key} is usable`);
        const problem = problems.find((p) => p.key === `impactLog.${key}`);
        if (problem) {
          assert.deepEqual(config[key], SETTING_DEFAULTS[key], `${key} falls back to its default`);
          assert.doesNotMatch(problem.problem, /Invalid input|expected \w+, received/i);
        } else if (values[key] === undefined) assert.deepEqual(config[key], SETTING_DEFAULTS[key]);
      }
      tally(problems.length > 0 ? 'rejected' : 'accepted');
    });
  });

  it('links: only http and https addresses are accepted, so only those can ever be opened', () => {
    const candidate = fc.oneof(
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.tuple(fc.constantFrom('javascript', 'file', 'vscode', 'command', 'data', 'ftp', 'mailto', 'HTTP', 'HtTpS', 'ws'), fc.webUrl()).map(([scheme, u]) => u.replace(/^https?/, scheme)),
      fc.string({ maxLength: 40 }),
    );
    check(candidate, (text) => {
      const accepted = attempt(text, () => parseOrThrow(url, text, 'Link'));
      if (accepted !== undefined) assert.ok(isWebLink(accepted), `${accepted} is a web link`);
    });
  });

  it(`ran ${RUNS} generated cases per property`, () => {
    assert.ok(stats.cases >= stats.properties * RUNS, `${stats.cases} cases for ${stats.properties} properties`);
  });
});

function safeStringify(v: unknown): string {
  try {
    return JSON.stringify(v) ?? 'undefined';
  } catch {
    return Object.prototype.toString.call(v);
  }
}

