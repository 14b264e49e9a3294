import * as vscode from 'vscode';
import { clipToFilter, EMPTY_FILTER, filterQuery, isFilterActive, type TimelineFilter } from '../../domain/filter';
import { startOfLocalDay, type Weekday } from '../../domain/grouping';
import { dateStyle, weekStart } from '../locale';
import type { Services } from '../services';
import { appendPage, countedGroups, type GroupPage, groupPage, Paging } from './model';
import { EntryNode, entryTooltip, GroupNode, LoadMoreNode, type SectionNode, type TimelineNode, type TimelineSection } from './nodes';

/** Wait this long after the last change before refreshing, so a burst of writes repaints once. */
export const REFRESH_DEBOUNCE_MS = 200;

/**
 * The timeline's data: groups with counts at the root, a page of entries per group. Root nodes are
 * cached until the next refresh so that a group can be refreshed on its own ("Load more").
 */
export class TimelineProvider implements vscode.TreeDataProvider<TimelineNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TimelineNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private roots: Promise<TimelineNode[]> | undefined;
  /** The entries each group shows, read since the last full refresh: "Load more" reads only the next page. */
  private readonly pages = new Map<string, GroupPage>();
  private readonly paging: Paging;
  private current: TimelineFilter = EMPTY_FILTER;
  private timer: NodeJS.Timeout | undefined;
  private midnight: NodeJS.Timeout | undefined;
  private readonly subs: vscode.Disposable[] = [];
  /** Set by the view once it exists: where load errors are shown. */
  onError: (message: string | undefined) => void = () => undefined;
  /** Set by the view once it exists: shows the active filter. */
  onFilter: (f: TimelineFilter) => void = () => undefined;

  constructor(
    private readonly s: Services,
    private readonly opts: { weekStartsOn?: Weekday; pageSize?: number; debounceMs?: number; sections?: readonly TimelineSection[] } = {},
  ) {
    this.paging = new Paging(opts.pageSize);
    this.subs.push(s.store.onDidChange(() => this.scheduleRefresh()), s.config.onDidChange(() => this.scheduleRefresh()));
  }

  get filter(): TimelineFilter {
    return this.current;
  }

  setFilter(f: TimelineFilter): void {
    this.current = f;
    this.paging.reset();
    void vscode.commands.executeCommand('setContext', 'impactLog.filterActive', isFilterActive(f));
    this.onFilter(f);
    this.refresh();
  }

  /** Repaints now (and cancels a pending debounced refresh). */
  refresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.roots = undefined;
    this.pages.clear();
    this.changed.fire(undefined);
  }

  /** Repaints after the changes stop for a moment. */
  scheduleRefresh(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.refresh(), this.opts.debounceMs ?? REFRESH_DEBOUNCE_MS);
  }

  /** True while a debounced refresh is waiting. */
  get refreshPending(): boolean {
    return this.timer !== undefined;
  }

  /** Shows the next page of a group: reads only that page (the shown ones stay as read). */
  async loadMore(node: LoadMoreNode): Promise<void> {
    const group = node.parent.group;
    const shown = this.pages.get(group.id);
    this.paging.more(group.id);
    if (shown) {
      const next = groupPage(await this.s.store.get(), this.current, group, this.paging.pageSize, shown.entries.length);
      this.pages.set(group.id, appendPage(shown, next));
    }
    this.changed.fire(node.parent);
  }

  getTreeItem(node: TimelineNode): vscode.TreeItem {
    return node.getTreeItem();
  }

  async resolveTreeItem(item: vscode.TreeItem, node: TimelineNode): Promise<vscode.TreeItem> {
    if (node instanceof EntryNode && item.tooltip === undefined) {
      // An incident names the change that caused it by its title (the store has it), not its id.
      const store = await this.s.store.get();
      item.tooltip = entryTooltip(node.entry, (id) => store.get(id));
    } else if (isSectionNode(node) && item.tooltip === undefined && node.tooltip) item.tooltip = node.tooltip();
    return item;
  }

  getParent(node: TimelineNode): TimelineNode | undefined {
    return node.parent;
  }

  async getChildren(node?: TimelineNode): Promise<TimelineNode[]> {
    try {
      const out = node === undefined ? await this.rootNodes() : node instanceof GroupNode ? await this.groupChildren(node) : isSectionNode(node) && node.children ? await node.children() : [];
      this.onError(undefined);
      return out;
    } catch (err) {
      const message = vscode.l10n.t('Could not read the log: {0}', err instanceof Error ? err.message : String(err));
      this.s.output.error(message);
      this.onError(message);
      return [];
    }
  }

  private rootNodes(): Promise<TimelineNode[]> {
    this.roots ??= this.loadRoots().catch((err: unknown) => {
      this.roots = undefined;
      throw err;
    });
    return this.roots;
  }

  private async loadRoots(): Promise<TimelineNode[]> {
    const store = await this.s.store.get();
    // Sections (follow-ups due, then suggestions) come first, in the order given; one that fails to load is left out, not the timeline.
    const sections = await Promise.all(
      (this.opts.sections ?? []).map((sec) =>
        sec.roots({ filter: this.current }).catch((err: unknown) => {
          this.s.output.warn(`Could not show a timeline section: ${err instanceof Error ? err.message : String(err)}`);
          return [] as SectionNode[];
        }),
      ),
    );
    const now = Date.now();
    this.scheduleMidnight(now);
    const groups = countedGroups(store, this.current, now, this.opts.weekStartsOn ?? weekStart(this.s.config.value), dateStyle().locale);
    // Today starts open; with a filter the first matching group does, so results are visible at once.
    return [...sections.flat(), ...groups.map((g, i) => new GroupNode(g, g.id === 'today' || (i === 0 && isFilterActive(this.current))))];
  }

  private async groupChildren(node: GroupNode): Promise<TimelineNode[]> {
    let page = this.pages.get(node.group.id);
    if (!page) {
      page = groupPage(await this.s.store.get(), this.current, node.group, this.paging.limit(node.group.id));
      this.pages.set(node.group.id, page);
    }
    const now = Date.now();
    const out: TimelineNode[] = page.entries.map((e) => new EntryNode(e, node, now));
    if (page.more) out.push(new LoadMoreNode(node, page.entries.length));
    return out;
  }

  /** The entry's node as the tree shows it now, loading more of its group if needed; undefined when the filter hides it. */
  async findEntry(id: string): Promise<EntryNode | undefined> {
    const store = await this.s.store.get();
    const entry = store.get(id);
    if (!entry || entry.deletedAt !== null) return undefined;
    const roots = await this.rootNodes();
    const t = Date.parse(entry.occurredAt);
    const group = roots.find((r): r is GroupNode => r instanceof GroupNode && t >= r.group.from && t < r.group.to);
    if (!group) return undefined;
    const shown = clipToFilter(this.current, group.group);
    if (t < shown.from || t >= shown.to) return undefined; // outside the filter's dates
    const newer = store.count({ ...filterQuery(this.current), from: t + 1, to: shown.to });
    if (newer + 1 > (this.pages.get(group.group.id)?.entries.length ?? this.paging.limit(group.group.id))) {
      this.paging.atLeast(group.group.id, newer + this.paging.pageSize);
      this.pages.delete(group.group.id);
    }
    const children = await this.groupChildren(group);
    return children.find((c): c is EntryNode => c instanceof EntryNode && c.entryId === id);
  }

  /** Repaints one section node (or the whole tree). */
  refreshNode(node: SectionNode | undefined): void {
    this.changed.fire(node);
  }

  /** Repaint shortly after the next local midnight, so Today and Yesterday move on. */
  private scheduleMidnight(now: number): void {
    if (this.midnight) clearTimeout(this.midnight);
    const d = new Date(now);
    const next = startOfLocalDay(d.getFullYear(), d.getMonth(), d.getDate() + 1);
    this.midnight = setTimeout(() => this.refresh(), Math.min(next - now + 1000, 2 ** 31 - 1));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.midnight) clearTimeout(this.midnight);
    this.changed.dispose();
    for (const s of this.subs) s.dispose();
  }
}

function isSectionNode(node: TimelineNode): node is SectionNode {
  return !(node instanceof GroupNode || node instanceof EntryNode || node instanceof LoadMoreNode);
}
