import { createRequire } from 'node:module';

/**
 * A thin adapter over the two SQLite engines we can use: better-sqlite3 (native, preferred) and
 * Node's built-in node:sqlite (fallback when the addon cannot load: Node-API < 10, glibc too old,
 * missing prebuild). Only positional `?` parameters are used so both behave the same.
 */

export type EngineName = 'better-sqlite3' | 'node:sqlite';
export type SqlValue = string | number | bigint | null | Uint8Array;
export type Row = Record<string, SqlValue>;

export interface Statement {
  run(...params: SqlValue[]): { changes: number };
  get(...params: SqlValue[]): Row | undefined;
  all(...params: SqlValue[]): Row[];
  /** Every row as an array of its values in the order of the SELECT's columns: no object per row, for reads of thousands of rows. */
  values(...params: SqlValue[]): SqlValue[][];
}

export interface SqlDb {
  readonly engine: EngineName;
  exec(sql: string): void;
  /** Cached per SQL text. */
  prepare(sql: string): Statement;
  /** Runs fn inside BEGIN IMMEDIATE … COMMIT (write lock taken up front, so no deadlock on upgrade). */
  write<T>(fn: () => T): T;
  /** Runs fn inside BEGIN … COMMIT: a consistent snapshot for several reads. */
  read<T>(fn: () => T): T;
  /** Copies the open database to `path` with SQLite's online backup API. */
  backupTo(path: string): Promise<void>;
  close(): void;
  readonly open: boolean;
}

/** Errors from either engine, with SQLite's result code name when known (SQLITE_BUSY, SQLITE_CORRUPT…). */
export class SqlError extends Error {
  override readonly name = 'SqlError';
  constructor(
    message: string,
    readonly code: string,
    override readonly cause?: unknown,
  ) {
    super(message);
  }
}

const PRIMARY_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR', 5: 'SQLITE_BUSY', 6: 'SQLITE_LOCKED', 8: 'SQLITE_READONLY', 10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT', 13: 'SQLITE_FULL', 14: 'SQLITE_CANTOPEN', 19: 'SQLITE_CONSTRAINT', 26: 'SQLITE_NOTADB',
};

export function toSqlError(err: unknown): SqlError {
  if (err instanceof SqlError) return err;
  const e = err as { message?: string; code?: unknown; errcode?: unknown };
  let code = 'SQLITE_ERROR';
  if (typeof e?.code === 'string' && e.code.startsWith('SQLITE_')) code = e.code;
  else if (typeof e?.errcode === 'number') code = PRIMARY_CODES[e.errcode & 0xff] ?? `SQLITE_${e.errcode}`;
  return new SqlError(String(e?.message ?? err), code, err);
}

function wrap<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    throw toSqlError(err);
  }
}

abstract class BaseDb implements SqlDb {
  abstract readonly engine: EngineName;
  private readonly cache = new Map<string, Statement>();
  private depth = 0;

  abstract exec(sql: string): void;
  protected abstract prepareRaw(sql: string): Statement;
  abstract backupTo(path: string): Promise<void>;
  protected abstract closeRaw(): void;
  abstract readonly open: boolean;

  prepare(sql: string): Statement {
    let s = this.cache.get(sql);
    if (!s) {
      s = wrap(() => this.prepareRaw(sql));
      this.cache.set(sql, s);
    }
    return s;
  }

  write<T>(fn: () => T): T {
    return this.tx('BEGIN IMMEDIATE', fn);
  }

  read<T>(fn: () => T): T {
    return this.tx('BEGIN', fn);
  }

  private tx<T>(begin: string, fn: () => T): T {
    if (this.depth > 0) {
      // Nested: a savepoint keeps the inner work atomic within the outer transaction.
      const name = `sp${this.depth}`;
      this.exec(`SAVEPOINT ${name}`);
      this.depth++;
      try {
        const out = fn();
        this.exec(`RELEASE ${name}`);
        return out;
      } catch (err) {
        this.exec(`ROLLBACK TO ${name}`);
        this.exec(`RELEASE ${name}`);
        throw err;
      } finally {
        this.depth--;
      }
    }
    this.exec(begin);
    this.depth++;
    try {
      const out = fn();
      this.exec('COMMIT');
      return out;
    } catch (err) {
      try {
        this.exec('ROLLBACK');
      } catch {
        // The transaction may already have been rolled back by SQLite (e.g. SQLITE_FULL); nothing left to undo.
      }
      throw err;
    } finally {
      this.depth--;
    }
  }

  close(): void {
    this.cache.clear();
    if (this.open) this.closeRaw();
  }
}

interface BetterDatabase {
  exec(sql: string): unknown;
  prepare(sql: string): BetterStatement;
  backup(path: string): Promise<unknown>;
  close(): void;
  readonly open: boolean;
}
interface BetterStatement {
  readonly reader: boolean;
  run(...p: unknown[]): { changes: number };
  get(...p: unknown[]): unknown;
  all(...p: unknown[]): unknown[];
  raw(on: boolean): BetterStatement;
  columns(): { name: string }[];
}
type BetterCtor = new (path: string, options?: { timeout?: number }) => BetterDatabase;

class BetterDb extends BaseDb {
  readonly engine = 'better-sqlite3';
  constructor(private readonly db: BetterDatabase) {
    super();
  }
  get open() {
    return this.db.open;
  }
  exec(sql: string): void {
    wrap(() => this.db.exec(sql));
  }
  protected prepareRaw(sql: string): Statement {
    const s = this.db.prepare(sql);
    if (!s.reader) {
      return {
        run: (...p) => wrap(() => s.run(...p)),
        get: (...p) => wrap(() => s.get(...p) as Row | undefined),
        all: (...p) => wrap(() => s.all(...p) as Row[]),
        values: (...p) => wrap(() => (s.all(...p) as Row[]).map((r) => Object.values(r))),
      };
    }
    // Rows as arrays, made into objects here: better-sqlite3's own row objects are built by code it
    // generates with Function(), and Impact Log runs no generated code.
    s.raw(true);
    const names = s.columns().map((c) => c.name);
    const toRow = (values: unknown): Row => {
      const row: Row = {};
      for (let i = 0; i < names.length; i++) row[names[i]!] = (values as SqlValue[])[i]!;
      return row;
    };
    return {
      run: (...p) => wrap(() => s.run(...p)),
      get: (...p) => wrap(() => {
        const r = s.get(...p);
        return r === undefined ? undefined : toRow(r);
      }),
      all: (...p) => wrap(() => s.all(...p).map(toRow)),
      values: (...p) => wrap(() => s.all(...p) as SqlValue[][]),
    };
  }
  async backupTo(path: string): Promise<void> {
    try {
      await this.db.backup(path);
    } catch (err) {
      throw toSqlError(err);
    }
  }
  protected closeRaw(): void {
    this.db.close();
  }
}

interface NodeDatabaseSync {
  exec(sql: string): void;
  prepare(sql: string): NodeStatementSync;
  close(): void;
  readonly isOpen?: boolean;
}
interface NodeStatementSync {
  run(...p: unknown[]): { changes: number | bigint };
  get(...p: unknown[]): unknown;
  all(...p: unknown[]): unknown[];
  /** Node 22.16 / 24 and later. */
  setReturnArrays?(on: boolean): void;
}
interface NodeSqliteModule {
  DatabaseSync: new (path: string, options?: Record<string, unknown>) => NodeDatabaseSync;
  backup?: (db: NodeDatabaseSync, path: string) => Promise<number>;
}

class NodeDb extends BaseDb {
  readonly engine = 'node:sqlite';
  private isOpen = true;
  constructor(
    private readonly mod: NodeSqliteModule,
    private readonly db: NodeDatabaseSync,
  ) {
    super();
  }
  get open() {
    return this.isOpen;
  }
  exec(sql: string): void {
    wrap(() => this.db.exec(sql));
  }
  protected prepareRaw(sql: string): Statement {
    const s = this.db.prepare(sql);
    const plain = (r: unknown) => (r === undefined ? undefined : ({ ...(r as Row) }));
    // Rows as arrays from a second statement where this Node has them (setReturnArrays), else the objects' values (in column order).
    let arrays: NodeStatementSync | undefined;
    const values = (...p: SqlValue[]): SqlValue[][] => {
      if (arrays === undefined) {
        const a = this.db.prepare(sql);
        if (typeof a.setReturnArrays === 'function') a.setReturnArrays(true);
        arrays = a;
      }
      const rows = arrays.all(...p);
      return typeof arrays.setReturnArrays === 'function' ? (rows as SqlValue[][]) : rows.map((r) => Object.values(r as Row));
    };
    return {
      run: (...p) => wrap(() => ({ changes: Number(s.run(...p).changes) })),
      get: (...p) => wrap(() => plain(s.get(...p))),
      all: (...p) => wrap(() => s.all(...p).map((r) => ({ ...(r as Row) }))),
      values: (...p) => wrap(() => values(...p)),
    };
  }
  async backupTo(path: string): Promise<void> {
    try {
      if (this.mod.backup) await this.mod.backup(this.db, path);
      else this.db.exec(`VACUUM INTO '${path.replace(/'/g, "''")}'`);
    } catch (err) {
      throw toSqlError(err);
    }
  }
  protected closeRaw(): void {
    this.isOpen = false;
    this.db.close();
  }
}

export interface EngineChoice {
  /** Force one engine (tests, or a user setting); default: better-sqlite3 when usable. */
  readonly prefer?: EngineName;
}

export interface OpenedDb {
  readonly db: SqlDb;
  /** Why the preferred engine was not used, when the fallback is in use. */
  readonly fallbackReason?: string;
}

const requireHere = createRequire(__filename);
let betterCache: { ctor?: BetterCtor; error?: string } | undefined;

/**
 * Loads better-sqlite3 if this process can. Node-API >= 10 is checked before requiring, because
 * loading the addon on an older Node crashes the process instead of throwing.
 * The arguments exist for tests; callers use the defaults (and get a cached answer).
 */
export function loadBetterSqlite3(napiOverride?: string, loadOverride?: () => unknown): { ctor?: BetterCtor; error?: string } {
  const useCache = napiOverride === undefined && loadOverride === undefined;
  if (useCache && betterCache) return betterCache;
  const napiVersion = napiOverride ?? process.versions.napi;
  const load = loadOverride ?? ((): unknown => requireHere('better-sqlite3'));
  let result: { ctor?: BetterCtor; error?: string };
  const napi = Number(napiVersion ?? 0);
  if (!(napi >= 10)) {
    result = { error: `this runtime has Node-API ${napi || 'unknown'}, better-sqlite3 needs 10 or newer` };
  } else {
    try {
      const ctor = load() as BetterCtor;
      // Loading the JS is not enough: the addon loads on first open, so probe it now.
      new ctor(':memory:').close();
      result = { ctor };
    } catch (err) {
      result = { error: `the native SQLite addon could not load (${String((err as Error)?.message ?? err).split('\n')[0]})` };
    }
  }
  if (useCache) betterCache = result;
  return result;
}

/** Opens (creating if needed) a database file with the best engine available. */
export function openDb(path: string, choice: EngineChoice = {}): OpenedDb {
  let fallbackReason: string | undefined;
  if (choice.prefer !== 'node:sqlite') {
    const better = loadBetterSqlite3();
    if (better.ctor) {
      const Ctor = better.ctor;
      return { db: new BetterDb(wrap(() => new Ctor(path, { timeout: 10_000 }))) };
    }
    fallbackReason = better.error;
  } else {
    fallbackReason = 'node:sqlite was requested';
  }
  const mod = requireHere('node:sqlite') as NodeSqliteModule;
  const raw = wrap(() => new mod.DatabaseSync(path, { timeout: 10_000 }));
  const db = new NodeDb(mod, raw);
  db.exec('PRAGMA busy_timeout = 10000');
  return fallbackReason ? { db, fallbackReason } : { db };
}
