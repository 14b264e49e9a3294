/**
 * Runs in a fresh Node process: `node networkProbe.js <workDir>`. Before any Impact Log code is
 * loaded it installs tripwires on every way Node reaches the network (require/import of http,
 * https, net, tls, dns, http2, dgram; fetch, WebSocket, EventSource) and on dynamic code (eval,
 * Function). Then it loads the domain, storage and export code and exercises it end to end: open
 * a log, log every kind, edit, delete, search, summarise and export (Markdown, JSON, CSV), import,
 * back up, restore, recover a damaged file. Prints one JSON line: what tripped, what ran.
 */
import type * as FsModule from 'node:fs';
import Module from 'node:module';
import { join } from 'node:path';
import type * as DomainModule from '../../../../src/domain';
import type * as ImportFormatModule from '../../../../src/domain/importFormat';
import type * as PeriodsModule from '../../../../src/domain/periods';
import type * as SummaryModule from '../../../../src/domain/summary';
import type * as SettingsModule from '../../../../src/domain/settings';
import type * as BackupsModule from '../../../../src/storage/backups';
import type * as RecoveryModule from '../../../../src/storage/recovery';
import type * as ExportModule from '../../../../src/export';
// (type-only imports: nothing is loaded before the tripwires are in place)

const NETWORK = /^(node:)?(http|https|net|tls|dns|dns\/promises|http2|dgram|undici)$/;
const tripped: { kind: string; what: string; stack: string }[] = [];
const trip = (kind: string, what: string) => tripped.push({ kind, what, stack: (new Error().stack ?? '').split('\n').slice(2, 8).join('\n') });

// 1. require() of a network module, from anywhere (our code, zod, csv-stringify, better-sqlite3).
type Load = (request: string, parent: unknown, isMain: boolean) => unknown;
const mod = Module as unknown as { _load: Load };
const originalLoad = mod._load;
mod._load = function (request: string, parent: unknown, isMain: boolean) {
  if (NETWORK.test(request)) trip('require', request);
  return originalLoad.call(this, request, parent, isMain);
};
// 2. import / require resolution through the module hooks, where this Node has them.
const registerHooks = (Module as unknown as { registerHooks?: (h: { resolve: (s: string, c: unknown, next: (s: string, c: unknown) => unknown) => unknown }) => void }).registerHooks;
registerHooks?.({
  resolve(specifier, context, next) {
    if (NETWORK.test(specifier)) trip('resolve', specifier);
    return next(specifier, context);
  },
});
// 3. Web APIs that reach the network.
const g = globalThis as Record<string, unknown>;
for (const name of ['fetch', 'WebSocket', 'EventSource', 'XMLHttpRequest']) {
  g[name] = new Proxy(function () {}, {
    apply: () => trip('global', name),
    construct: () => (trip('global', `new ${name}`), {}),
  });
}
// 4. Dynamic code.
const OriginalFunction = Function;
g.Function = new Proxy(OriginalFunction, {
  apply: (target, self, args: unknown[]): unknown => (trip('dynamic-code', 'Function()'), Reflect.apply(target, self, args) as unknown),
  construct: (target, args: unknown[]) => (trip('dynamic-code', 'new Function()'), Reflect.construct(target, args) as object),
});
const originalEval = g.eval as (s: string) => unknown;
g.eval = (s: string) => (trip('dynamic-code', 'eval'), originalEval(s));

/** CommonJS require of the code under test, after the tripwires are in place. */
const requireHere = Module.createRequire(__filename);
const load = <T>(id: string): T => requireHere(id) as T;

async function exercise(work: string): Promise<string[]> {
  const ran: string[] = [];
  const domain = load<typeof DomainModule>('../../../../src/domain');
  const { parseImportFile, prepareImport } = load<typeof ImportFormatModule>('../../../../src/domain/importFormat');
  const { resolvePeriod } = load<typeof PeriodsModule>('../../../../src/domain/periods');
  const { buildSummary } = load<typeof SummaryModule>('../../../../src/domain/summary');
  const { parseSettings } = load<typeof SettingsModule>('../../../../src/domain/settings');
  const backups = load<typeof BackupsModule>('../../../../src/storage/backups');
  const { openWithRecovery } = load<typeof RecoveryModule>('../../../../src/storage/recovery');
  const exporters = load<typeof ExportModule>('../../../../src/export');
  const { writeFileSync } = load<typeof FsModule>('node:fs');

  parseSettings(() => undefined);
  for (const engine of ['better-sqlite3', 'node:sqlite'] as const) {
    const path = join(work, engine.replace(':', '-'), 'impact-log.sqlite');
    const folder = join(work, engine.replace(':', '-'), 'backups');
    let { store } = await openWithRecovery({ path, backupFolder: folder, engine });
    const ids: string[] = [];
    for (const kind of domain.KIND_IDS) {
      ids.push(store.add(domain.parseNewEntry(kind, { title: `${kind} entry`, links: ['https://example.com/pr/1'], tags: ['probe'], impact: 'high' })).id);
    }
    store.update(ids[0]!, domain.parsePatch('problem', { title: 'edited', customerVisible: true }));
    store.softDelete([ids[1]!]);
    store.undoLastDelete();
    store.list({ text: 'entry' });
    store.countsPerDay();
    store.tagCounts();
    ran.push(`store:${store.engine}`);

    const { period, previous } = resolvePeriod({ preset: 'last12Months' }, { now: Date.now(), fiscalYearStartMonth: 4 });
    const summary = buildSummary({ entries: store.list(), previousEntries: [], period, previous, now: Date.now() });
    const outputs = (['markdown', 'json', 'csv'] as const).map((f) => exporters.renderSummary(f, summary, []));
    exporters.entryToMarkdown(store.list()[0]!, ['links']);
    ran.push('export:markdown,json,csv');

    const file = parseImportFile(outputs[1]!);
    store.importEntries(prepareImport(file, (id) => store.get(id)));
    ran.push('import');

    await backups.dailyBackupIfDue(store, folder, 3);
    const manual = await backups.backupNow(store, folder, 3);
    backups.listBackups(folder).map((b) => backups.inspectBackup(b, engine));
    await backups.restoreBackup(store, { backupPath: manual.path, folder, engine });
    ran.push('backup+restore');

    store.close();
    writeFileSync(path, 'this is not a database any more');
    ({ store } = await openWithRecovery({ path, backupFolder: folder, engine }));
    if (store.count() !== domain.KIND_IDS.length) throw new Error(`recovery restored ${store.count()} entries`);
    store.close();
    ran.push('recovery');
  }
  return ran;
}

/** `--self-test`: do what the tripwires must catch, to prove that they do. */
function misbehave(): Promise<string[]> {
  load<unknown>('node:https');
  load<unknown>('dns');
  void (globalThis.fetch as unknown as (u: string) => unknown)('https://example.com/');
  // eslint-disable-next-line no-new-func, @typescript-eslint/no-implied-eval -- deliberately, to prove the tripwire catches it
  new Function('return 1');
  return Promise.resolve(['misbehaved']);
}

(process.argv[3] === '--self-test' ? misbehave() : exercise(process.argv[2]!)).then(
  (ran) => process.stdout.write(`${JSON.stringify({ tripped, ran })}\n`),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
