import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { KIND_IDS, parseNewEntry, type Entry } from '../../../../src/domain';
import type { EntryStore } from '../../../../src/storage';

/** Adds `n` entries cycling through every kind, with details long enough to span many pages. */
export function seed(store: EntryStore, n: number, label: string): Entry[] {
  const batch = [];
  for (let i = 0; i < n; i++) {
    const kind = KIND_IDS[i % KIND_IDS.length]!;
    batch.push(parseNewEntry(kind, { title: `${label} ${i}`, details: `${label} details ${i} `.repeat(20), tags: [label, `n${i % 7}`] }));
  }
  return store.addMany(batch);
}

/** Every entry, deleted ones included, sorted by id: for comparing whole logs. */
export function snapshot(store: EntryStore): Entry[] {
  return store.list({ deleted: 'include' }).sort((a, b) => a.id.localeCompare(b.id));
}

export function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

export const isPosix = process.platform !== 'win32';
export const modeOf = (mode: number) => mode & 0o777;
