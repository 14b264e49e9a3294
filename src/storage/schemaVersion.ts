import { closeSync, openSync, readSync } from 'node:fs';
import { LATEST_VERSION } from './migrations';

/**
 * The schema version in a database file's header (`PRAGMA user_version`, bytes 60–63), read
 * without opening it with SQLite; undefined when there is no such file or it is too short. A
 * change still in the -wal file is not seen: good enough to decide whether to show progress.
 */
export function headerSchemaVersion(path: string): number | undefined {
  let fd: number | undefined;
  try {
    fd = openSync(path, 'r');
    const buf = Buffer.alloc(64);
    if (readSync(fd, buf, 0, 64, 0) < 64 || buf.toString('latin1', 0, 15) !== 'SQLite format 3') return undefined;
    return buf.readUInt32BE(60);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** True when opening `path` will migrate it (and back it up first): an existing log at an older schema. */
export function willMigrate(path: string): boolean {
  const v = headerSchemaVersion(path);
  return v !== undefined && v > 0 && v < LATEST_VERSION;
}
