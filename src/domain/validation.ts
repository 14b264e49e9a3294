import { type z } from 'zod';
import './zodConfig';
import { msg } from './messages';

/** One problem with one field, in plain words: `{ field: 'links[0]', problem: 'must start with http:// or https://' }`. */
export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

/** Thrown when input (a prompt answer, a command argument, a file, a setting) is invalid. Nothing was written. */
export class ValidationError extends Error {
  override readonly name = 'ValidationError';
  constructor(
    readonly what: string,
    readonly problems: readonly FieldProblem[],
  ) {
    super(`${what}: ${problems.map((p) => (p.field ? `${p.field} ${p.problem}` : p.problem)).join('; ')}`);
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}

const TYPE_WORDS: Record<string, () => string> = {
  string: () => msg('validation.text'),
  number: () => msg('validation.number'),
  int: () => msg('validation.int'),
  boolean: () => msg('validation.boolean'),
  array: () => msg('validation.array'),
  object: () => msg('validation.object'),
};

/** Zod error map that words every issue as "<what is wrong>" (the field name is added separately). */
export const plainWords: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return msg('validation.required');
      return msg('validation.mustBe', TYPE_WORDS[issue.expected]?.() ?? issue.expected);
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? msg('validation.notEmpty') : msg('validation.minChars', String(issue.minimum));
      if (issue.origin === 'array') return msg('validation.minItems', String(issue.minimum));
      return msg('validation.min', String(issue.minimum));
    case 'too_big':
      if (issue.origin === 'string') return msg('validation.maxChars', String(issue.maximum));
      if (issue.origin === 'array') return msg('validation.maxItems', String(issue.maximum));
      return msg('validation.max', String(issue.maximum));
    case 'invalid_value':
      return msg('validation.oneOf', issue.values.map((v) => String(v)).join(', '));
    case 'unrecognized_keys':
      return msg('validation.unknownKeys', issue.keys.join(', '));
    case 'invalid_format':
      return msg('validation.format', issue.format);
    case 'invalid_union':
      return msg('validation.union');
    default:
      return undefined;
  }
};

/** Turns a ZodError into field problems in plain words. */
export function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const base = fieldPath(issue.path);
      return { field: base, problem: issue.keys.length === 1 ? msg('validation.unknownField', issue.keys[0]!) : msg('validation.unknownFields', issue.keys.map((k) => `“${k}”`).join(', ')) };
    }
    return { field: fieldPath(issue.path), problem: issue.message };
  });
}

/** Parses `data` with `schema` or throws a ValidationError naming each field and its problem. */
export function parseOrThrow<S extends z.ZodType>(schema: S, data: unknown, what: string): z.output<S> {
  const result = schema.safeParse(data, { error: plainWords });
  if (!result.success) throw new ValidationError(what, problemsOf(result.error));
  return result.data;
}

/** Validates one value and returns the first problem as a message, or undefined: for inline prompt validation. */
export function firstProblem(schema: z.ZodType, data: unknown): string | undefined {
  const result = schema.safeParse(data, { error: plainWords });
  if (result.success) return undefined;
  const [first] = problemsOf(result.error);
  return first ? (first.field ? `${first.field} ${first.problem}` : first.problem) : msg('validation.invalid');
}
