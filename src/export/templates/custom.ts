import Mustache from 'mustache';
import { z } from 'zod';
import { ValidationError } from '../../domain';
import { summaryModel as modelSchema } from '../../domain/summaryModel';
import { escapeInline } from '../escape';
import { msg } from '../../domain/messages';
import { Formatted, type OutputFormat, plainSafe } from './model';

/**
 * Custom templates: Mustache (mustache.js, the reference JavaScript implementation of the
 * logic-less Mustache spec) over the documented summary model. mustache.js interprets its tokens;
 * it generates no code and reads no files. On top of it, before anything is rendered, a template is
 * checked against the model's schema so that a mistake is refused with its line, not rendered as a
 * silent blank:
 *   - every name must exist where it is used (`{{titel}}` is an error, not an empty string);
 *   - partials (`{{> x}}`) are refused: a template is one file and reads no other;
 *   - unescaped output (`{{{x}}}`, `{{& x}}`) is refused: user text is always escaped for the
 *     format (Markdown escapes for Markdown; only control characters removed for plain text);
 *   - a list may not be repeated inside an item of another list unless it belongs to that item
 *     (`{{#entries}}` inside `{{#highlights}}` would repeat the whole log for every highlight);
 *   - sections nest at most MAX_DEPTH deep and a template has at most MAX_TAGS tags.
 * The view holds plain data only (no functions), so no lambda can run.
 */

export const MAX_DEPTH = 16;
export const MAX_TAGS = 5000;

/** Mustache's token: [type, name or text, start, end, children?, section end?]. */
type MToken = [string, string, number, number, MToken[]?, number?];

type Shape = { readonly t: 'object'; readonly fields: ReadonlyMap<string, Shape> } | { readonly t: 'list'; readonly item: Shape } | { readonly t: 'scalar' };

function shapeOf(schema: z.ZodType): Shape {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return shapeOf(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodObject) return { t: 'object', fields: new Map(Object.entries(schema.shape).map(([k, v]) => [k, shapeOf(v as z.ZodType)])) };
  if (schema instanceof z.ZodArray) return { t: 'list', item: shapeOf(schema.element as z.ZodType) };
  return { t: 'scalar' };
}

let rootShape: Shape | undefined;

interface Frame {
  readonly shape: Shape;
  /** An item of a list section (the `{{#list}}` that pushed it). */
  readonly item: boolean;
  readonly name: string;
}

const lineAt = (text: string, pos: number) => {
  let line = 1;
  for (let i = 0; i < pos && i < text.length; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
};

/** The shape a (possibly dotted) name resolves to, as Mustache looks it up: innermost context first. */
function resolve(stack: readonly Frame[], name: string): { shape: Shape; frame: number } | undefined {
  if (name === '.') return { shape: stack[stack.length - 1]!.shape, frame: stack.length - 1 };
  const parts = name.split('.');
  for (let i = stack.length - 1; i >= 0; i--) {
    let s: Shape | undefined = stack[i]!.shape;
    for (const p of parts) s = s?.t === 'object' ? s.fields.get(p) : undefined;
    if (s) return { shape: s, frame: i };
  }
  return undefined;
}

function namesHere(stack: readonly Frame[]): string {
  const top = stack[stack.length - 1]!.shape;
  const names = top.t === 'object' ? [...top.fields.keys()] : ['.'];
  return names.length > 12 ? `${names.slice(0, 12).join(', ')}, …` : names.join(', ');
}

function check(tokens: readonly MToken[], template: string): void {
  rootShape ??= shapeOf(modelSchema);
  let tags = 0;
  const fail = (t: MToken, problem: string): never => {
    throw new TemplateProblem(lineAt(template, t[2]), problem);
  };
  const walk = (list: readonly MToken[], stack: Frame[]) => {
    for (const t of list) {
      const [type, name] = t;
      if (type === 'text') continue;
      if (++tags > MAX_TAGS) fail(t, msg('custom.tooManyTags', MAX_TAGS.toLocaleString('en-US')));
      if (type === '!' || type === '=') continue;
      if (type === '>') fail(t, msg('custom.partial', name));
      if (type === '&' || type === '{') fail(t, msg('custom.unescaped', name));
      const where = stack.length > 1 ? msg('custom.inside', stack[stack.length - 1]!.name) : '';
      const found = resolve(stack, name);
      if (!found) fail(t, msg('custom.unknownName', name, where, namesHere(stack)));
      const { shape, frame } = found!;
      if (type === 'name') {
        if (shape.t !== 'scalar') fail(t, msg(shape.t === 'list' ? 'custom.isList' : 'custom.isGroup', name));
        continue;
      }
      // '#' or '^'
      if (stack.length > MAX_DEPTH) fail(t, msg('custom.tooDeep', MAX_DEPTH));
      let innermostItem = -1;
      for (let i = stack.length - 1; i >= 0; i--) if (stack[i]!.item) { innermostItem = i; break; }
      if (type === '#' && shape.t === 'list' && frame < innermostItem) {
        fail(t, msg('custom.repeats', name, where, stack[innermostItem]!.name));
      }
      const children = t[4] ?? [];
      if (type === '^') walk(children, stack);
      else if (shape.t === 'list') walk(children, [...stack, { shape: shape.item, item: true, name }]);
      else if (shape.t === 'object') walk(children, [...stack, { shape, item: false, name }]);
      else walk(children, [...stack, { shape: { t: 'scalar' }, item: false, name }]);
    }
  };
  walk(tokens, [{ shape: rootShape, item: false, name: '' }]);
}

class TemplateProblem extends Error {
  constructor(
    readonly line: number,
    readonly problem: string,
  ) {
    super(msg('custom.line', line, problem));
  }
}

/** Mustache's parse errors ("Unclosed section "a" at 7") with a line instead of a character position. */
function parseError(err: unknown, template: string): TemplateProblem {
  const text = err instanceof Error ? err.message : String(err);
  const m = /^(.*?) at (\d+)$/.exec(text);
  if (!m) return new TemplateProblem(1, text);
  const pos = Number(m[2]);
  const unclosed = /^Unclosed section "(.*)"$/.exec(m[1]!);
  const closing = /^\{\{\s*\/\s*([^}]*?)\s*\}\}/.exec(template.slice(pos, pos + 300));
  if (unclosed && closing) return new TemplateProblem(lineAt(template, pos), msg('custom.innerFirst', closing[1]!, unclosed[1]!));
  if (unclosed) {
    // Mustache reports the end of the template; the opening tag is what the author needs to find.
    const name = unclosed[1]!;
    const re = new RegExp(`\\{\\{\\s*[#^]\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\}\\}`, 'g');
    let last = -1;
    for (let hit = re.exec(template); hit; hit = re.exec(template)) last = hit.index;
    const line = lineAt(template, last >= 0 ? last : pos);
    return new TemplateProblem(line, msg('custom.neverClosed', name));
  }
  const unopened = /^Unopened section "(.*)"$/.exec(m[1]!);
  if (unopened) return new TemplateProblem(lineAt(template, pos), msg('custom.notOpen', unopened[1]!));
  if (m[1] === 'Unclosed tag') return new TemplateProblem(lineAt(template, pos), msg('custom.unclosedTag'));
  return new TemplateProblem(lineAt(template, pos), m[1]!);
}

export interface CompiledTemplate {
  render(view: unknown, format: OutputFormat): string;
}

/**
 * Parses and checks a template. Throws a ValidationError naming `source` (the file) and the line
 * of the first problem; nothing is rendered until the whole template is known to be sound.
 */
export function compileTemplate(template: string, source: string): CompiledTemplate {
  const writer = new Mustache.Writer();
  // One template per export: no cache that would keep a large template alive.
  (writer as unknown as { templateCache: undefined }).templateCache = undefined;
  try {
    const tokens = writer.parse(template) as MToken[];
    check(tokens, template);
  } catch (err) {
    const p = err instanceof TemplateProblem ? err : parseError(err, template);
    throw new ValidationError(msg('custom.entity', source), [{ field: '', problem: p.message }]);
  }
  return {
    render(view, format) {
      const escape = (v: unknown): string => {
        if (v instanceof Formatted) return v.valueOf();
        const s = String(v);
        return format === 'markdown' ? escapeInline(s) : plainSafe(s);
      };
      return writer.render(template, view, undefined, { escape });
    },
  };
}
