import { KIND_IDS, type KindId, type NewEntry, parseNewEntry } from '../../src/domain';
import { AI_INVOLVEMENT, CATCH_CATEGORIES, CODE_AUTHORS, DISCARD_REASONS, INCIDENT_ROLES, NOTE_CATEGORIES, SEVERITIES, VERDICTS } from '../../src/domain/kinds';

/**
 * A seeded generator of realistic entries for the benchmarks: all six kinds with their own fields,
 * tags drawn with a long tail, evidence links on most outcomes, details from empty to a few
 * thousand characters, spread evenly over `years` years ending at `end`. Every entry goes through
 * `parseNewEntry`, so it is exactly what the log commands would store. Same seed, same entries.
 */

export const DAY = 86_400_000;
export const YEAR = 365.25 * DAY;

/** mulberry32: small, fast and good enough to make the same data on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** How often each kind is logged (AI assists are the most frequent, incidents the rarest). */
const KIND_WEIGHTS: Record<KindId, number> = { 'ai-assist': 30, problem: 20, 'review-catch': 15, note: 15, shipped: 12, incident: 8 };

const COMPONENTS = ['checkout', 'billing', 'search', 'auth', 'login', 'onboarding', 'payments', 'invoice export', 'notifications', 'settings page', 'admin console', 'reporting', 'sync worker', 'webhooks', 'cache layer', 'rate limiter', 'mobile API', 'CSV import', 'feature flags', 'audit log'];
const PROBLEMS = ['race condition', 'memory leak', 'timeout', 'N+1 query', 'deadlock', 'off-by-one', 'stale cache', 'flaky test', 'broken migration', 'retry storm', 'slow query', 'encoding bug', 'time zone bug', 'null dereference'];
const VERBS = ['Fix', 'Cut', 'Remove', 'Track down', 'Resolve', 'Work around', 'Diagnose'];
const TASKS = ['write a migration', 'refactor the parser', 'generate test fixtures', 'explain a stack trace', 'draft a SQL query', 'port a bash script', 'write a regex', 'review a diff', 'summarise an RFC', 'scaffold an endpoint'];
const TOOLS = ['GitHub Copilot', 'Claude', 'ChatGPT', 'Cursor', 'Gemini'];
const RELEASES = ['v1.4.0', 'v1.5.0', 'v2.0.0', '2024.3', '2025.1', 'spring release', 'hotfix'];
const NOTE_TITLES = ['Mentored a new hire on', 'Wrote the design doc for', 'Ran the retro on', 'Documented', 'Paired on', 'Reviewed the roadmap for', 'Unblocked the team on'];
const TAGS = ['backend', 'frontend', 'perf', 'security', 'auth', 'db', 'infra', 'ci', 'tests', 'api', 'ux', 'oncall', 'docs', 'mentoring', 'billing', 'search', 'mobile', 'migration', 'observability', 'accessibility', 'i18n', 'cost', 'release', 'data', 'privacy'];
const WORDS = (
  'the a we it to of in and for on with was that this after before when because so then our users request response service query index table ' +
  'cache latency error retry timeout deploy rollback config flag metric alert dashboard log trace span queue worker batch job schedule lock ' +
  'transaction commit branch review test fixture mock coverage regression incident customer ticket support contract schema field column ' +
  'migration backfill script endpoint handler middleware token session cookie header payload parser serializer encoding unicode locale ' +
  'memory heap leak allocation thread pool connection socket tls certificate dns proxy gateway limit quota throughput p99 percentile ' +
  'postgres redis kafka kubernetes terraform docker nginx graphql webhook cron lambda bucket'
).split(' ');

/** A skewed pick: early items much more often than late ones (a long tail, like real tag use). */
function skewed<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(list.length * r() ** 2.2)]!;
}
const pick = <T>(r: () => number, list: readonly T[]): T => list[Math.floor(r() * list.length)]!;

function sentence(r: () => number): string {
  const n = 6 + Math.floor(r() * 14);
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(skewed(r, WORDS));
  const s = words.join(' ');
  return s[0]!.toUpperCase() + s.slice(1) + '.';
}

/** Details: a third empty, most a paragraph or two, a few long write-ups with a code block. */
function details(r: () => number): string {
  const x = r();
  if (x < 0.33) return '';
  const paragraphs = x < 0.8 ? 1 : x < 0.97 ? 2 + Math.floor(r() * 3) : 6 + Math.floor(r() * 10);
  const out: string[] = [];
  for (let p = 0; p < paragraphs; p++) {
    const sentences: string[] = [];
    for (let s = 1 + Math.floor(r() * 4); s > 0; s--) sentences.push(sentence(r));
    // A rare word (about 1 entry in 300), for the search benchmark's low-hit case.
    if (r() < 0.004) sentences.push('Connection pooling moved to pgbouncer.');
    out.push(sentences.join(' '));
    if (paragraphs > 4 && p === 1) out.push('```ts\nconst retry = backoff({ base: 200, max: 5 });\nawait retry(() => client.send(request));\n```');
  }
  return out.join('\n\n');
}

function tags(r: () => number): string[] {
  const n = r() < 0.15 ? 0 : 1 + Math.floor(r() * 3);
  const out = new Set<string>();
  for (let i = 0; i < n; i++) out.add(skewed(r, TAGS));
  return [...out];
}

function links(r: () => number, kind: KindId, probability: number): { url: string; label?: string }[] {
  if (r() >= probability) return [];
  const n = r() < 0.8 ? 1 : 2;
  const out: { url: string; label?: string }[] = [];
  for (let i = 0; i < n; i++) {
    const num = 1000 + Math.floor(r() * 9000);
    const x = r();
    if (x < 0.6) out.push({ url: `https://github.com/acme/${pick(r, ['web', 'api', 'infra', 'mobile'])}/pull/${num}` });
    else if (x < 0.85) out.push({ url: `https://acme.atlassian.net/browse/${pick(r, ['PAY', 'SRCH', 'OPS', 'AUTH'])}-${num}` });
    else out.push({ url: `https://wiki.acme.example/${kind}/${num}`, label: 'write-up' });
  }
  return out;
}

function kindFields(r: () => number, kind: KindId, at: number): Record<string, unknown> {
  const maybe = (p: number, v: () => unknown) => (r() < p ? v() : undefined);
  const f: Record<string, unknown> = {};
  switch (kind) {
    case 'problem': {
      const found = at - Math.floor(r() * 10 * DAY);
      Object.assign(f, {
        customerVisible: maybe(0.8, () => r() < 0.4),
        aiInvolvement: maybe(0.7, () => skewed(r, AI_INVOLVEMENT)),
        whatWasWrong: maybe(0.5, () => sentence(r)),
        fix: maybe(0.5, () => sentence(r)),
        value: maybe(0.3, () => sentence(r)),
        identifiedAt: maybe(0.6, () => new Date(found).toISOString()),
        resolvedAt: maybe(0.6, () => new Date(at).toISOString()),
      });
      break;
    }
    case 'ai-assist': {
      const verdict = skewed(r, VERDICTS);
      Object.assign(f, {
        verdict,
        tool: maybe(0.9, () => skewed(r, TOOLS)),
        task: maybe(0.5, () => pick(r, TASKS)),
        reason: verdict === 'accepted' ? undefined : maybe(0.85, () => skewed(r, DISCARD_REASONS)),
        minutesSaved: maybe(0.4, () => Math.round((r() - 0.2) * 120)),
        rework: maybe(0.3, () => r() < 0.2),
      });
      break;
    }
    case 'review-catch':
      Object.assign(f, {
        severity: skewed(r, SEVERITIES),
        category: maybe(0.9, () => pick(r, CATCH_CATEGORIES)),
        author: maybe(0.8, () => skewed(r, CODE_AUTHORS)),
        wouldReachProduction: maybe(0.7, () => r() < 0.6),
      });
      break;
    case 'shipped':
      Object.assign(f, { customerVisible: maybe(0.9, () => r() < 0.7), release: maybe(0.5, () => pick(r, RELEASES)) });
      break;
    case 'incident':
      Object.assign(f, {
        role: skewed(r, INCIDENT_ROLES),
        severity: maybe(0.8, () => skewed(r, SEVERITIES)),
        minutesToMitigate: maybe(0.7, () => 5 + Math.floor(r() * 240)),
        followUp: maybe(0.4, () => sentence(r)),
      });
      break;
    case 'note':
      Object.assign(f, { category: maybe(0.8, () => pick(r, NOTE_CATEGORIES)) });
      break;
  }
  return Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined));
}

function title(r: () => number, kind: KindId): string {
  const c = pick(r, COMPONENTS);
  switch (kind) {
    case 'problem':
      return `${pick(r, VERBS)} ${pick(r, PROBLEMS)} in ${c}`;
    case 'ai-assist':
      return `Asked AI to ${pick(r, TASKS)} for ${c}`;
    case 'review-catch':
      return `Caught ${pick(r, PROBLEMS)} in ${c} review`;
    case 'shipped':
      return `Shipped new ${c} flow`;
    case 'incident':
      return `${c} outage: ${pick(r, PROBLEMS)}`;
    case 'note':
      return `${pick(r, NOTE_TITLES)} ${c}`;
  }
}

const KIND_TABLE: KindId[] = KIND_IDS.flatMap((k) => Array<KindId>(KIND_WEIGHTS[k]).fill(k));

/** One entry's kind and flat input (as a log command's argument), before validation. */
export function rawInput(r: () => number, start: number, end: number): { kind: KindId; input: Record<string, unknown> } {
  const kind = pick(r, KIND_TABLE);
  // Any moment in the span, to the millisecond: entries rarely share a time, as in real use.
  const at = Math.floor(start + r() * (end - start));
  const input: Record<string, unknown> = {
    title: title(r, kind),
    occurredAt: new Date(at).toISOString(),
    details: details(r),
    tags: tags(r),
    links: links(r, kind, kind === 'note' || kind === 'ai-assist' ? 0.3 : 0.75),
    impact: r() < 0.6 ? skewed(r, ['medium', 'low', 'high'] as const) : null,
    ...kindFields(r, kind, at),
  };
  if (r() < 0.5) input.context = { workspaceFolder: pick(r, ['web', 'api', 'infra']), repo: 'acme/' + pick(r, ['web', 'api', 'infra']), branch: `fix/${1000 + Math.floor(r() * 9000)}` };
  return { kind, input };
}

export interface Generator {
  /** The next `n` validated entries. */
  next(n: number): NewEntry[];
}

/** Entries spread evenly over `years` years ending at `end` (epoch ms). */
export function generator(seed: number, end: number, years = 10): Generator {
  const r = rng(seed);
  const start = end - years * YEAR;
  return {
    next(n) {
      const out: NewEntry[] = [];
      for (let i = 0; i < n; i++) {
        const { kind, input } = rawInput(r, start, end);
        out.push(parseNewEntry(kind, input, end));
      }
      return out;
    },
  };
}

/**
 * Words the search benchmark looks for: in about a fifth of the entries (details), in a few per
 * cent (titles), and in about one in 300 (details).
 */
export const SEARCH_WORDS = { common: 'timeout', uncommon: 'deadlock', rare: 'pgbouncer' } as const;
