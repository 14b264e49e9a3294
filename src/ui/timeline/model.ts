import type { Entry } from '../../domain';
import { clipToFilter, filterQuery, filterRange, type TimelineFilter } from '../../domain/filter';
import { MIN_TIME, type PeriodGroup, periodGroups, type Weekday } from '../../domain/grouping';
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

/**
 * The groups that hold at least one entry matching `filter`, newest first, with their counts.
 * Years are listed back `maxYears` (an empty range costs one index seek: cheaper than asking for
 * the oldest entry, whose min/max scan is not). Unfiltered, by kind or by one tag, each range is
 * counted on an index in one read snapshot; with several tags or a text filter the matches are
 * read once and bucketed here, instead of running the tag or full-text lookup once per group.
 */
export function countedGroups(store: EntryStore, filter: TimelineFilter, now: number, weekStartsOn: Weekday = 1, locale = 'en'): CountedGroup[] {
  const q = filterQuery(filter);
  const groups = periodGroups(now, { weekStartsOn, earliest: MIN_TIME, locale });
  // A date range in the filter narrows every group to the days it shares with the range.
  const ranges = groups.map((g) => clipToFilter(filter, g));
  const range = filterRange(filter);
  // One tag (and nothing else) is counted per group on its covering index (schema 6): ~0.05 µs an entry, where reading every match's time costs ~0.5.
  const oneTag = q.tags?.length === 1 && !q.text && !q.kinds?.length;
  const counts = (q.tags && !oneTag) || q.text ? countByTime(groups, store.occurredTimes({ ...q, ...range })) : store.countRanges(ranges, q);
  return groups.map((g, i) => ({ ...g, count: counts[i] ?? 0 })).filter((g) => g.count > 0);
}

/** How many of `times` fall in each group; `groups` are contiguous and newest first (as periodGroups returns them). */
export function countByTime(groups: readonly PeriodGroup[], times: readonly number[]): number[] {
  const counts = groups.map(() => 0);
  for (const t of times) {
    // The first group (newest first) that starts at or before t holds it.
    let lo = 0;
    let hi = groups.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (groups[mid]!.from <= t) hi = mid;
      else lo = mid + 1;
    }
    if (lo < groups.length && t < groups[lo]!.to) counts[lo]!++;
  }
  return counts;
}

/** Up to `limit` entries of one group, newest first, skipping the newest `offset`; and whether there are more after them. */
export function groupPage(store: EntryStore, filter: TimelineFilter, group: Pick<PeriodGroup, 'from' | 'to'>, limit: number, offset = 0): GroupPage {
  const span = clipToFilter(filter, group);
  if (span.from >= span.to) return { entries: [], more: false };
  const rows = store.list({ ...filterQuery(filter), ...span }, { limit: limit + 1, offset });
  return rows.length > limit ? { entries: rows.slice(0, limit), more: true } : { entries: rows, more: false };
}

/** A shown page followed by the next one: entries the next page repeats (an entry added meanwhile shifted it) are dropped. */
export function appendPage(shown: GroupPage, next: GroupPage): GroupPage {
  const seen = new Set(shown.entries.map((e) => e.id));
  return { entries: [...shown.entries, ...next.entries.filter((e) => !seen.has(e.id))], more: next.more };
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
