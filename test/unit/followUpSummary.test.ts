import assert from 'node:assert/strict';
import type { Entry } from '../../src/domain';
import { DEFAULT_CHECKPOINTS, type FollowUp, type Outcome } from '../../src/domain/followUps';
import { buildSummary, type Summary } from '../../src/domain/summary';
import { summaryToMarkdown } from '../../src/export/markdown';
import { renderReview } from '../../src/export/templates';
import { golden } from './support/golden';
import { lintMarkdown, outline } from './support/markdownCheck';
import { COMPETENCIES } from './support/templateCheck';
import { currentEntries, entry, fixturePeriod, inTimeZone, NOW, previousEntries } from './support/summaryFixture';

let n = 0;
function answer(e: Entry | undefined, outcome: Outcome, extra: Partial<FollowUp> = {}): FollowUp {
  assert.ok(e, 'fixture entry exists');
  n++;
  return { id: `10000000-0000-4000-8000-${String(n).padStart(12, '0')}`, entryId: e.id, checkpoint: 30, outcome, answeredAt: '2026-12-10T09:00:00.000Z', ...extra };
}

describe('summary with follow-ups', () => {
  inTimeZone('Europe/Berlin');
  let current: Entry[];
  let previous: Entry[];
  let answers: FollowUp[];
  const byTitle = (list: Entry[], t: string) => list.find((e) => e.title.startsWith(t));
  const build = (extra: Partial<Parameters<typeof buildSummary>[0]> = {}): Summary => {
    const p = fixturePeriod();
    return buildSummary({ period: p.period, previous: p.previous, entries: current, previousEntries: previous, now: NOW, followUps: { answers, checkpoints: DEFAULT_CHECKPOINTS }, ...extra });
  };

  before(() => {
    current = currentEntries();
    previous = previousEntries();
    const incident = byTitle(current, 'Bad config push');
    answers = [
      answer(byTitle(current, 'Self-serve invoice download'), 'caused-incident', { incidentId: incident?.id, evidence: 'https://status.example.com/incidents/91', note: 'The PDF worker ran out of memory' }),
      answer(byTitle(current, 'Cut checkout p99'), 'held'),
      answer(byTitle(current, 'Fixed double charging'), 'held'),
      answer(byTitle(current, 'Fixed double charging'), 'held', { checkpoint: 90 }),
      answer(byTitle(current, 'Migrated billing cron'), 'reverted', { evidence: 'https://git.example.com/acme/shop/commit/4f1e2d3', note: 'Queue lost jobs on deploy | *not* <b>fine</b>' }),
      answer(byTitle(current, 'Flaky login test fixed'), 'unknown'),
      answer(byTitle(current, 'Generate table-driven tests'), 'held'),
      answer(byTitle(current, 'Draft the migration script'), 'reverted'),
      answer(byTitle(current, 'Deleted by mistake'), 'reverted'),
      answer(byTitle(previous, 'Search relevance fix'), 'held'),
      answer(byTitle(previous, 'Regex for postcodes'), 'held'),
    ];
  });

  it('matches the golden file', () => golden('summary-h2-fy2026-followups.md', summaryToMarkdown(build())));

  for (const t of ['brag-document', 'star', 'competencies'] as const) {
    const render = (s: Summary, format: 'markdown' | 'text' = 'markdown', omit: string[] = []) => renderReview(s, { template: { builtIn: t }, format, competencies: COMPETENCIES, omit });
    it(`the ${t} template carries the follow-up figures and the changes that did not hold (golden file)`, async () => {
      const md = render(build());
      golden(`template-${t}-h2-fy2026-followups.md`, md);
      assert.match(md, /^- Changes shipped that held: 0 of 1 followed up \(1 caused an incident, 0 unknown\); 1 not followed up yet \(previous period: —\)$/m);
      assert.match(md, /^- Fixes that held at 30 days: 2 of 4 followed up \(1 reverted, 1 unknown\); 1 not followed up yet \(previous period: 1 of 1 followed up \(0 unknown\); 2 not followed up yet\)$/m);
      assert.match(md, /Self-serve invoice download · change shipped · caused an incident \(30-day follow-up\) · incident: Bad config push/);
      assert.deepEqual(await lintMarkdown(md), []);
      assert.match(render(build(), 'text'), /^• Changes shipped that held: 0 of 1 followed up/m, 'the plain-text form has the row too');
      assert.doesNotMatch(render(build(), 'markdown', ['links', 'details']), /Queue lost jobs|https?:\/\/status/);
      assert.doesNotMatch(render(build({ followUps: undefined })), /followed up|did not hold/, 'follow-ups off: no section');
      assert.doesNotMatch(render(build({ previousEntries: [] })), /previous period:/, 'no previous period: no comparison');
    });
  }

  it('shows each follow-up row with its denominator, unknown and not followed up yet, and the previous period', () => {
    const md = summaryToMarkdown(build());
    assert.match(md, /\| Changes shipped that held \| 0 of 1 followed up \(1 caused an incident, 0 unknown\); 1 not followed up yet \| — \|/);
    assert.match(md, /\| Incidents you caused per change shipped \| 1 of 2; 1 not followed up yet \| — \|/);
    assert.match(md, /\| Fixes that held at 30 days \| 2 of 4 followed up \(1 reverted, 1 unknown\); 1 not followed up yet \| 1 of 1 followed up \(0 unknown\); 2 not followed up yet \|/);
    assert.match(md, /\| Kept AI assists that needed rework \| 1 of 2 followed up \(1 held, 0 unknown\); 1 not followed up yet \| 0 of 1 followed up \(1 held, 0 unknown\); 0 not followed up yet \|/);
    assert.doesNotMatch(md.toLowerCase(), /success|\bscore|\brate\b|productivity/);
  });

  it('the contract example: 3 of 4 followed up (1 reverted); 1 not followed up yet, and 1 of 5 caused an incident', () => {
    const shipped = Array.from({ length: 5 }, (_, i) => entry('shipped', { title: `Change ${i}`, occurredAt: `2026-09-0${i + 1}T12:00:00Z` }));
    const incident = entry('incident', { title: 'Outage', occurredAt: '2026-09-20T12:00:00Z', role: 'caused' });
    const list: FollowUp[] = [answer(shipped[0], 'held'), answer(shipped[1], 'held'), answer(shipped[2], 'held', { checkpoint: 90 }), answer(shipped[3], 'caused-incident', { incidentId: incident.id }), answer(shipped[3], 'reverted', { checkpoint: 90 })];
    const p = fixturePeriod();
    const s = buildSummary({ period: p.period, previous: p.previous, entries: [...shipped, incident], previousEntries: [], now: NOW, followUps: { answers: list, checkpoints: DEFAULT_CHECKPOINTS } });
    const md = summaryToMarkdown(s);
    assert.match(md, /\| Changes shipped that held \| 3 of 4 followed up \(1 reverted, 0 unknown\); 1 not followed up yet \|/);
    assert.match(md, /\| Incidents you caused per change shipped \| 1 of 5; 1 not followed up yet \|/);
    assert.match(md, /- 2026-09-04 — Change 3 · change shipped · reverted \(90-day follow-up\)/);
  });

  it('lists the changes that did not hold with their evidence, incident and note, escaped', () => {
    const md = summaryToMarkdown(build());
    const o = outline(md);
    assert.ok(o.headings.includes('2 Changes that did not hold'));
    assert.ok(o.links.some((l) => l.text === 'evidence' && l.href === 'https://status.example.com/incidents/91'));
    assert.ok(o.links.some((l) => l.text === 'evidence' && l.href === 'https://git.example.com/acme/shop/commit/4f1e2d3'));
    assert.match(md, /Self-serve invoice download · change shipped · caused an incident \(30-day follow-up\) · incident: Bad config push \(2026-11-12\)/);
    assert.equal(o.html, 0, 'a note with <b> stays text');
    assert.equal(o.emphasis, 0);
    assert.doesNotMatch(md, /Deleted by mistake/, 'a deleted entry and its answer are left out');
  });

  it('leaving out links and details removes evidence URLs and notes', () => {
    const md = summaryToMarkdown(build(), { omit: ['links', 'details'] });
    assert.doesNotMatch(md, /https?:/);
    assert.doesNotMatch(md, /Queue lost jobs|PDF worker/);
    assert.match(md, /Migrated billing cron to a queue · problem solved · reverted/);
  });

  it('passes markdownlint, with and without a previous period', async () => {
    assert.deepEqual(await lintMarkdown(summaryToMarkdown(build())), []);
    assert.deepEqual(await lintMarkdown(summaryToMarkdown(build({ previousEntries: [] }))), []);
  });

  it('a kind turned off has no row; follow-ups turned off leave the summary as it was', () => {
    const md = summaryToMarkdown(build({ followUps: { answers, checkpoints: { ...DEFAULT_CHECKPOINTS, 'ai-assist': [] } } }));
    assert.doesNotMatch(md, /Kept AI assists that needed rework/);
    assert.match(md, /Changes shipped that held/);
    const off = summaryToMarkdown(build({ followUps: undefined }));
    assert.doesNotMatch(off, /followed up|did not hold/);
  });

  it('with answers but none of them reverted or an incident, the section says so', () => {
    const held = answers.filter((a) => a.outcome === 'held');
    assert.match(summaryToMarkdown(build({ followUps: { answers: held, checkpoints: DEFAULT_CHECKPOINTS } })), /None of the entries you followed up in this period was reverted or caused an incident\./);
  });
});
