import type { ReflectionState } from '../../domain/reflection';
import type { EntryStore } from '../../storage';

/** The weekly reflection's record, in the log's meta table (shared by every window). */
export const REFLECTION_KEY = 'reflection.state';

export function readState(store: EntryStore): ReflectionState {
  try {
    const v = JSON.parse(store.getMeta(REFLECTION_KEY) ?? '{}') as Record<string, unknown>;
    return {
      shownWeek: typeof v.shownWeek === 'string' ? v.shownWeek : undefined,
      reviewedWeek: typeof v.reviewedWeek === 'string' ? v.reviewedWeek : undefined,
      snoozedUntil: typeof v.snoozedUntil === 'number' ? v.snoozedUntil : undefined,
    };
  } catch {
    return {};
  }
}

/** Changes the record in one write transaction; `change` returns undefined to leave it (then false). */
export function updateState(store: EntryStore, change: (s: ReflectionState) => ReflectionState | undefined): boolean {
  return store.updateMeta(REFLECTION_KEY, (raw) => {
    let current: ReflectionState = {};
    try {
      current = raw ? (JSON.parse(raw) as ReflectionState) : {};
    } catch {
      current = {};
    }
    const next = change(current);
    return next === undefined ? undefined : JSON.stringify(next);
  });
}
