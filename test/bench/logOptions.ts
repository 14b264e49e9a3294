/**
 * The command line of a bench script that measures a generated log: `--size N` (entries, default
 * 100000), `--runs N` (default 15), `--seed N` (default 1, or the script's own), `--end ISO date` ("now", default
 * 2026-07-01), and `option(name)` for the script's own `--name value`. Throws `usage` when a value
 * is not a positive whole number or a date.
 */
export function logOptions(
  usage: string,
  argv = process.argv.slice(2),
  defaults: { readonly seed?: number } = {},
): { size: number; runs: number; seed: number; end: number; option: (name: string) => string | undefined } {
  const option = (name: string) => {
    const i = argv.indexOf(`--${name}`);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const size = Number(option('size') ?? 100_000);
  const runs = Number(option('runs') ?? 15);
  const seed = Number(option('seed') ?? defaults.seed ?? 1);
  const end = Date.parse(option('end') ?? '2026-07-01T00:00:00Z');
  if (!Number.isInteger(size) || size <= 0 || !Number.isInteger(runs) || runs <= 0 || !Number.isFinite(end)) throw new Error(`usage: ${usage}`);
  return { size, runs, seed, end, option };
}
