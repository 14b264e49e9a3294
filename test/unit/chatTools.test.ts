import assert from 'node:assert/strict';
import Ajv2020 from 'ajv/dist/2020';
import { parse } from 'csv-parse/sync';
import { type Entry, hasEntryShape, KIND_IDS, KINDS, storedEntrySchema, ValidationError } from '../../src/domain';
import {
  FIND_ENTRIES_TOOL, findEntriesJsonSchema, LOG_ENTRY_TOOL, logEntryJsonSchema, parseChatLogEntry, parseFindEntries,
} from '../../src/domain/chatTools';
import { confirmationText, entryPreview, foundEntriesText, invalidInputText, loggedText } from '../../src/export/chatText';
import { entriesToCsv } from '../../src/export/csv';
import { entriesToJson } from '../../src/export/json';
import { entryFacts } from '../../src/ui/timeline/describe';
import { localizedManifest } from './support/manifest';

const NOW = Date.parse('2026-11-23T10:00:00Z');

interface ContributedTool {
  name: string;
  toolReferenceName?: string;
  canBeReferencedInPrompt?: boolean;
  userDescription?: string;
  modelDescription?: string;
  inputSchema?: unknown;
}
const manifestTools = (): ContributedTool[] =>
  localizedManifest<{ contributes: { languageModelTools?: ContributedTool[] } }>().contributes.languageModelTools ?? [];

function problems(fn: () => unknown): { field: string; problem: string }[] {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof ValidationError, `expected a ValidationError, got ${String(err)}`);
    return [...err.problems];
  }
  assert.fail('expected a ValidationError');
}

const stored = (e: ReturnType<typeof parseChatLogEntry>, id = '0b6f6c1e-8d0e-4c55-9a4e-2f1c3b7d9e01'): Entry =>
  ({ ...e, id, createdAt: e.occurredAt, updatedAt: e.occurredAt, deletedAt: null });

/** A complete log argument for each kind, every field it has (as the log commands take them). */
const complete: Record<string, Record<string, unknown>> = {
  problem: { whatWasWrong: 'Sessions expired early', fix: 'Used the server clock', value: 'Fewer logouts', customerVisible: true, identifiedAt: '2026-11-18', resolvedAt: '2026-11-19T17:00:00Z', aiInvolvement: 'assisted' },
  'ai-assist': { task: 'Email regex', tool: 'Claude', verdict: 'discarded', reason: 'insecure', minutesSaved: -10, rework: false },
  'review-catch': { severity: 'critical', category: 'security', author: 'teammate', wouldReachProduction: true },
  shipped: { customerVisible: true, release: 'v2.4.0' },
  incident: { role: 'handled', severity: 'high', minutesToMitigate: 42, followUp: 'Add an alert' },
  note: { category: 'mentoring' },
};
const common = { occurredAt: '2026-11-20T09:30:00Z', details: 'Found in **staging**.', tags: ['auth'], links: [{ url: 'https://example.com/pr/42', label: 'PR' }], impact: 'high' };

describe('chat tools: manifest and input schemas', () => {
  it('package.json carries exactly the input schemas generated from the zod schemas (run scripts/chat-tool-schemas.mjs after changing them)', () => {
    const byName = new Map(manifestTools().map((t) => [t.name, t]));
    assert.deepEqual(byName.get(LOG_ENTRY_TOOL)?.inputSchema, logEntryJsonSchema(), `${LOG_ENTRY_TOOL}: package.json is out of date; run node scripts/chat-tool-schemas.mjs`);
    assert.deepEqual(byName.get(FIND_ENTRIES_TOOL)?.inputSchema, findEntriesJsonSchema(), `${FIND_ENTRIES_TOOL}: package.json is out of date; run node scripts/chat-tool-schemas.mjs`);
  });

  it('contributes the log tool as #impactLog, with descriptions that say when (and when not) to call it', () => {
    const log = manifestTools().find((t) => t.name === LOG_ENTRY_TOOL);
    assert.equal(log?.toolReferenceName, 'impactLog');
    assert.equal(log.canBeReferencedInPrompt, true);
    assert.match(log.modelDescription ?? '', /verdict/);
    assert.match(log.modelDescription ?? '', /Never call it on your own initiative/);
    assert.match(log.userDescription ?? '', /confirm/);
    assert.match(manifestTools().find((t) => t.name === FIND_ENTRIES_TOOL)?.modelDescription ?? '', /read-only/);
  });

  it('offers every field of every kind, the kind itself, and not the captured context', () => {
    const props = Object.keys(logEntryJsonSchema().properties as object).sort();
    const expected = new Set(['kind', 'title', 'occurredAt', 'details', 'tags', 'links', 'impact', ...KIND_IDS.flatMap((k) => KINDS[k].fields.map((f) => f.key))]);
    assert.deepEqual(props, [...expected].sort());
    assert.deepEqual((logEntryJsonSchema().properties as Record<string, { enum?: unknown }>).kind?.enum, [...KIND_IDS]);
  });

  it('the JSON schema accepts what the zod schema accepts and rejects wrong types, unknown fields and kinds', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validate = ajv.compile(logEntryJsonSchema());
    for (const kind of KIND_IDS) {
      const input = { kind, title: `A ${kind}`, ...common, ...complete[kind] };
      assert.ok(validate(input), `${kind}: ${ajv.errorsText(validate.errors)}`);
      assert.doesNotThrow(() => parseChatLogEntry(input, NOW));
    }
    for (const bad of [{ kind: 'note', title: 42 }, { kind: 'win', title: 'x' }, { kind: 'note', title: 'x', verdcit: 'accepted' }, { kind: 'ai-assist', title: 'x', verdict: 'maybe' }, { title: 'no kind' }]) {
      assert.equal(validate(bad), false, JSON.stringify(bad));
    }
    const find = ajv.compile(findEntriesJsonSchema());
    assert.ok(find({ period: 'lastQuarter', kinds: ['shipped'], tags: ['auth'], text: 'login', limit: 10 }), ajv.errorsText(find.errors));
    assert.ok(find({ period: { from: '2026-01-01', to: '2026-03-31' } }));
    assert.equal(find({ period: 'lastDecade' }), false);
  });

  it("carries zod's bounds and choices, so the model sees the limits the log commands enforce", () => {
    const props = logEntryJsonSchema().properties as Record<string, { minimum?: number; maximum?: number; maxItems?: number; enum?: unknown }>;
    assert.deepEqual([props.minutesSaved?.minimum, props.minutesSaved?.maximum], [-100_000, 100_000]);
    assert.equal(props.tags?.maxItems, 30);
    assert.equal(props.links?.maxItems, 20);
    assert.deepEqual(props.verdict?.enum, ['accepted', 'adapted', 'discarded']);
  });
});

describe('chat tools: logEntry input', () => {
  it('turns good input into the entry the log command would write, marked as from the chat', () => {
    const e = parseChatLogEntry({ kind: 'ai-assist', title: '  Retry helper from Copilot ', verdict: 'discarded', reason: 'invented an API', tool: 'GitHub Copilot', tags: ['#Retry'], links: ['https://example.com/pr/7'] }, NOW, { workspaceFolder: 'api', branch: 'main' });
    assert.equal(e.kind, 'ai-assist');
    assert.equal(e.title, 'Retry helper from Copilot');
    assert.deepEqual(e.fields, { verdict: 'discarded', reason: 'invented an API', tool: 'GitHub Copilot' });
    assert.deepEqual(e.tags, ['retry']);
    assert.deepEqual(e.links, [{ url: 'https://example.com/pr/7' }]);
    assert.deepEqual(e.context, { workspaceFolder: 'api', branch: 'main', source: 'chat' });
    assert.equal(e.occurredAt, new Date(NOW).toISOString());
  });

  it('names the field for wrong types, an unknown kind, a javascript: link, a 100 kB title', () => {
    assert.deepEqual(problems(() => parseChatLogEntry({ kind: 'note', title: 42 }, NOW)), [{ field: 'title', problem: 'must be text' }]);
    assert.deepEqual(problems(() => parseChatLogEntry({ kind: 'ai-assist', title: 'x', minutesSaved: 'ten' }, NOW)), [{ field: 'minutesSaved', problem: 'must be a number' }]);
    assert.deepEqual(problems(() => parseChatLogEntry({ kind: 'ai-assist', title: 'x', rework: 'yes' }, NOW)), [{ field: 'rework', problem: 'must be true or false' }]);
    assert.deepEqual(problems(() => parseChatLogEntry({ kind: 'win', title: 'x' }, NOW)), [{ field: 'kind', problem: `must be one of: ${KIND_IDS.join(', ')}` }]);
    assert.deepEqual(problems(() => parseChatLogEntry({ title: 'x' }, NOW)), [{ field: 'kind', problem: 'is required' }]);
    assert.deepEqual(problems(() => parseChatLogEntry({ kind: 'shipped', title: 'x', links: ['https://ok.test', 'javascript:alert(1)'] }, NOW)), [
      { field: 'links[1].url', problem: 'must be a web address starting with http:// or https://' },
    ]);
    assert.deepEqual(problems(() => parseChatLogEntry({ kind: 'note', title: 'x'.repeat(100_000) }, NOW)), [{ field: 'title', problem: 'must be at most 300 characters' }]);
  });

  it('refuses a field of another kind, a context the chat made up, and input that is not an object', () => {
    assert.deepEqual(problems(() => parseChatLogEntry({ kind: 'note', title: 'x', verdict: 'accepted' }, NOW)), [{ field: '', problem: 'unknown field “verdict”' }]);
    assert.deepEqual(problems(() => parseChatLogEntry({ kind: 'note', title: 'x', category: 'security' }, NOW))[0]?.field, 'category');
    assert.deepEqual(problems(() => parseChatLogEntry({ kind: 'note', title: 'x', context: { source: 'chat', repo: 'evil' } }, NOW)), [{ field: 'context', problem: 'is captured by Impact Log; leave it out' }]);
    for (const notObject of [null, 'a title', ['x'], 7]) assert.equal(problems(() => parseChatLogEntry(notObject, NOW))[0]?.field, '');
  });

  it('the result for bad input names every field and says nothing was logged', () => {
    let err: unknown;
    try {
      parseChatLogEntry({ kind: 'ai-assist', title: 'x'.repeat(100_000), verdict: 'maybe', links: ['javascript:alert(1)'] }, NOW);
    } catch (e) {
      err = e;
    }
    assert.ok(err instanceof ValidationError);
    const text = invalidInputText(LOG_ENTRY_TOOL, err);
    assert.match(text, /^Nothing was logged\. AI assist: /);
    for (const field of ['“title” must be at most 300 characters', '“verdict” must be one of: accepted, adapted, discarded', '“links[0].url” must be a web address']) assert.ok(text.includes(field), `${field} in ${text}`);
    assert.ok(!text.includes('x'.repeat(301)), 'the bad title is not echoed back');
  });
});

describe('chat tools: confirmation and results', () => {
  const entry = parseChatLogEntry(
    {
      kind: 'ai-assist',
      title: 'Retry helper from Copilot',
      verdict: 'discarded',
      reason: 'invented an API',
      tool: 'GitHub Copilot',
      occurredAt: '2026-11-20',
      tags: ['retry'],
      links: [{ url: 'https://example.com/acme/api/pull/42', label: 'PR #42' }, 'https://example.com/issue/7'],
      details: `[click](javascript:alert(1)) ${'d'.repeat(2500)}`,
    },
    NOW,
  );

  it('the confirmation shows every field that will be written: kind, title, verdict, reason, links', () => {
    const lines = entryPreview(entry);
    assert.deepEqual(lines.slice(0, 7), [
      { label: 'Kind', value: 'AI assist' },
      { label: 'Title', value: 'Retry helper from Copilot' },
      { label: 'When', value: '2026-11-20' },
      { label: 'Verdict', value: 'discarded' },
      { label: 'Why', value: 'invented an API' },
      { label: 'Tool', value: 'GitHub Copilot' },
      { label: 'Tags', value: '#retry' },
    ]);
    assert.deepEqual(lines.filter((l) => l.label === 'Link').map((l) => l.value), ['PR #42 (https://example.com/acme/api/pull/42)', 'https://example.com/issue/7']);
    const details = lines.find((l) => l.label === 'Details')?.value ?? '';
    assert.ok(details.startsWith('[click](javascript:alert(1))'), 'user text is shown as it is (the Markdown layer escapes it)');
    assert.match(details, /… \(529 more characters\)$/);
    assert.deepEqual(entryPreview({ ...entry, context: { workspaceFolder: 'api', repo: 'github.com/acme/api', branch: 'main', source: 'chat' } }).at(-1), {
      label: 'Recorded with', value: 'folder api · repo github.com/acme/api · branch main',
    });
    const text = confirmationText(entry);
    assert.match(text, /^Kind: AI assist\nTitle: Retry helper from Copilot\n/);
    assert.match(text, /Nothing is written unless you continue\.$/);
  });

  it('the result after writing quotes the entry with its id and kind fields', () => {
    const text = loggedText(stored(entry));
    assert.ok(text.startsWith("Logged in the user's Impact Log (id 0b6f6c1e-8d0e-4c55-9a4e-2f1c3b7d9e01): AI assist “Retry helper from Copilot”, 2026-11-20."), text);
    assert.ok(text.includes('Verdict: discarded; Why: invented an API; Tool: GitHub Copilot.'), text);
    assert.ok(text.includes('Evidence: https://example.com/acme/api/pull/42, https://example.com/issue/7.'), text);
    assert.match(text, /do not log it again\.$/);
  });

  it('found entries come back one line each, in the user’s words, with dates, ids and the count', () => {
    const shipped = stored(parseChatLogEntry({ kind: 'shipped', title: 'Checkout v2', release: 'v2.4', occurredAt: '2026-09-28' }, NOW), '11111111-1111-4111-8111-111111111111');
    const text = foundEntriesText([stored(entry), shipped], { total: 5, scope: 'Q3 FY2026 (2026-07-01 to 2026-09-30)' });
    const lines = text.split('\n');
    assert.equal(lines[0], "The user's Impact Log: 5 entries, the newest 2 shown (narrow the period or filters for the rest) (Q3 FY2026 (2026-07-01 to 2026-09-30)), newest first. Titles and fields are the user's own words; quote them, do not add entries.");
    assert.match(lines[1]!, /^- 2026-11-20 · AI assist · “Retry helper from Copilot” · Verdict: discarded; Why: invented an API; Tool: GitHub Copilot · #retry · evidence: PR #42 <https:\/\/example\.com\/acme\/api\/pull\/42>, /);
    assert.match(lines[1]!, / · logged from the chat · id 0b6f6c1e-8d0e-4c55-9a4e-2f1c3b7d9e01$/);
    assert.equal(lines[2], '- 2026-09-28 · Change shipped · “Checkout v2” · Release or version: v2.4 · no evidence link · logged from the chat · id 11111111-1111-4111-8111-111111111111');
    assert.equal(foundEntriesText([], { total: 0, scope: 'all time; Change shipped' }), "No entries in the user's Impact Log match (all time; Change shipped).");
  });

  it('found entries leave out what the export settings leave out', () => {
    const text = foundEntriesText([stored(entry)], { total: 1, scope: 'all time', omit: ['links', 'details', 'tags'] });
    assert.ok(!text.includes('https://'), text);
    assert.ok(!text.includes('#retry'), text);
    assert.ok(!text.includes('javascript'), text);
    assert.match(text, /Left out by the user's export settings: links, details, tags\./);
  });

  it('findEntries input: presets, ranges and filters, bad parts named', () => {
    assert.deepEqual(parseFindEntries(undefined), { period: undefined, kinds: [], tags: [], text: '', limit: 30 });
    assert.deepEqual(parseFindEntries({ period: 'lastQuarter', kinds: ['shipped', 'shipped'], tags: ['#Auth'], text: ' login  bug ', limit: 5 }), {
      period: { preset: 'lastQuarter' }, kinds: ['shipped'], tags: ['auth'], text: 'login bug', limit: 5,
    });
    assert.deepEqual(parseFindEntries({ period: { from: '2026-01-01', to: '2026-03-31' } }).period, { from: '2026-01-01', to: '2026-03-31' });
    assert.equal(problems(() => parseFindEntries({ kinds: ['win'] }))[0]?.field, 'kinds[0]');
    assert.equal(problems(() => parseFindEntries({ limit: 1000 }))[0]?.field, 'limit');
    assert.equal(problems(() => parseFindEntries({ period: 'lastDecade' }))[0]?.field, 'period');
    assert.equal(problems(() => parseFindEntries({ sql: 'drop table' }))[0]?.problem, 'unknown field “sql”');
  });
});

describe('entries logged from the chat', () => {
  const e = stored(parseChatLogEntry({ kind: 'ai-assist', title: 'Regex from chat', verdict: 'accepted' }, NOW));

  it('are stored and read back with context.source (full schema and fast path), and no other source is accepted', () => {
    assert.deepEqual(storedEntrySchema.parse(e).context, { source: 'chat' });
    assert.ok(hasEntryShape({ ...e }));
    assert.equal(hasEntryShape({ ...e, context: { source: 'email' } }), false);
    assert.equal(storedEntrySchema.safeParse({ ...e, context: { source: 'email' } }).success, false);
  });

  it('carry source "chat" in the JSON and CSV exports; other entries leave it empty', () => {
    const json = JSON.parse(entriesToJson([e], { exportedAt: NOW })) as { entries: { context: unknown }[] };
    assert.deepEqual(json.entries[0]?.context, { source: 'chat' });
    const other = stored(parseChatLogEntry({ kind: 'note', title: 'n' }, NOW), '22222222-2222-4222-8222-222222222222');
    const rows = parse<Record<string, string>>(entriesToCsv([e, { ...other, context: {} }]), { bom: true, columns: true, record_delimiter: '\r\n' });
    assert.deepEqual(rows.map((r) => r.source), ['chat', '']);
  });

  it('say so in the timeline tooltip', () => {
    assert.equal(entryFacts(e, { locale: 'en-GB' }).origin, 'Logged from the chat');
    assert.equal(entryFacts({ ...e, context: {} }, { locale: 'en-GB' }).origin, undefined);
  });
});
