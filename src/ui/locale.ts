import * as vscode from 'vscode';
import { type DateStyle, userLocale } from '../domain/format';
import type { Config } from '../domain/settings';
import { type Weekday, weekStartOf } from '../domain/week';

/**
 * The user's locale for dates and weeks, read in one place: VS Code's display language
 * (`vscode.env.language`), with the region of the extension host's own locale (the operating
 * system's) when the language names none. It cannot change while the window is open (VS Code
 * restarts to change its language).
 */

let cached: DateStyle | undefined;

/** How dates are shown to this user (tooltips, the entry view, the timeline, pickers, messages, the summary). */
export function dateStyle(): DateStyle {
  cached ??= { locale: userLocale(vscode.env.language, Intl.DateTimeFormat().resolvedOptions().locale) };
  return cached;
}

/** The first day of the week: `impactLog.timeline.weekStart`, or the locale's first day. */
export function weekStart(config: Config): Weekday {
  return weekStartOf(config['timeline.weekStart'], dateStyle().locale);
}
