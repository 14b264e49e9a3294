import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../reliability/support/root';

/** package.nls.json (English) or package.nls.<lang>.json: the manifest's `%key%` strings. */
export function manifestStrings(lang?: string): Record<string, string> {
  const file = join(repoRoot(), lang ? `package.nls.${lang}.json` : 'package.nls.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {};
}

/** Every `%key%` string value in `value`, with the path it sits at. */
export function placeholders(value: unknown, path = ''): { path: string; key: string }[] {
  if (typeof value === 'string') {
    const m = /^%([^%\s]+)%$/.exec(value);
    return m ? [{ path, key: m[1]! }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => placeholders(v, `${path}[${i}]`));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => placeholders(v, path ? `${path}.${k}` : k));
  return [];
}

/** package.json as VS Code shows it in `lang` (English by default): every `%key%` replaced from the nls file, falling back to English as VS Code does. */
export function localizedManifest<T = Record<string, unknown>>(lang?: string): T {
  const raw = readFileSync(join(repoRoot(), 'package.json'), 'utf8');
  const english = manifestStrings();
  const local = lang ? manifestStrings(lang) : english;
  const replace = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const m = /^%([^%\s]+)%$/.exec(v);
      return m ? (local[m[1]!] ?? english[m[1]!] ?? v) : v;
    }
    if (Array.isArray(v)) return v.map(replace);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, replace(x)]));
    return v;
  };
  return replace(JSON.parse(raw)) as T;
}
