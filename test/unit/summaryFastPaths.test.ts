import assert from 'node:assert/strict';
import fc from 'fast-check';
import { type Entry, isoMs, KIND_IDS, KINDS, type KindId, toIso } from '../../src/domain';
import { resolvePeriod } from '../../src/domain/periods';
import { AI_INVOLVEMENT, CATCH_CATEGORIES, INCIDENT_ROLES, SEVERITIES, VERDICTS } from '../../src/domain/kinds';
import { buildSummary, countValues, HIGHLIGHT_MAX, highlightRank, median, type PeriodStats, periodStats, type SeverityKey, type SummaryInput } from '../../src/domain/summary';
import { escapeInline, linkDestination } from '../../src/export/escape';

/**
 * The summary and its Markdown take shortcuts for speed (a parser for the stored time format, sort
 * keys computed once, escaping skipped for text that needs none). Each is checked here against the
 * straightforward version it replaced, kept below as the reference: same results, whatever the input.
 */

// ---- references: the code as it was before the shortcuts

const ALWAYS = /[\\`*[\]<|~$]/g;
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
const LINE_BREAKS = /\r\n|[\r\n\u2028\u2029\u0085]/g;
const WORD = /[\p{L}\p{N}]/u;
const ENTITY = /^&(#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)/;
/** Text-direction controls show as `<U+202E>` (added with that fix; its `<` is then escaped as any other). */
const DIRECTION = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

function referenceEscapeInline(text: string): string {
  const flat = text
    .replace(CONTROL, '')
    .replace(DIRECTION, (c) => `<U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}>`)
    .replace(LINE_BREAKS, ' ')
    .replace(/[ \t]+/g, ' ')
    .trim();
  const t = flat.replace(ALWAYS, (c) => `\\${c}`);
  let out = '';
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (ch === '_') out += i > 0 && WORD.test(t[i - 1]!) && i + 1 < t.length && WORD.test(t[i + 1]!) ? ch : '\\_';
    else if (ch === '#') out += i === 0 || (/\s/.test(t[i - 1]!) && /^#+\s*$/.test(t.slice(i))) ? '\\#' : ch;
    else if (ch === '>' && i === 0) out += '\\>';
    else if (ch === ':' && t.startsWith('//', i + 1)) out += '\\:';
    else if (ch === '.' && /(^|[^\p{L}\p{N}])www$/iu.test(t.slice(Math.max(0, i - 4), i))) out += '\\.';
    else if (ch === '@' && i > 0 && /[\p{L}\p{N}._+-]/u.test(t[i - 1]!) && /^@[\p{L}\p{N}-]+\./u.test(t.slice(i))) out += '\\@';
    else if (ch === '&') out += ENTITY.test(t.slice(i)) ? '\\&' : ch;
    else out += ch;
  }
  return out;
}

function referenceLinkDestination(raw: string): string | undefined {
  let href: string;
  try {
    const u = new URL(raw.trim());
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return undefined;
    href = u.href;
  } catch {
    return undefined;
  }
  let out = '';
  for (let i = 0; i < href.length; i++) {
    const ch = href[i]!;
    if (ch === '&' && ENTITY.test(href.slice(i))) out += '\\&';
    else if (/[A-Za-z0-9\-._~:/?#@!$&+,;=%[\]*']/.test(ch)) out += ch;
    else for (const byte of new TextEncoder().encode(ch)) out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The summary's orders as they were computed: Date.parse and highlightRank inside every comparison. */
function referenceOrders(input: SummaryInput) {
  const p = input.period;
  const chronological = (a: Entry, b: Entry) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id);
  const byRank = (a: Entry, b: Entry): number => {
    const ra = highlightRank(a);
    const rb = highlightRank(b);
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return rb[i]! - ra[i]!;
    return a.id.localeCompare(b.id);
  };
  const entries = input.entries.filter((e) => e.deletedAt === null && Date.parse(e.occurredAt) >= p.from && Date.parse(e.occurredAt) < p.to).sort(chronological);
  // highlightRank's first two keys are the impact level and the entry's own signal.
  const highlights = entries.filter((e) => highlightRank(e)[0]! >= 2 || highlightRank(e)[1]! >= 2).sort(byRank).slice(0, HIGHLIGHT_MAX);
  const ids = new Set(highlights.map((e) => e.id));
  const needsEvidence = entries.filter((e) => e.links.length === 0 && (KINDS[e.kind].outcome || ids.has(e.id))).sort(byRank);
  return { entries, highlights, needsEvidence };
}

/** The period figures as they were computed: a filter per figure. */
function referenceStats(entries: readonly Entry[]): PeriodStats {
  const ofKind = (k: KindId) => entries.filter((e) => e.kind === k) as unknown as { fields: Record<string, unknown> }[];
  const problems = ofKind('problem');
  const catches = ofKind('review-catch');
  const incidents = ofKind('incident');
  const assists = ofKind('ai-assist');
  const verdict = (v: string) => assists.filter((a) => a.fields.verdict === v);
  const discarded = verdict('discarded');
  const kept = assists.filter((a) => a.fields.verdict === 'accepted' || a.fields.verdict === 'adapted');
  const keptRework = kept.filter((a) => a.fields.rework !== undefined);
  const severityKeys: SeverityKey[] = [...[...SEVERITIES].reverse(), 'notRecorded'];
  const reasons = (list: typeof assists) => list.flatMap((a) => (a.fields.reason ? [a.fields.reason as string] : []));
  return {
    entries: entries.length,
    perKind: Object.fromEntries(KIND_IDS.map((k) => [k, ofKind(k).length])) as Record<KindId, number>,
    problems: {
      total: problems.length,
      customerVisible: problems.filter((p) => p.fields.customerVisible === true).length,
      withAi: problems.filter((p) => p.fields.aiInvolvement === 'assisted' || p.fields.aiInvolvement === 'ai-led').length,
      withoutAi: problems.filter((p) => p.fields.aiInvolvement === 'none').length,
      aiNotRecorded: problems.filter((p) => p.fields.aiInvolvement === undefined).length,
      timeToFix: median(
        problems.filter((p) => p.fields.identifiedAt !== undefined && p.fields.resolvedAt !== undefined).map((p) => Date.parse(p.fields.resolvedAt as string) - Date.parse(p.fields.identifiedAt as string)),
      ),
    },
    shipped: { total: ofKind('shipped').length, customerVisible: ofKind('shipped').filter((x) => x.fields.customerVisible === true).length },
    reviewCatches: {
      total: catches.length,
      bySeverity: severityKeys
        .map((severity) => {
          const these = catches.filter((c) => (c.fields.severity ?? 'notRecorded') === severity);
          return { severity, count: these.length, categories: countValues(these.map((c) => (c.fields.category as string | undefined) ?? 'not recorded')) };
        })
        .filter((x) => x.count > 0),
      wouldReachProduction: catches.filter((c) => c.fields.wouldReachProduction === true).length,
    },
    incidents: {
      total: incidents.length,
      handled: incidents.filter((i) => i.fields.role !== 'caused').length,
      caused: incidents.filter((i) => i.fields.role === 'caused').length,
      timeToMitigate: median(incidents.flatMap((i) => (i.fields.minutesToMitigate === undefined ? [] : [i.fields.minutesToMitigate as number]))),
    },
    ai: {
      total: assists.length,
      accepted: verdict('accepted').length,
      adapted: verdict('adapted').length,
      discarded: discarded.length,
      notRecorded: assists.filter((a) => a.fields.verdict === undefined).length,
      discardReasons: countValues(reasons(discarded)),
      discardsWithoutReason: discarded.filter((a) => !a.fields.reason).length,
      adaptReasons: countValues(reasons(verdict('adapted'))),
      keptNeedingRework: keptRework.filter((a) => a.fields.rework === true).length,
      keptReworkRecorded: keptRework.length,
    },
  };
}

// ---- arbitraries

const pad = (n: number, w: number) => String(n).padStart(w, '0');

/** Strings shaped like a stored instant, with every field allowed to be out of range (month 13, 24:00, 31 April, 29 February…). */
const isoShaped = fc
  .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 29 }), fc.integer({ min: 0, max: 69 }), fc.integer({ min: 0, max: 69 }), fc.integer({ min: 0, max: 999 }))
  .map(([y, mo, d, h, mi, s, ms]) => `${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)}T${pad(h, 2)}:${pad(mi, 2)}:${pad(s, 2)}.${pad(ms, 3)}Z`);

/** The same with one character replaced (a letter for a digit, another separator, a lower-case z…). */
const isoMangled = fc.tuple(isoShaped, fc.nat({ max: 23 }), fc.constantFrom('a', 'z', ' ', '-', ':', '.', '+', '/', '٣', 'T', '0', '9')).map(([s, i, c]) => s.slice(0, i) + c + s.slice(i + 1));

const anyDate = fc.date({ min: new Date(-8.64e15), max: new Date(8.64e15), noInvalidDate: true });

/** Text made of the characters escaping cares about, in every arrangement. */
const markdownish = fc.string({
  unit: fc.constantFrom(
    ...['a', 'b', 'w', 'W', '1', 'é', ' ', ' ', '\t', '\n', '\r', '\u0085', '\u2028', '\u00a0', '\u0000', '\u001f', '\u007f'],
    ...['_', '#', '>', '.', ':', '/', '@', '&', ';', 'amp', '#60', '\\', '`', '*', '[', ']', '<', '|', '~', '$', '-', '+', '=', '!'],
  ),
  maxLength: 30,
});

describe('summary fast paths give the same results as the straightforward code', () => {
  it('isoMs reads every instant as Date.parse does: stored form, other ISO forms, out-of-range fields and garbage', () => {
    const same = (s: string) => assert.ok(Object.is(isoMs(s), Date.parse(s)), `${JSON.stringify(s)}: ${isoMs(s)} vs ${Date.parse(s)}`);
    fc.assert(fc.property(anyDate, (d) => same(d.toISOString())), { numRuns: 3000 });
    fc.assert(fc.property(isoShaped, same), { numRuns: 5000 });
    fc.assert(fc.property(isoMangled, same), { numRuns: 3000 });
    fc.assert(fc.property(fc.string({ maxLength: 30 }), same), { numRuns: 1000 });
    for (const s of ['2024-02-29T23:59:59.999Z', '2023-02-29T00:00:00.000Z', '2026-04-31T00:00:00.000Z', '2026-01-01T24:00:00.000Z', '0000-01-01T00:00:00.000Z', '1900-02-29T00:00:00.000Z', '2000-02-29T00:00:00.000Z', '2026-07-01T10:00:00Z', '2026-07-01T10:00:00.5Z', '+275760-09-13T00:00:00.000Z']) {
      same(s);
    }
  });

  it('toIso writes every instant exactly as Date#toISOString does, and throws where it throws', () => {
    const same = (ms: number) => {
      let expected: string | Error;
      try {
        expected = new Date(ms).toISOString();
      } catch (err) {
        expected = err as Error;
      }
      if (typeof expected === 'string') assert.equal(toIso(ms), expected, String(ms));
      else assert.throws(() => toIso(ms), RangeError, String(ms));
    };
    fc.assert(fc.property(fc.integer({ min: -8.64e15, max: 8.64e15 }), same), { numRuns: 20_000 });
    fc.assert(fc.property(fc.integer({ min: -62_200_000_000_000, max: 253_500_000_000_000 }), same), { numRuns: 20_000 });
    fc.assert(fc.property(fc.double(), same), { numRuns: 2000 });
    for (const ms of [0, -1, 1, 86_399_999, 86_400_000, -86_400_000, 951_782_400_000, 4_107_542_399_999, -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000, 8.64e15, -8.64e15, 8.64e15 + 1, NaN, Infinity, 0.5, -0]) same(ms);
  });

  it('escapeInline returns what the full escaping returns, for text that needs escaping and text that does not', () => {
    fc.assert(
      fc.property(markdownish, (s) => assert.equal(escapeInline(s), referenceEscapeInline(s))),
      { numRuns: 10_000 },
    );
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (s) => assert.equal(escapeInline(s), referenceEscapeInline(s))),
      { numRuns: 2000 },
    );
    for (const s of ['www.example.com', 'see WWW.x', 'wwww.x', 'a www. b', 'http://x', 'a ## ', 'a ##', 'a #b', '#a', ' a', 'a ', 'a  b', 'a\u00a0', 'snake_case', 'me@x.example', 'AT&T', '&amp;']) {
      assert.equal(escapeInline(s), referenceEscapeInline(s), JSON.stringify(s));
    }
  });

  it('linkDestination keeps safe URLs as they are and encodes the rest as before', () => {
    const url = fc.oneof(fc.webUrl({ withQueryParameters: true, withFragments: true }), fc.tuple(fc.webUrl(), markdownish).map(([u, s]) => `${u}/${s}`));
    fc.assert(
      fc.property(url, (u) => assert.equal(linkDestination(u), referenceLinkDestination(u))),
      { numRuns: 3000 },
    );
  });

  it('the summary lists entries, highlights and entries needing evidence in the same order as comparing in place did', () => {
    const { period, previous } = resolvePeriod({ from: '2026-07-01', to: '2026-12-31' }, { now: Date.parse('2026-12-18T12:00:00Z'), fiscalYearStartMonth: 1 });
    // Few distinct times, impacts and signals, so that ties at every key are common; some times in other ISO forms.
    const time = fc.constantFrom('2026-06-30T23:59:59.999Z', '2026-07-01T00:00:00.000Z', '2026-07-01T00:00:00Z', '2026-08-15T12:00:00.000Z', '2026-08-15T12:00:00Z', '2026-08-15T12:00:00.001Z', '2026-12-31T22:59:59.999Z', '2026-12-31T23:00:00.000Z', '2027-01-01T00:00:00.000Z');
    const raw = fc.record({
      kind: fc.constantFrom<KindId>(...KIND_IDS),
      occurredAt: time,
      createdAt: time,
      deleted: fc.nat({ max: 9 }).map((n) => n === 0),
      impact: fc.constantFrom('low', 'medium', 'high', null),
      linked: fc.boolean(),
      customerVisible: fc.boolean(),
      severity: fc.constantFrom('low', 'medium', 'high', 'critical', undefined),
      wouldReachProduction: fc.boolean(),
      id: fc.constantFrom('a', 'B', 'b', 'é', 'e', '10', '9'),
    });
    fc.assert(
      fc.property(fc.array(raw, { maxLength: 40 }), (raws) => {
        const entries = raws.map(
          (r, i): Entry =>
            ({
              id: `${r.id}-${i % 7}`,
              kind: r.kind,
              title: `entry ${i}`,
              occurredAt: r.occurredAt,
              createdAt: r.createdAt,
              updatedAt: r.createdAt,
              deletedAt: r.deleted ? r.createdAt : null,
              details: '',
              tags: [],
              links: r.linked ? [{ url: `https://x.example/${i}` }] : [],
              impact: r.impact,
              context: {},
              fields: { customerVisible: r.customerVisible, severity: r.severity, wouldReachProduction: r.wouldReachProduction },
            }) as Entry,
        );
        const input: SummaryInput = { period, previous, entries, previousEntries: [], now: period.to };
        const s = buildSummary(input);
        const want = referenceOrders(input);
        const at = (list: readonly Entry[]) => list.map((e) => entries.indexOf(e));
        assert.deepEqual(at(s.entries), at(want.entries));
        assert.deepEqual(at(s.highlights), at(want.highlights));
        assert.deepEqual(at(s.needsEvidence), at(want.needsEvidence));
        for (const k of KIND_IDS) assert.deepEqual(at(s.byKind[k]), at(want.entries.filter((e) => e.kind === k)));
      }),
      { numRuns: 2000 },
    );
  });

  it('the period figures are those of a filter per figure, for any mix of kinds and recorded fields', () => {
    const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
    const time = fc.constantFrom('2026-07-01T00:00:00.000Z', '2026-07-03T09:30:00.000Z', '2026-07-01T00:00:00Z', '2026-08-01T12:00:00.000Z');
    const fields = fc.record(
      {
        customerVisible: maybe(fc.boolean()),
        aiInvolvement: maybe(fc.constantFrom(...AI_INVOLVEMENT)),
        identifiedAt: maybe(time),
        resolvedAt: maybe(time),
        severity: maybe(fc.constantFrom(...SEVERITIES)),
        category: maybe(fc.constantFrom(...CATCH_CATEGORIES)),
        wouldReachProduction: maybe(fc.boolean()),
        role: maybe(fc.constantFrom(...INCIDENT_ROLES)),
        minutesToMitigate: maybe(fc.nat({ max: 300 })),
        verdict: maybe(fc.constantFrom(...VERDICTS)),
        reason: maybe(fc.constantFrom('', 'Wrong API', 'wrong  api', 'too slow', 'Too slow ')),
        rework: maybe(fc.boolean()),
      },
      { requiredKeys: [] },
    );
    const entry = fc.record({ kind: fc.constantFrom<KindId>(...KIND_IDS), fields }).map(({ kind, fields: f }) => ({ kind, fields: f, links: [] }) as unknown as Entry);
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 60 }), (entries) => assert.deepEqual(periodStats(entries), referenceStats(entries))),
      { numRuns: 2000 },
    );
  });
});
