import type { InsightsModel } from '../../domain/insights';
import type { InsightsChartId, InsightsText } from '../../export/insightsText';
import type { KindId } from '../../domain/kinds';
import type { PeriodInput } from '../../domain/periods';

/**
 * The messages between the Insights page (src/webview/insights) and the extension
 * (src/ui/insights/panel.ts), in one place so both sides are checked against the same types. The
 * extension validates every message it receives (panel.ts) since a page is not trusted code.
 */

export const CHART_IDS = ['outcomes', 'ai', 'discardReasons', 'catches', 'timeToFix'] as const satisfies readonly InsightsChartId[];
export type ChartId = InsightsChartId;
export const SAVE_FORMATS = ['svg', 'png'] as const;
export type SaveFormat = (typeof SAVE_FORMATS)[number];

/** What the page keeps with `setState` (VS Code hands it to the serializer after a restart). */
export interface InsightsState {
  readonly period: PeriodInput;
  /** Charts whose table is shown on screen (screen readers always have every table). */
  readonly tablesShown: readonly ChartId[];
}

/** Extension -> page. */
export type ToPage =
  | { readonly type: 'model'; readonly model: InsightsModel; readonly text: InsightsText; readonly periodInput: PeriodInput }
  | { readonly type: 'saved'; readonly chart: ChartId; readonly path: string }
  | { readonly type: 'error'; readonly message: string };

/** Page -> extension. */
export type FromPage =
  | { readonly type: 'ready' }
  /** A bar was chosen: show these kinds (and this month, `YYYY-MM-DD` inclusive) in the timeline. */
  | { readonly type: 'filter'; readonly kinds: readonly KindId[]; readonly fromDate?: string; readonly toDate?: string }
  /** Save a chart: SVG text, or a PNG as a base64 data URL. */
  | { readonly type: 'save'; readonly chart: ChartId; readonly format: SaveFormat; readonly data: string }
  | { readonly type: 'pickPeriod' };
