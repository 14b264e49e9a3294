import { randomUUID } from 'node:crypto';
import { type Entry, isKindId, type Link, type NewEntry, toIso } from '../domain';
import type { Suggestion, SuggestionStatus } from '../domain/suggestions';
import type { SqlDb, Row } from './engine';
import { StoreError } from './errors';

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

export class SuggestionStore {
  constructor(
    private readonly db: SqlDb,
    private readonly now: () => number,
    /** Adds entries inside the caller's transaction (EntryStore.addMany). */
    private readonly addEntries: (entries: readonly NewEntry[]) => Entry[],
  ) {}

  /** Stores the offers that are new (see above); returns them as stored, newest first. */
  offer(offers: readonly SuggestionOffer[]): Suggestion[] {
    const now = this.now();
    const insert = this.db.prepare(`INSERT INTO suggestions (${COLUMNS}) VALUES (?, ?, 'new', ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)`);
    const insertCommit = this.db.prepare('INSERT INTO suggestion_commits (sha, suggestion_id) VALUES (?, ?)');
    const knownFingerprint = this.db.prepare('SELECT 1 AS x FROM suggestions WHERE fingerprint = ?');
    const knownCommit = this.db.prepare('SELECT 1 AS x FROM suggestion_commits WHERE sha = ?');
    return this.db.write(() => {
      const refs = this.entryRefs();
      const added: Suggestion[] = [];
      const seen = new Set<string>();
      for (const o of offers) {
        const shas = o.shas.map((s) => s.toLowerCase());
        if (knownFingerprint.get(o.fingerprint) || shas.some((s) => seen.has(s) || knownCommit.get(s))) continue;
        if (named(refs, shas, o.links)) continue;
        const id = randomUUID();
        const data: SuggestionData = {
          links: o.links.map((l) => ({ url: l.url, ...(l.label ? { label: l.label } : {}) })),
          subjects: [...o.subjects],
          ...(o.branch ? { branch: o.branch } : {}),
          ...(o.pullRequest !== undefined ? { pullRequest: o.pullRequest } : {}),
          ...(o.reverts ? { reverts: o.reverts } : {}),
        };
        const kind = o.kind !== undefined && isKindId(o.kind) ? o.kind : null;
        const head = o.headSha.toLowerCase();
        insert.run(id, o.fingerprint, o.repoRoot, o.repoName, kind, o.title, o.occurredAt, now, now, head, JSON.stringify(data));
        for (const s of shas) {
          seen.add(s);
          insertCommit.run(s, id);
        }
        added.push({
          id,
          fingerprint: o.fingerprint,
          status: 'new',
          repoRoot: o.repoRoot,
          repoName: o.repoName,
          kind,
          title: o.title,
          occurredAt: toIso(o.occurredAt),
          createdAt: toIso(now),
          shas: [head, ...shas.filter((s) => s !== head)],
          headSha: head,
          pullRequest: data.pullRequest ?? null,
          branch: data.branch ?? null,
          links: data.links ?? [],
          subjects: data.subjects ?? [],
          reverts: data.reverts ?? null,
          entryId: null,
        });
      }
      return added.sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0));
    });
  }

  /**
   * `offer` in transactions of `batch` offers, yielding to the event loop between them, so that
   * storing thousands of suggestions never blocks the extension host for long.
   */
  async offerInBatches(offers: readonly SuggestionOffer[], batch = 100): Promise<Suggestion[]> {
    const out: Suggestion[] = [];
    for (let i = 0; i < offers.length; i += batch) {
      if (i > 0) await new Promise<void>((r) => setImmediate(r));
      // Suggestions can always be read again from Git: their batches commit without waiting for
      // the disk (synchronous NORMAL: safe against a crash, not a power cut), which would otherwise
      // cost an fsync per batch. Set and reset with no await between, so no other write runs meanwhile.
      this.db.exec('PRAGMA synchronous = NORMAL');
      try {
        out.push(...this.offer(offers.slice(i, i + batch)));
      } finally {
        this.db.exec('PRAGMA synchronous = FULL');
      }
    }
    // ISO times sort as text.
    return out.sort((a, b) => (a.occurredAt < b.occurredAt ? 1 : a.occurredAt > b.occurredAt ? -1 : 0));
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
      if (!s) throw new StoreError(`No suggestion with id ${id}.`, 'NOT_FOUND');
      if (s.status !== 'new') throw new StoreError(`The suggestion “${s.title}” was already ${s.status}${s.status === 'accepted' ? ' (it is in the log)' : ''}; nothing was changed.`, 'NOT_FOUND');
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
