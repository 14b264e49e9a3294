import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { type Entry, parseNewEntry, ValidationError } from '../../src/domain';
import { DEFAULT_CHECKPOINTS, type FollowUp, type FollowUpState, parseFollowUpArgument } from '../../src/domain/followUps';
import { parseImportFile, prepareFollowUpImport, prepareImport } from '../../src/domain/importFormat';
import { entriesToCsv } from '../../src/export/csv';
import { entriesToJson } from '../../src/export/json';
import { EntryStore } from '../../src/storage';
import { currentEntries, NOW } from './support/summaryFixture';
import { ENGINES, tempDir } from './support/tmp';

const SCHEMA = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', 'docs', 'export.schema.json'), 'utf8')) as Record<string, unknown>;
const validate = (() => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const v = ajv.compile(SCHEMA);
  return (doc: unknown) => (v(doc) ? '' : ajv.errorsText(v.errors));
})();

describe('export format 2: follow-ups in JSON and CSV', () => {
  const entries = currentEntries();
  const shipped = entries.find((e) => e.kind === 'shipped')!;
  const problem = entries.find((e) => e.kind === 'problem')!;
  const incident = entries.find((e) => e.kind === 'incident')!;
  const answers: FollowUp[] = [
    { id: '10000000-0000-4000-8000-000000000001', entryId: shipped.id, checkpoint: 30, outcome: 'held', answeredAt: '2026-11-20T09:00:00.000Z' },
    { id: '10000000-0000-4000-8000-000000000002', entryId: shipped.id, checkpoint: 90, outcome: 'caused-incident', answeredAt: '2026-12-01T09:00:00.000Z', incidentId: incident.id, evidence: 'https://status.example.com/i/9', note: '=cmd() "quoted", with comma' },
    { id: '10000000-0000-4000-8000-000000000003', entryId: problem.id, checkpoint: 30, outcome: 'unknown', answeredAt: '2026-11-02T09:00:00.000Z' },
  ];
  const states: FollowUpState[] = [{ entryId: problem.id, excluded: true, snoozedUntil: null, updatedAt: '2026-11-02T09:00:00.000Z' }];
  const json = (omit: string[] = []) => entriesToJson(entries, { exportedAt: NOW, omit, followUps: { answers, states } });

  it('writes version 2 with follow-ups that validate against docs/export.schema.json and import back unchanged', () => {
    const doc = JSON.parse(json()) as { version: number; followUps: FollowUp[]; followUpStates: FollowUpState[] };
    assert.equal(doc.version, 2);
    assert.deepEqual(doc.followUps, answers);
    assert.deepEqual(doc.followUpStates, states);
    assert.equal(validate(doc), '');
    assert.equal(validate(JSON.parse(json(['links', 'details']))), '');
    const back = parseImportFile(json());
    assert.deepEqual(back.followUps, answers);
    assert.deepEqual(back.followUpStates, states);
    assert.deepEqual(back.entries, entries);
  });

  it('leaves evidence out with links and notes with details, and an import keeps the log’s own', () => {
    const doc = JSON.parse(json(['links', 'details'])) as { followUps: FollowUp[] };
    assert.deepEqual(doc.followUps[1], { id: answers[1]!.id, entryId: shipped.id, checkpoint: 90, outcome: 'caused-incident', answeredAt: answers[1]!.answeredAt, incidentId: incident.id });
    const file = parseImportFile(json(['links', 'details']));
    const merged = prepareFollowUpImport(file, (id) => answers.find((a) => a.id === id));
    assert.deepEqual(merged[1], answers[1]);
  });

  it('reads a version 1 file (no follow-ups), and refuses follow-ups that are wrong, naming them', () => {
    const doc = JSON.parse(json()) as Record<string, unknown> & { followUps: Record<string, unknown>[] };
    const { followUps: _f, followUpStates: _s, ...v1body } = doc;
    const v1 = parseImportFile(JSON.stringify({ ...v1body, version: 1 }));
    assert.deepEqual(v1.followUps, []);
    assert.equal(v1.entries.length, entries.length);
    const refused = (bad: unknown, field: string, problem: RegExp) => {
      assert.throws(
        () => parseImportFile(JSON.stringify(bad)),
        (err: unknown) => err instanceof ValidationError && err.problems.some((p) => p.field === field && problem.test(p.problem)),
        `${field} ${String(problem)}`,
      );
      assert.notEqual(validate(bad), '', `the schema refuses it too: ${field}`);
    };
    const withAnswer = (change: Record<string, unknown>) => ({ ...doc, followUps: [{ ...doc.followUps[0], ...change }] });
    refused(withAnswer({ outcome: 'fine' }), 'followUps[0].outcome', /must be one of: held, reverted/);
    refused(withAnswer({ evidence: 'javascript:alert(1)' }), 'followUps[0].evidence', /http/);
    refused(withAnswer({ checkpoint: 0 }), 'followUps[0].checkpoint', /at least 1/);
    refused(withAnswer({ extra: true }), 'followUps[0]', /unknown field/);
    assert.throws(() => parseImportFile(JSON.stringify(withAnswer({ entryId: '20000000-0000-4000-8000-000000000009' }))), /followUps\[0\]\.entryId is not an entry of this file/);
    assert.throws(() => parseImportFile(JSON.stringify({ ...doc, followUps: [doc.followUps[0], doc.followUps[0]] })), /followUps\[1\]\.id repeats the id of followUps\[0\]/);
    assert.throws(() => parseImportFile(JSON.stringify({ ...doc, version: 1 })), /version must be 2 for a file with follow-ups/);
  });

  it('CSV carries each entry’s latest outcome, escaped like every cell', () => {
    const rows = parse<Record<string, string>>(entriesToCsv(entries, { followUps: answers }), { bom: true, columns: true, record_delimiter: '\r\n' });
    const byId = new Map(rows.map((r) => [r.id, r]));
    assert.deepEqual([byId.get(shipped.id)?.followUpOutcome, byId.get(shipped.id)?.followUpCheckpoint, byId.get(shipped.id)?.followUpAnsweredAt], ['caused-incident', '90', '2026-12-01T09:00:00.000Z']);
    assert.equal(byId.get(problem.id)?.followUpOutcome, 'unknown');
    assert.equal(byId.get(incident.id)?.followUpOutcome, '', 'no follow-up: empty');
  });
});

for (const engine of ENGINES) {
  describe(`importing follow-ups from another machine (${engine})`, () => {
    let tmp: ReturnType<typeof tempDir>;
    let a: EntryStore;
    let b: EntryStore;
    const clock = Date.parse('2026-11-23T10:00:00Z');
    beforeEach(async () => {
      tmp = tempDir();
      a = await EntryStore.open({ path: join(tmp.dir, 'a.sqlite'), engine, now: () => clock });
      b = await EntryStore.open({ path: join(tmp.dir, 'b.sqlite'), engine, now: () => clock + 1000 });
    });
    afterEach(() => {
      a.close();
      b.close();
      tmp.cleanup();
    });
    const exportOf = (s: EntryStore): string => {
      const entries: Entry[] = s.list({ deleted: 'include' }, { order: 'asc' });
      return entriesToJson(entries, { exportedAt: clock, followUps: { answers: s.followUps.list(undefined, true), states: s.followUps.listStates(undefined, true) } });
    };
    const importInto = (s: EntryStore, text: string) => {
      const file = parseImportFile(text);
      return s.followUps.importWithEntries(prepareImport(file, (id) => s.get(id)), prepareFollowUpImport(file, (id) => s.followUps.get(id)), file.followUpStates);
    };

    it('merges entries and follow-ups by id in one go; the same file twice changes nothing', () => {
      const e = a.add(parseNewEntry('shipped', { title: 'Invoice PDFs', occurredAt: '2026-10-01T12:00:00Z' }, clock));
      const x = a.add(parseNewEntry('problem', { title: 'Leak', occurredAt: '2026-10-01T12:00:00Z' }, clock));
      a.followUps.answer(parseFollowUpArgument({ id: e.id, outcome: 'reverted', evidence: 'https://git.example.com/c/1' }), { cfg: { enabled: true, checkpoints: DEFAULT_CHECKPOINTS }, timeZone: 'UTC' });
      a.followUps.exclude(x.id);
      const text = exportOf(a);
      assert.deepEqual(importInto(b, text), { entries: { added: 2, updated: 0, skipped: 0 }, followUps: { added: 2, updated: 0, skipped: 0 } });
      assert.deepEqual(importInto(b, text), { entries: { added: 0, updated: 0, skipped: 2 }, followUps: { added: 0, updated: 0, skipped: 2 } });
      assert.deepEqual(b.followUps.list(), a.followUps.list());
      assert.equal(b.followUps.stateOf(x.id)?.excluded, true);
    });

    it('a file refused for one bad follow-up writes nothing at all', () => {
      const e = a.add(parseNewEntry('shipped', { title: 'Invoice PDFs', occurredAt: '2026-10-01T12:00:00Z' }, clock));
      a.followUps.answer(parseFollowUpArgument({ id: e.id, outcome: 'held' }), { cfg: { enabled: true, checkpoints: DEFAULT_CHECKPOINTS }, timeZone: 'UTC' });
      const doc = JSON.parse(exportOf(a)) as { followUps: Record<string, unknown>[] };
      doc.followUps[0]!.outcome = 'maybe';
      assert.throws(() => importInto(b, JSON.stringify(doc)), ValidationError);
      assert.equal(b.count({ deleted: 'include' }), 0);
      assert.deepEqual(b.followUps.list(undefined, true), []);
    });
  });
}
