import type { PeriodPreset } from './periods';

/**
 * Which period the period pick highlights: the configured default when it holds entries; otherwise
 * the nearest preset in the list that holds some (the one above first on a tie, i.e. the more recent
 * period); the default again when none holds any. An empty period is never pre-selected while another
 * has entries.
 */
export function preselectedPeriod(options: readonly { readonly preset: PeriodPreset; readonly count: number }[], preferred: PeriodPreset): PeriodPreset | undefined {
  const at = options.findIndex((o) => o.preset === preferred);
  if (at >= 0 && options[at]!.count > 0) return preferred;
  // A default that is not offered (no export yet for "since last export"): the first preset with entries.
  if (at < 0) return (options.find((o) => o.count > 0) ?? options[0])?.preset;
  const from = at;
  for (let distance = 1; distance < options.length; distance++) {
    for (const i of [from - distance, from + distance]) if (i >= 0 && i < options.length && options[i]!.count > 0) return options[i]!.preset;
  }
  return preferred;
}
