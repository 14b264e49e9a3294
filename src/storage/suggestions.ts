import * as crypto from 'node:crypto';
import { type Entry, isKindId, type Link, type NewEntry, toIso } from '../domain';
import type { Suggestion, SuggestionStatus } from '../domain/suggestions';
import type { SqlDb, Row } from './engine';
import { StoreError } from './errors';
import { msg } from '../domain/messages';

/**
 * The suggestions inbox (schema version 4, src/storage/migrationSuggestions.ts). A suggestion is
 * offered once: `offer` skips any whose fingerprint is known, any with a commit already in a
 * suggestion (new, accepted or dismissed), and any with a commit or pull request an entry names
 * (its context's commit, or a link holding the sha or the pull request's address). Every write is
 * one transaction.
 */

/** What the Git reader hands over for one suggestion (src/git/grouping.ts SuggestionDraft, with its repository). */
export interface SuggestionOffer {
  readonly fingerprint: string;
  readonly repoRoot: string;
  readonly repoName: string;
  readonly kind: string | undefined;
  readonly title: string;
  readonly occurredAt: number;
  readonly shas: readonly string[];
  readonly headSha: string;
  readonly pullRequest: number | undefined;
  readonly branch: string | undefined;
  readonly links: readonly Link[];
  readonly subjects: readonly string[];
  readonly reverts: string | undefined;
}

interface SuggestionData {
  links?: Link[];
  subjects?: string[];
  branch?: string;
  pullRequest?: number;
  reverts?: string;
}

const COLUMNS = 'id, fingerprint, status, repo_root, repo_name, kind, title, occurred_at, created_at, updated_at, head_sha, entry_id, data';

const HEX_RUN = /[0-9a-f]{7,64}/gi;

/** The commits and addresses entries already name: context commits, and hex runs and URLs in links. */
interface EntryRefs {
  readonly commits: Set<string>;
  readonly prefixLengths: Set<number>;
  readonly urls: Set<string>;
}

/** One run of `offer`: its time, what entries name, the commits offered so far, what was stored. */
interface OfferRun {
  readonly now: number;
  refs: EntryRefs | undefined;
  readonly seen: Set<string>;
  /** The suggestions as stored, when the caller wants them (offer); undefined: only their ids. */
  readonly added: Suggestion[] | undefined;
  readonly stored: { readonly id: string; readonly at: number }[];
}

/**
 * Suggestion ids: time-ordered UUIDs (version 7: the time in milliseconds, then random bits), so
 * that thousands of inserts append to the id indexes instead of touching pages all over them
 * (each commit of a batch writes every page it touched). The random bits, version and variant
 * come from randomUUID (which draws from a buffer; Node's randomUUIDv7, where there is one, draws
 * from the system on every call, ten times slower here).
 */
export function timeOrderedUuid(now = Date.now()): string {
  const r = crypto.randomUUID();
  const t = Math.max(0, Math.floor(now)).toString(16).padStart(12, '0').slice(-12);
  return `${t.slice(0, 8)}-${t.slice(8, 12)}-7${r.slice(15, 18)}-${r.slice(19)}`;
}
const newId = (): string => timeOrderedUuid();

/** The fewest offers offerInBatches stores in one transaction (unless fewer are left). */
const MIN_PER_TRANSACTION = 64;

/** ISO times sort as text. */
function newestFirst(list: Suggestion[]): Suggestion[] {
  return list.sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0));
}

export class SuggestionStore {
  constructor(
    private readonly db: SqlDb,
    private readonly now: () => number,
    /** Adds entries inside the caller's transaction (EntryStore.addMany). */
    private readonly addEntries: (entries: readonly NewEntry[]) => Entry[],
  ) {}

  /** Stores the offers that are new (see above), in one transaction; returns them as stored, newest first. */
  offer(offers: readonly SuggestionOffer[]): Suggestion[] {
    return this.db.write(() => {
      const run: OfferRun = { now: this.now(), refs: this.entryRefs(), seen: new Set(), added: [], stored: [] };
      this.insertOffers(offers, 0, run, Infinity);
      return newestFirst(run.added!);
    });
  }

  /**
   * `offer` in many short transactions, yielding to the event loop between them, so that storing
   * thousands of suggestions never blocks the extension host for long: each transaction stores
   * offers until `sliceMs` have passed (time, not a count: a slow disk or a busy machine gets
   * smaller batches, a fast one fewer commits). What entries name is read once, and again only
   * when another connection (window) wrote meanwhile. Returns the ids of those stored, newest
   * first (not the suggestions: a year of a busy repository is thousands; `list` reads what is shown).
   */
  async offerInBatches(offers: readonly SuggestionOffer[], sliceMs = 10): Promise<string[]> {
    const run: OfferRun = { now: this.now(), refs: undefined, seen: new Set(), added: undefined, stored: [] };
    let version: number | undefined;
    for (let i = 0; i < offers.length; ) {
      if (i > 0) await new Promise<void>((r) => setImmediate(r));
      // Suggestions can always be read again from Git: their transactions commit without waiting
      // for the disk (synchronous NORMAL: safe against a crash, not a power cut), which would
      // otherwise cost an fsync each. Set and reset with no await between, so no other write runs meanwhile.
      this.db.exec('PRAGMA synchronous = NORMAL');
      try {
        i = this.db.write(() => {
          const v = Number(this.db.prepare('PRAGMA data_version').get()?.data_version ?? 0);
          if (run.refs === undefined || v !== version) run.refs = this.entryRefs();
          version = v;
          return this.insertOffers(offers, i, run, performance.now() + sliceMs);
        });
      } finally {
        this.db.exec('PRAGMA synchronous = FULL');
      }
    }
    return run.stored.sort((a, b) => b.at - a.at || (a.id < b.id ? -1 : 1)).map((x) => x.id);
  }

  /**
   * Inserts the new ones among `offers` from index `from` (inside the caller's transaction) until
   * they are all done or the clock passes `deadline`; returns the index to go on from.
   */
  private insertOffers(offers: readonly SuggestionOffer[], from: number, run: OfferRun, deadline: number): number {
    // A known fingerprint inserts nothing (0 changes): the same pull request or first commit again.
    const insert = this.db.prepare(`INSERT INTO suggestions (${COLUMNS}) VALUES (?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?) ON CONFLICT (fingerprint) DO NOTHING`);
    const insertCommit = this.db.prepare('INSERT INTO suggestion_commits (sha, suggestion_id) VALUES (?, ?)');
    const knownCommit = this.db.prepare('SELECT 1 AS x FROM suggestion_commits WHERE sha = ?');
    const { now, seen, added, stored } = run;
    const refs = run.refs!;
    let i = from;
    for (; i < offers.length; i++) {
      // The clock is read every 16 offers, from the 64th on: each transaction stores at least 64 (a
      // few milliseconds on a quiet machine), so a busy one does not commit after every few offers.
      if (i - from >= MIN_PER_TRANSACTION && (i - from) % 16 === 0 && performance.now() >= deadline) break;
      const o = offers[i]!;
      const shas = o.shas.map((x) => x.toLowerCase());
      if (shas.some((x) => seen.has(x) || knownCommit.get(x))) continue;
      if (named(refs, shas, o.links)) continue;
      const id = newId();
      const data: SuggestionData = {
        links: o.links.map((l) => ({ url: l.url, ...(l.label ? { label: l.label } : {}) })),
        subjects: [...o.subjects],
        ...(o.branch ? { branch: o.branch } : {}),
        ...(o.pullRequest !== undefined ? { pullRequest: o.pullRequest } : {}),
        ...(o.reverts ? { reverts: o.reverts } : {}),
      };
      const kind = o.kind !== undefined && isKindId(o.kind) ? o.kind : null;
      const head = o.headSha.toLowerCase();
      if (Number(insert.run(id, o.fingerprint, o.repoRoot, o.repoName, kind, o.title, o.occurredAt, now, now, head, JSON.stringify(data)).changes) === 0) continue;
      for (const x of shas) {
        seen.add(x);
        insertCommit.run(x, id);
      }
      stored.push({ id, at: o.occurredAt });
      added?.push({
        id,
        fingerprint: o.fingerprint,
        status: 'new',
        repoRoot: o.repoRoot,
        repoName: o.repoName,
        kind,
        title: o.title,
        occurredAt: toIso(o.occurredAt),
        createdAt: toIso(now),
        shas: [head, ...shas.filter((x) => x !== head)],
        headSha: head,
        pullRequest: data.pullRequest ?? null,
        branch: data.branch ?? null,
        links: data.links ?? [],
        subjects: data.subjects ?? [],
        reverts: data.reverts ?? null,
        entryId: null,
      });
    }
    return i;
  }

  get(id: string): Suggestion | undefined {
    return this.db.read(() => {
      const row = this.db.prepare(`SELECT ${COLUMNS} FROM suggestions WHERE id = ?`).get(id);
      return row ? this.toSuggestion(row) : undefined;
    });
  }

  /** Suggestions with `status` (default new), newest first; optionally only those that landed in [from, to). */
  list(opts: { status?: SuggestionStatus; from?: number; to?: number; limit?: number } = {}): Suggestion[] {
    return this.db.read(() =>
      this.db
        .prepare(`SELECT ${COLUMNS} FROM suggestions WHERE status = ? AND occurred_at >= ? AND occurred_at < ? ORDER BY occurred_at DESC, id LIMIT ?`)
        .all(opts.status ?? 'new', opts.from ?? -8.64e15, opts.to ?? 8.64e15, opts.limit ?? -1)
        .map((r) => this.toSuggestion(r)),
    );
  }

  count(status: SuggestionStatus = 'new'): number {
    return Number(this.db.prepare('SELECT count(*) AS n FROM suggestions WHERE status = ?').get(status)?.n ?? 0);
  }

  /** Dismisses the new suggestions among `ids`; returns the ids dismissed. */
  dismiss(ids: readonly string[]): string[] {
    const now = this.now();
    const stmt = this.db.prepare("UPDATE suggestions SET status = 'dismissed', updated_at = ? WHERE id = ? AND status = 'new'");
    return this.db.write(() => ids.filter((id) => stmt.run(now, id).changes > 0));
  }

  /**
   * Logs `entry` for the suggestion and marks it accepted, in one transaction: if either fails,
   * neither happens. Throws NOT_FOUND when it is not (or no longer) a new suggestion.
   */
  accept(id: string, entry: NewEntry): Entry {
    return this.db.write(() => {
      const s = this.get(id);
      if (!s) throw new StoreError(msg('store.noSuggestion', id), 'NOT_FOUND');
      if (s.status !== 'new') throw new StoreError(msg(s.status === 'accepted' ? 'store.suggestionAccepted' : 'store.suggestionDismissed', s.title), 'NOT_FOUND');
      const [added] = this.addEntries([entry]);
      this.db.prepare("UPDATE suggestions SET status = 'accepted', entry_id = ?, updated_at = ? WHERE id = ?").run(added!.id, this.now(), id);
      return added!;
    });
  }

  private entryRefs(): EntryRefs {
    const refs: EntryRefs = { commits: new Set(), prefixLengths: new Set(), urls: new Set() };
    const add = (hex: string) => {
      refs.commits.add(hex.toLowerCase());
      refs.prefixLengths.add(hex.length);
    };
    const rows = this.db.prepare("SELECT json_extract(context, '$.commit') AS c, links AS l FROM entries WHERE json_extract(context, '$.commit') IS NOT NULL OR links <> '[]'").all();
    for (const r of rows) {
      if (typeof r.c === 'string') add(r.c);
      if (typeof r.l !== 'string') continue;
      let links: unknown;
      try {
        links = JSON.parse(r.l);
      } catch {
        continue;
      }
      if (!Array.isArray(links)) continue;
      for (const l of links as { url?: unknown }[]) {
        if (typeof l?.url !== 'string') continue;
        refs.urls.add(normalUrl(l.url));
        for (const m of l.url.matchAll(HEX_RUN)) add(m[0]);
      }
    }
    return refs;
  }

  private toSuggestion(r: Row): Suggestion {
    let data: SuggestionData = {};
    try {
      data = JSON.parse(String(r.data)) as SuggestionData;
    } catch {
      // A damaged data column shows the suggestion without links or subjects.
    }
    const id = String(r.id);
    const shas = this.db.prepare('SELECT sha FROM suggestion_commits WHERE suggestion_id = ?').all(id).map((x) => String(x.sha));
    const head = String(r.head_sha);
    const kind = typeof r.kind === 'string' && isKindId(r.kind) ? r.kind : null;
    return {
      id,
      fingerprint: String(r.fingerprint),
      status: String(r.status) as SuggestionStatus,
      repoRoot: String(r.repo_root),
      repoName: String(r.repo_name),
      kind,
      title: String(r.title),
      occurredAt: toIso(Number(r.occurred_at)),
      createdAt: toIso(Number(r.created_at)),
      shas: [head, ...shas.filter((s) => s !== head)],
      headSha: head,
      pullRequest: typeof data.pullRequest === 'number' ? data.pullRequest : null,
      branch: typeof data.branch === 'string' ? data.branch : null,
      links: Array.isArray(data.links) ? data.links : [],
      subjects: Array.isArray(data.subjects) ? data.subjects : [],
      reverts: typeof data.reverts === 'string' ? data.reverts : null,
      entryId: r.entry_id === null ? null : String(r.entry_id),
    };
  }
}

function normalUrl(u: string): string {
  return u.trim().replace(/\/+$/, '').toLowerCase();
}

/** True when an entry names one of the commits (a full sha, or a prefix of 7+) or one of the links. */
function named(refs: EntryRefs, shas: readonly string[], links: readonly Link[]): boolean {
  for (const sha of shas) {
    for (const n of refs.prefixLengths) if (refs.commits.has(sha.slice(0, n))) return true;
  }
  return links.some((l) => refs.urls.has(normalUrl(l.url)));
}
