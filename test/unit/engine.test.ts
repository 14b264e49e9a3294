import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadBetterSqlite3, openDb, toSqlError } from '../../src/storage';
import { tempDir } from './support/tmp';

describe('SQLite engine selection', () => {
  it('does not even try to load the addon when Node-API is older than 10 (it would crash)', () => {
    let loaded = false;
    const r = loadBetterSqlite3('9', () => {
      loaded = true;
      return undefined;
    });
    assert.equal(loaded, false);
    assert.equal(r.ctor, undefined);
    assert.match(r.error!, /Node-API 9, better-sqlite3 needs 10/);
  });

  it('reports an addon that fails to load, with the reason', () => {
    const r = loadBetterSqlite3('10', () => {
      throw new Error('ERR_DLOPEN_FAILED: /lib/libc.so.6: version GLIBC_2.34 not found\nmore');
    });
    assert.match(r.error!, /could not load \(ERR_DLOPEN_FAILED: .*GLIBC_2\.34 not found\)/);
  });

  it('uses better-sqlite3 here, where Node-API is new enough', () => {
    const tmp = tempDir();
    try {
      const { db, fallbackReason } = openDb(join(tmp.dir, 'a.sqlite'));
      assert.equal(db.engine, 'better-sqlite3');
      assert.equal(fallbackReason, undefined);
      db.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('falls back to node:sqlite in a process where the addon cannot load, and says why', () => {
    const tmp = tempDir();
    try {
      // A child process whose require('better-sqlite3') fails, as on a host with an old glibc.
      const script = `
        const Module = require('node:module');
        const orig = Module._load;
        Module._load = function (req, ...rest) {
          if (req === 'better-sqlite3') throw new Error('ERR_DLOPEN_FAILED: simulated');
          return orig.call(this, req, ...rest);
        };
        const { EntryStore } = require(${JSON.stringify(join(__dirname, '../../src/storage'))});
        const { parseNewEntry } = require(${JSON.stringify(join(__dirname, '../../src/domain'))});
        EntryStore.open({ path: ${JSON.stringify(join(tmp.dir, 'f.sqlite'))} }).then((s) => {
          s.add(parseNewEntry('note', { title: 'via fallback' }));
          console.log(JSON.stringify({ engine: s.engine, reason: s.fallbackReason, count: s.count() }));
          s.close();
        });`;
      const out = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8' });
      assert.equal(out.status, 0, out.stderr);
      const result = JSON.parse(out.stdout.trim()) as { engine: string; reason: string; count: number };
      assert.equal(result.engine, 'node:sqlite');
      assert.match(result.reason, /native SQLite addon could not load \(ERR_DLOPEN_FAILED: simulated\)/);
      assert.equal(result.count, 1);
    } finally {
      tmp.cleanup();
    }
  });

  it('names SQLite errors the same way on both engines', () => {
    assert.equal(toSqlError({ message: 'database is locked', code: 'SQLITE_BUSY' }).code, 'SQLITE_BUSY');
    assert.equal(toSqlError({ message: 'file is not a database', code: 'ERR_SQLITE_ERROR', errcode: 26 }).code, 'SQLITE_NOTADB');
    assert.equal(toSqlError({ message: 'x', errcode: 5 | (3 << 8) }).code, 'SQLITE_BUSY', 'extended codes map to their primary code');
  });
});
