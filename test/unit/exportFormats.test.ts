import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { KIND_IDS, KINDS } from '../../src/domain';
import { parseImportFile } from '../../src/domain/importFormat';
import { csvColumns, entriesToCsv, guardCell, kindFieldColumns, unguardCell } from '../../src/export/csv';
import { entriesToJson } from '../../src/export/json';
import { currentEntries, entry, fixturePeriod, NOW } from './support/summaryFixture';

const SCHEMA_PATH = join(__dirname, '..', '..', '..', 'docs', 'export.schema.json');

function validator() {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  addFormats(ajv);
  const schema = JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>;
  return { validate: ajv.compile(schema), schema, ajv };
}

type Row = Record<string, string>;
const parseCsv = (text: string): Row[] => parse<Row>(text, { bom: true, columns: true, record_delimiter: '\r\n' });

describe('JSON export', () => {
  const entries = currentEntries();
  const opts = { exportedAt: NOW, period: fixturePeriod().period, timeZone: 'Europe/Berlin' };

  it('validates against docs/export.schema.json with ajv', () => {
    const { validate, ajv } = validator();
    for (const omit of [[], ['links', 'details', 'tags', 'workspaceFolder', 'repo', 'branch', 'commit', 'file']]) {
      const ok = validate(JSON.parse(entriesToJson(entries, { ...opts, omit })));
      assert.ok(ok, ajv.errorsText(validate.errors));
    }
  });

  it('the schema rejects what the importer rejects (wrong verdict, unknown field, javascript: link)', () => {
    const { validate } = validator();
    const doc = JSON.parse(entriesToJson(entries, opts)) as { entries: Record<string, unknown>[] };
    const bad = [
      { ...doc.entries[13], fields: { verdict: 'maybe' } },
      { ...doc.entries[0], extra: 1 },
      { ...doc.entries[0], links: [{ url: 'javascript:alert(1)' }] },
    ];
    for (const b of bad) {
      assert.equal(validate({ ...doc, entries: [b] }), false, JSON.stringify(b).slice(0, 80));
      assert.throws(() => parseImportFile(JSON.stringify({ ...doc, entries: [b] })));
    }
  });

  it('the schema lists exactly the domain’s kinds, fields and choices (no drift)', () => {
    const { schema } = validator();
    const defs = schema.$defs as Record<string, { properties: Record<string, { enum?: unknown[] }> }>;
    assert.deepEqual(defs.entry!.properties.kind!.enum, [...KIND_IDS]);
    for (const k of KIND_IDS) {
      const props = defs[`fields.${k}`]!.properties;
      assert.deepEqual(Object.keys(props).sort(), Object.keys((KINDS[k].schema as unknown as { shape: object }).shape).sort(), k);
      for (const f of KINDS[k].fields) {
        if (f.type === 'choice') assert.deepEqual(props[f.key]!.enum, f.options.map((o) => o.value), `${k}.${f.key}`);
      }
    }
  });

  it('round-trips through the importer unchanged', () => {
    const back = parseImportFile(entriesToJson(entries, opts));
    assert.deepEqual(back.entries, entries);
    assert.deepEqual(back.omitted, []);
  });

  it('has a versioned envelope with the period and its time zone', () => {
    const doc = JSON.parse(entriesToJson(entries, opts)) as Record<string, unknown>;
    assert.equal(doc.format, 'impact-log');
    assert.equal(doc.version, 2);
    assert.equal(doc.exportedAt, new Date(NOW).toISOString());
    assert.deepEqual(doc.period, { name: 'H2 FY2026', from: '2026-07-01', to: '2026-12-31', timeZone: 'Europe/Berlin' });
  });

  it('leaves out chosen fields entirely (keys absent, listed under "omitted")', () => {
    const withCtx = entry('problem', { title: 'x', value: 'secret value', details: 'secret', links: ['https://a.example/1'], tags: ['t'], context: { repo: 'acme/secret', branch: 'main', file: 'a.ts', startLine: 3 } });
    const doc = JSON.parse(entriesToJson([withCtx], { exportedAt: NOW, omit: ['links', 'details', 'repo', 'file'] })) as { omitted: string[]; entries: Record<string, unknown>[] };
    assert.deepEqual(doc.omitted, ['links', 'details', 'repo', 'file']);
    const e = doc.entries[0]!;
    assert.ok(!('links' in e) && !('details' in e));
    assert.deepEqual(e.context, { branch: 'main' });
    assert.deepEqual(e.fields, {});
    assert.doesNotMatch(JSON.stringify(doc), /secret|acme|a\.example|a\.ts/);
  });
});

describe('CSV export', () => {
  const entries = currentEntries();

  it('is RFC 4180: CRLF between records, a header row, one row per entry, parsed back by csv-parse', () => {
    const text = entriesToCsv(entries);
    assert.ok(text.startsWith('\uFEFFid,kind,title,'), 'UTF-8 byte-order mark, then the header');
    assert.ok(text.endsWith('\r\n'));
    assert.equal(text.replace(/"[^"]*"/g, '').split('\r\n').length - 1, entries.length + 1, 'records end with CRLF');
    const rows = parseCsv(text);
    assert.equal(rows.length, entries.length);
    assert.deepEqual(Object.keys(rows[0]!), csvColumns());
  });

  it('round-trips every value: text, numbers, booleans, dates, tags, links', () => {
    const rows = parseCsv(entriesToCsv(entries));
    entries.forEach((e, i) => {
      const r = rows[i]!;
      assert.equal(unguardCell(r.title!), e.title);
      assert.equal(r.id, e.id);
      assert.equal(r.kind, e.kind);
      assert.equal(r.occurredAt, e.occurredAt);
      assert.equal(r.impact, e.impact ?? '');
      assert.deepEqual(r.tags === '' ? [] : r.tags!.split(', '), e.tags);
      assert.deepEqual(r.links === '' ? [] : r.links!.split('\n'), e.links.map((l) => l.url));
      for (const [k, v] of Object.entries(e.fields as Record<string, unknown>)) assert.equal(unguardCell(r[k]!), String(v), `${e.kind}.${k}`);
      assert.equal(r.deletedAt, e.deletedAt ?? '');
    });
  });

  it('has one column per kind field, shared fields (severity, category, customerVisible) once', () => {
    const cols = kindFieldColumns();
    assert.equal(new Set(cols).size, cols.length);
    for (const k of KIND_IDS) for (const f of KINDS[k].fields) assert.ok(cols.includes(f.key));
  });

  it('neutralises cells a spreadsheet would run as formulas, and only those', () => {
    for (const bad of ['=cmd()', '+1+1', '-2+3', '@SUM(A1)', '\tx', '\rx', ' =x', "'=x"]) {
      assert.equal(guardCell(bad), `'${bad}`, JSON.stringify(bad));
      assert.equal(unguardCell(guardCell(bad)), bad);
    }
    for (const fine of ['Fix = bug', 'a+b', "it's", 'x-1', '']) assert.equal(guardCell(fine), fine);
    const e = entry('ai-assist', { title: '=HYPERLINK("http://evil.example","click")', verdict: 'accepted', minutesSaved: -15, reason: '@evil' });
    const row = parseCsv(entriesToCsv([e]))[0]!;
    assert.equal(row.title, `'=HYPERLINK("http://evil.example","click")`);
    assert.equal(row.minutesSaved, '-15', 'a number stays a number');
  });

  it('honours omitted fields by dropping their columns', () => {
    const cols = csvColumns(['links', 'details', 'tags', 'file', 'repo']);
    for (const gone of ['links', 'details', 'tags', 'file', 'startLine', 'endLine', 'repo', 'whatWasWrong', 'fix', 'value', 'followUp']) assert.ok(!cols.includes(gone), gone);
    const rows = parseCsv(entriesToCsv(entries, { omit: ['links', 'details'] }));
    assert.deepEqual(Object.keys(rows[0]!), csvColumns(['links', 'details']));
    assert.doesNotMatch(entriesToCsv(entries, { omit: ['links'] }), /https?:/);
  });
});
