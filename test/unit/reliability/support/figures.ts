import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * Collects the figures of a reliability run (trials, faults injected, entries lost) into the JSON
 * file named by IMPACT_LOG_FIGURES, for docs/RELIABILITY.md. Without the variable it does nothing.
 */
export function recordFigure(name: string, figures: Record<string, unknown>): void {
  const file = process.env.IMPACT_LOG_FIGURES;
  if (!file) return;
  const all = existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>) : {};
  all[name] = { ...figures, recordedAt: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
}
