import type { Entry } from '../../domain';
import { filterQuery, type TimelineFilter } from '../../domain/filter';
import { type PeriodGroup, periodGroups, type Weekday } from '../../domain/grouping';
import type { EntryStore } from '../../storage';

/**
 * What the timeline asks the store, with no `vscode` here so it is unit tested and benchmarked in
 * plain Node: the non-empty period groups with their counts (one read snapshot), and one group's
 * entries page by page.
 */

export const PAGE_SIZE = 100;

export interface CountedGroup extends PeriodGroup {
  readonly count: number;
}

export interface GroupPage {
  readonly entries: readonly Entry[];
  /** True when the group holds more entries than were asked for. */
  readonly more: boolean;
}

/** The groups that hold at least one entry matching `filter`, newest first, with their counts. */
export function countedGroups(store: EntryStore, filter: TimelineFilter, now: number, weekStartsOn: Weekday = 1): CountedGroup[] {
  const q = filterQuery(filter);
  const bounds = store.bounds(q);
  if (!bounds) return [];
  const groups = periodGroups(now, { weekStartsOn, earliest: bounds.first });
  const counts = store.countRanges(groups, q);
  return groups.map((g, i) => ({ ...g, count: counts[i] ?? 0 })).filter((g) => g.count > 0);
}

/** The newest `limit` entries of one group, and whether there are more. */
export function groupPage(store: EntryStore, filter: TimelineFilter, group: Pick<PeriodGroup, 'from' | 'to'>, limit: number): GroupPage {
  const rows = store.list({ ...filterQuery(filter), from: group.from, to: group.to }, { limit: limit + 1 });
  return rows.length > limit ? { entries: rows.slice(0, limit), more: true } : { entries: rows, more: false };
}

/**
 * How many entries each group shows: a page to start with, a page more per "Load more". Kept by
 * group id across refreshes (so live updates do not fold a long list back), reset when the filter changes.
 */
export class Paging {
  private readonly shown = new Map<string, number>();
  constructor(readonly pageSize = PAGE_SIZE) {}

  limit(groupId: string): number {
    return this.shown.get(groupId) ?? this.pageSize;
  }

  more(groupId: string): number {
    const next = this.limit(groupId) + this.pageSize;
    this.shown.set(groupId, next);
    return next;
  }

  /** Make sure the first `n` entries of a group are shown (to reveal one of them). */
  atLeast(groupId: string, n: number): void {
    if (n > this.limit(groupId)) this.shown.set(groupId, Math.ceil(n / this.pageSize) * this.pageSize);
  }

  reset(): void {
    this.shown.clear();
  }
}
