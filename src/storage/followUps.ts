import { randomUUID } from 'node:crypto';
import { type Entry, type EntryPatch, type NewEntry, toIso, ValidationError } from '../domain';
import type { FollowUpSummaryInput } from '../domain/followUpSummary';
import {
  answerCheckpoint,
  type Checkpoints,
  checkAnswer,
  type DueContext,
  dueAt,
  dueRanges,
  eligible,
  FINAL_OUTCOMES,
  type FollowUp,
  type FollowUpArgument,
  type FollowUpConfig,
  type FollowUpState,
  type Outcome,
  reworkOf,
  snoozeUntil,
} from '../domain/followUps';
import type { Row, SqlDb, SqlValue } from './engine';
import { ENTRY_COLUMNS, rowToEntry } from './rows';
import { StoreError } from './errors';
import type { ImportResult } from './importResult';
import { msg } from '../domain/messages';

/** What follow-ups need of the entries' store (EntryStore; named here so that the two modules do not import each other). */
export interface FollowUpEntries {
  get(id: string): Entry | undefined;
  add(entry: NewEntry): Entry;
  update(id: string, patch: EntryPatch): Entry;
  importEntries(entries: readonly Entry[]): ImportResult;
}

/**
 * Follow-up answers, exclusions and snoozes (tables of schema 3). Reached as `store.followUps`.
 * Every read goes through the entry, so a soft-deleted entry's follow-ups are hidden and come back
 * with it on undo; every write is one transaction that first checks the entry is there and live.
 */

export interface DueEntry {
  readonly entry: Entry;
  readonly checkpoint: number;
  /** Epoch ms: the start of the local day it fell due. */
  readonly dueAt: number;
}

export interface FollowUpImportResult {
  readonly added: number;
  readonly updated: number;
  readonly skipped: number;
}

const FOLLOW_UP_COLUMNS = 'id, entry_id, checkpoint, outcome, answered_at, note, evidence, incident_id';
/** The timeline shows this many due entries at a time. */
export const DUE_PAGE = 100;
const DAY = 86_400_000;
const FINAL_SQL = [...FINAL_OUTCOMES].map((o) => `'${o}'`).join(', ');

function rowToFollowUp(r: Row): FollowUp {
  return {
    id: String(r.id),
    entryId: String(r.entry_id),
    checkpoint: Number(r.checkpoint),
    outcome: String(r.outcome) as Outcome,
    answeredAt: toIso(Number(r.answered_at)),
    ...(r.note !== null && r.note !== undefined ? { note: String(r.note) } : {}),
    ...(r.evidence !== null && r.evidence !== undefined ? { evidence: String(r.evidence) } : {}),
    ...(r.incident_id !== null && r.incident_id !== undefined ? { incidentId: String(r.incident_id) } : {}),
  };
}

function rowToState(r: Row): FollowUpState {
  return {
    entryId: String(r.entry_id),
    excluded: Number(r.excluded) === 1,
    snoozedUntil: r.snoozed_until === null ? null : toIso(Number(r.snoozed_until)),
    updatedAt: toIso(Number(r.updated_at)),
  };
}

const followUpParams = (f: FollowUp): SqlValue[] => [f.id, f.entryId, f.checkpoint, f.outcome, Date.parse(f.answeredAt), f.note ?? null, f.evidence ?? null, f.incidentId ?? null];

export class FollowUpStore {
  constructor(
    private readonly db: SqlDb,
    private readonly now: () => number,
    private readonly entries: FollowUpEntries,
  ) {}

  private liveEntry(id: string): Entry {
    const e = this.entries.get(id);
    if (!e || e.deletedAt !== null) throw new StoreError(msg('store.noLiveEntry', id), 'NOT_FOUND');
    return e;
  }

  /**
   * Records the user's answer for an entry (at `checkpoint`, or the one due), replacing an earlier
   * answer at the same checkpoint. A kept AI assist's "needed rework later?" is set from the answer.
   * Checks the entry and the linked incident first; nothing is written when they are not right.
   */
  answer(arg: FollowUpArgument, opts: { readonly cfg: FollowUpConfig; readonly timeZone: string }): FollowUp {
    return this.db.write(() => {
      const e = this.liveEntry(arg.id);
      const incident = arg.incidentId === undefined ? undefined : this.entries.get(arg.incidentId);
      checkAnswer(e, incident, arg);
      const now = this.now();
      const checkpoint = arg.checkpoint ?? answerCheckpoint(e, opts.cfg, now, opts.timeZone);
      const existing = this.db.prepare('SELECT id FROM follow_ups WHERE entry_id = ? AND checkpoint = ?').get(e.id, checkpoint);
      const f: FollowUp = {
        id: existing ? String(existing.id) : randomUUID(),
        entryId: e.id,
        checkpoint,
        outcome: arg.outcome,
        answeredAt: toIso(now),
        ...(arg.note ? { note: arg.note } : {}),
        ...(arg.evidence ? { evidence: arg.evidence } : {}),
        ...(arg.incidentId ? { incidentId: arg.incidentId } : {}),
      };
      this.db.prepare(`INSERT OR REPLACE INTO follow_ups (${FOLLOW_UP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(...followUpParams(f));
      const rework = e.kind === 'ai-assist' ? reworkOf(arg.outcome) : undefined;
      if (rework !== undefined && e.kind === 'ai-assist' && e.fields.rework !== rework) this.entries.update(e.id, { fields: { rework } });
      return f;
    });
  }

  /**
   * Logs an incident the user caused and, in the same transaction, answers the follow-up of the
   * change shipped that caused it (`fields.causedBy`) as `caused-incident` with the new incident's
   * id (at the checkpoint due, else the latest passed, else the next one). A `causedBy` that is not
   * a live change shipped is refused naming the field, and nothing is written. An incident without
   * `causedBy` is just added. Deleting the incident later keeps the answer: it is the user's own
   * answer about the change (the summary leaves a deleted incident out of its evidence, and undo
   * brings it back).
   */
  addIncident(entry: NewEntry, opts: { readonly cfg: FollowUpConfig; readonly timeZone: string }): { incident: Entry; followUp?: FollowUp } {
    return this.db.write(() => {
      const causedBy = entry.kind === 'incident' ? entry.fields.causedBy : undefined;
      if (causedBy === undefined) return { incident: this.entries.add(entry) };
      const change = this.causingChange(entry, causedBy);
      const incident = this.entries.add(entry);
      const followUp = this.answer({ id: change.id, outcome: 'caused-incident', incidentId: incident.id }, opts);
      return { incident, followUp };
    });
  }

  /**
   * Applies an edit (EntryStore.update) and, when it gives an incident a `causedBy` it did not have
   * (added, or another change), answers that change's follow-up as `caused-incident` with the
   * incident's id, in the same transaction, as logging does. A `causedBy` that is refused (not a
   * live change shipped, or the incident not caused by you) refuses the whole edit, naming the
   * field. The answer given for an earlier cause stays: it is the user's own answer.
   */
  updateEntry(id: string, patch: EntryPatch, opts: { readonly cfg: FollowUpConfig; readonly timeZone: string }): { entry: Entry; followUp?: FollowUp } {
    return this.db.write(() => {
      const before = this.entries.get(id);
      const entry = this.entries.update(id, patch);
      const was = before?.kind === 'incident' ? before.fields.causedBy : undefined;
      const causedBy = entry.kind === 'incident' ? entry.fields.causedBy : undefined;
      if (causedBy === undefined || causedBy === was) return { entry };
      const change = this.causingChange(entry, causedBy);
      const followUp = this.answer({ id: change.id, outcome: 'caused-incident', incidentId: entry.id }, opts);
      return { entry, followUp };
    });
  }

  /** The live change shipped an incident names as its cause; refused, naming the field, otherwise. */
  private causingChange(incident: NewEntry | Entry, causedBy: string): Entry {
    if (incident.kind === 'incident' && incident.fields.role !== 'caused') throw new ValidationError(msg('kind.incident.label'), [{ field: 'causedBy', problem: msg('store.needsCaused') }]);
    const change = this.entries.get(causedBy);
    if (!change || change.deletedAt !== null) throw new ValidationError(msg('kind.incident.label'), [{ field: 'causedBy', problem: msg('followUp.notInLog') }]);
    if (change.kind !== 'shipped') throw new ValidationError(msg('kind.incident.label'), [{ field: 'causedBy', problem: msg('store.notShipped', change.kind) }]);
    return change;
  }

  /** Not due again before the start of the local day `days` days from now. Returns that instant (epoch ms). */
  snooze(entryId: string, days: number, timeZone: string): number {
    return this.db.write(() => {
      this.liveEntry(entryId);
      const now = this.now();
      const until = snoozeUntil(now, days, timeZone);
      this.db
        .prepare('INSERT INTO follow_up_state (entry_id, excluded, snoozed_until, updated_at) VALUES (?, 0, ?, ?) ON CONFLICT (entry_id) DO UPDATE SET snoozed_until = excluded.snoozed_until, updated_at = excluded.updated_at')
        .run(entryId, until, now);
      return until;
    });
  }

  /** "Don't follow this up" (or, with false, follow it up again). */
  exclude(entryId: string, excluded = true): void {
    this.db.write(() => {
      this.liveEntry(entryId);
      this.db
        .prepare('INSERT INTO follow_up_state (entry_id, excluded, snoozed_until, updated_at) VALUES (?, ?, NULL, ?) ON CONFLICT (entry_id) DO UPDATE SET excluded = excluded.excluded, updated_at = excluded.updated_at')
        .run(entryId, excluded ? 1 : 0, this.now());
    });
  }

  /** The due query for the current settings and day: one range of the time index per kind and checkpoint, keys only. */
  private dueSql(ctx: DueContext): { sql: string; params: SqlValue[] } | undefined {
    const ranges = dueRanges(ctx);
    if (ranges.length === 0) return undefined;
    const params: SqlValue[] = [];
    const parts = ranges.map((r) => {
      params.push(r.checkpoint, r.kind, r.from, r.to, r.checkpoint, ctx.now);
      const kept = r.kind === 'ai-assist' ? ` AND (CASE WHEN json_valid(e.fields) THEN json_extract(e.fields, '$.verdict') END) IN ('accepted', 'adapted')` : '';
      return `SELECT ? AS due_checkpoint, e.id AS id, e.occurred_at AS occurred_at FROM entries e INDEXED BY entries_follow_up_due
        WHERE e.kind = ? AND e.deleted_at IS NULL AND e.occurred_at >= ? AND e.occurred_at < ?${kept}
          AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.entry_id = e.id AND (f.checkpoint >= ? OR f.outcome IN (${FINAL_SQL})))
          AND NOT EXISTS (SELECT 1 FROM follow_up_state s WHERE s.entry_id = e.id AND (s.excluded = 1 OR coalesce(s.snoozed_until, 0) > ?))`;
    });
    return { sql: parts.join('\nUNION ALL\n'), params };
  }

  /**
   * Entries due for a follow-up now, the longest due first (by occurredAt plus the checkpoint's
   * days), at most `limit` of them. Only the keys of every due entry are read; whole rows only for
   * the page returned.
   */
  due(ctx: DueContext, limit = DUE_PAGE): DueEntry[] {
    const q = this.dueSql(ctx);
    if (!q) return [];
    return this.db.read(() => {
      const keys = this.db
        .prepare(`SELECT due_checkpoint, id FROM (${q.sql}) ORDER BY occurred_at + due_checkpoint * ${DAY}, id LIMIT ?`)
        .all(...q.params, limit);
      if (keys.length === 0) return [];
      const rows = new Map(
        this.db
          .prepare(`SELECT ${ENTRY_COLUMNS} FROM entries WHERE id IN (SELECT value FROM json_each(?))`)
          .all(JSON.stringify(keys.map((k) => String(k.id))))
          .map((r) => [String(r.id), r] as const),
      );
      return keys.map((k) => {
        const r = rows.get(String(k.id))!;
        const checkpoint = Number(k.due_checkpoint);
        return { entry: rowToEntry(r), checkpoint, dueAt: dueAt(Number(r.occurred_at), checkpoint, ctx.timeZone) };
      });
    });
  }

  /** How many entries are due now (for the status bar and the timeline group's label). */
  countDue(ctx: DueContext): number {
    const q = this.dueSql(ctx);
    return q ? Number(this.db.prepare(`SELECT count(*) AS n FROM (${q.sql})`).get(...q.params)?.n ?? 0) : 0;
  }

  /**
   * The live entry whose commit `sha` (full or 7+ hex) is, with a follow-up still pending: it can be
   * followed up, is not excluded, and has no final answer (reverted, caused an incident,
   * superseded). Its commit is its context's commit or a hex run in one of its links; either may be
   * abbreviated. The newest such entry; undefined when there is none. For a `Revert` suggestion.
   */
  pendingForCommit(sha: string): Entry | undefined {
    const hex = sha.toLowerCase();
    if (!/^[0-9a-f]{7,64}$/.test(hex)) return undefined;
    const probe = hex.slice(0, 7);
    // A scan narrowed in SQL by the first 7 hex digits, then checked exactly here.
    const rows = this.db
      .prepare(
        `SELECT ${ENTRY_COLUMNS} FROM entries e WHERE e.deleted_at IS NULL AND e.kind IN ('shipped', 'problem', 'ai-assist')
           AND (instr(lower(e.context), ?) > 0 OR instr(lower(e.links), ?) > 0)
           AND NOT EXISTS (SELECT 1 FROM follow_up_state s WHERE s.entry_id = e.id AND s.excluded = 1)
           AND NOT EXISTS (SELECT 1 FROM follow_ups f WHERE f.entry_id = e.id AND f.outcome IN (${FINAL_SQL}))
         ORDER BY e.occurred_at DESC LIMIT 50`,
      )
      .all(probe, probe);
    const same = (a: string) => a.length >= 7 && (hex.startsWith(a) || a.startsWith(hex));
    for (const r of rows) {
      const e = rowToEntry(r);
      if (!eligible(e)) continue;
      if (e.context.commit && same(e.context.commit.toLowerCase())) return e;
      if (e.links.some((l) => [...l.url.toLowerCase().matchAll(/[0-9a-f]{7,64}/g)].some((m) => same(m[0])))) return e;
    }
    return undefined;
  }

  /** An entry's answers, by checkpoint. Empty while the entry is deleted. */
  forEntry(entryId: string): FollowUp[] {
    return this.db
      .prepare(`SELECT f.id, f.entry_id, f.checkpoint, f.outcome, f.answered_at, f.note, f.evidence, f.incident_id FROM follow_ups f JOIN entries e ON e.id = f.entry_id WHERE f.entry_id = ? AND e.deleted_at IS NULL ORDER BY f.checkpoint`)
      .all(entryId)
      .map(rowToFollowUp);
  }

  /** One answer by its id (deleted entries' too), for an import to keep what an export left out. */
  get(id: string): FollowUp | undefined {
    const r = this.db.prepare(`SELECT ${FOLLOW_UP_COLUMNS} FROM follow_ups WHERE id = ?`).get(id);
    return r ? rowToFollowUp(r) : undefined;
  }

  /** Entries, then their follow-ups, merged in one transaction (see `EntryStore.importEntries` and `importAll`). */
  importWithEntries(entries: readonly Entry[], answers: readonly FollowUp[], states: readonly FollowUpState[]): { entries: ImportResult; followUps: FollowUpImportResult } {
    return this.db.write(() => ({ entries: this.entries.importEntries(entries), followUps: this.importAll(answers, states) }));
  }

  /** An entry's exclusion and snooze, if any were set. */
  stateOf(entryId: string): FollowUpState | undefined {
    const r = this.db.prepare('SELECT entry_id, excluded, snoozed_until, updated_at FROM follow_up_state WHERE entry_id = ?').get(entryId);
    return r ? rowToState(r) : undefined;
  }

  /**
   * Answers for the entries that occurred in [from, to) (all when no range), by entry time then
   * checkpoint; deleted entries' answers only with `includeDeleted`.
   */
  list(range: { readonly from: number; readonly to: number } | undefined = undefined, includeDeleted = false): FollowUp[] {
    const where = [range ? 'e.occurred_at >= ? AND e.occurred_at < ?' : '', includeDeleted ? '' : 'e.deleted_at IS NULL'].filter((w) => w !== '');
    const params: SqlValue[] = range ? [range.from, range.to] : [];
    return this.db
      .prepare(
        `SELECT f.id, f.entry_id, f.checkpoint, f.outcome, f.answered_at, f.note, f.evidence, f.incident_id FROM follow_ups f JOIN entries e ON e.id = f.entry_id
         ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.occurred_at, f.entry_id, f.checkpoint`,
      )
      .all(...params)
      .map(rowToFollowUp);
  }

  /** What the summary needs about follow-ups for entries that occurred in [from, to): the answers and the incidents they link. */
  summaryInput(range: { readonly from: number; readonly to: number }, checkpoints: Checkpoints): FollowUpSummaryInput {
    const answers = this.list(range);
    const linked: Entry[] = [];
    for (const id of new Set(answers.map((a) => a.incidentId).filter((i) => i !== undefined))) {
      const e = this.entries.get(id);
      if (e && e.deletedAt === null) linked.push(e);
    }
    return { answers, checkpoints, linked };
  }

  /** Exclusions and snoozes, like `list`. */
  listStates(range: { readonly from: number; readonly to: number } | undefined = undefined, includeDeleted = false): FollowUpState[] {
    const where = [range ? 'e.occurred_at >= ? AND e.occurred_at < ?' : '', includeDeleted ? '' : 'e.deleted_at IS NULL'].filter((w) => w !== '');
    const params: SqlValue[] = range ? [range.from, range.to] : [];
    return this.db
      .prepare(`SELECT s.entry_id, s.excluded, s.snoozed_until, s.updated_at FROM follow_up_state s JOIN entries e ON e.id = s.entry_id ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY e.occurred_at, s.entry_id`)
      .all(...params)
      .map(rowToState);
  }

  /**
   * Merges answers by id (and by entry and checkpoint, of which there is one answer), and states by
   * entry, in one transaction: new ones are added, a later `answeredAt` / `updatedAt` replaces the
   * log's, the rest is skipped, so importing the same file twice changes nothing. Answers for an
   * entry that is not in the log are skipped. Input must already be validated.
   */
  importAll(answers: readonly FollowUp[], states: readonly FollowUpState[]): FollowUpImportResult {
    const byId = this.db.prepare('SELECT id, answered_at FROM follow_ups WHERE id = ?');
    const bySlot = this.db.prepare('SELECT id, answered_at FROM follow_ups WHERE entry_id = ? AND checkpoint = ?');
    const entryExists = this.db.prepare('SELECT 1 AS x FROM entries WHERE id = ?');
    const remove = this.db.prepare('DELETE FROM follow_ups WHERE id = ?');
    const insert = this.db.prepare(`INSERT INTO follow_ups (${FOLLOW_UP_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const stateOf = this.db.prepare('SELECT updated_at FROM follow_up_state WHERE entry_id = ?');
    const putState = this.db.prepare('INSERT OR REPLACE INTO follow_up_state (entry_id, excluded, snoozed_until, updated_at) VALUES (?, ?, ?, ?)');
    return this.db.write(() => {
      let added = 0;
      let updated = 0;
      let skipped = 0;
      for (const f of answers) {
        if (!entryExists.get(f.entryId)) {
          skipped++;
          continue;
        }
        const at = Date.parse(f.answeredAt);
        const mine = byId.get(f.id);
        const slot = bySlot.get(f.entryId, f.checkpoint);
        const rivals = [mine, slot].filter((r): r is Row => r !== undefined);
        if (rivals.length === 0) {
          insert.run(...followUpParams(f));
          added++;
        } else if (rivals.every((r) => at > Number(r.answered_at))) {
          for (const r of rivals) remove.run(String(r.id));
          insert.run(...followUpParams(f));
          updated++;
        } else skipped++;
      }
      for (const s of states) {
        if (!entryExists.get(s.entryId)) {
          skipped++;
          continue;
        }
        const at = Date.parse(s.updatedAt);
        const current = stateOf.get(s.entryId);
        if (current && at <= Number(current.updated_at)) {
          skipped++;
          continue;
        }
        putState.run(s.entryId, s.excluded ? 1 : 0, s.snoozedUntil === null ? null : Date.parse(s.snoozedUntil), at);
        if (current) updated++;
        else added++;
      }
      return { added, updated, skipped };
    });
  }
}

