import { type z } from 'zod';
import './zodConfig';

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

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
};

/** Zod error map that words every issue as "<what is wrong>" (the field name is added separately). */
export const plainWords: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'is required';
      return `must be ${TYPE_WORDS[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return issue.minimum === 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters`;
      if (issue.origin === 'array') return `must have at least ${issue.minimum} item(s)`;
      return `must be at least ${issue.minimum}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters`;
      if (issue.origin === 'array') return `must have at most ${issue.maximum} items`;
      return `must be at most ${issue.maximum}`;
    case 'invalid_value':
      return `must be one of: ${issue.values.map((v) => String(v)).join(', ')}`;
    case 'unrecognized_keys':
      return `has unknown field(s): ${issue.keys.join(', ')}`;
    case 'invalid_format':
      return `must be a valid ${issue.format}`;
    case 'invalid_union':
      return 'is not in an accepted form';
    default:
      return undefined;
  }
};

/** Turns a ZodError into field problems in plain words. */
export function problemsOf(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    if (issue.code === 'unrecognized_keys') {
      const base = fieldPath(issue.path);
      return { field: base, problem: issue.keys.length === 1 ? `unknown field “${issue.keys[0]}”` : `unknown fields: ${issue.keys.map((k) => `“${k}”`).join(', ')}` };
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
  return first ? (first.field ? `${first.field} ${first.problem}` : first.problem) : 'is invalid';
}
