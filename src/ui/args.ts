/**
 * Command arguments: a command run from a keybinding, a task or another extension may get one
 * plain object; run from a menu it gets a tree node or a Uri instead, which is not an argument object.
 */
export function argumentObject(arg: unknown): Record<string, unknown> | undefined {
  if (arg === null || typeof arg !== 'object' || Array.isArray(arg)) return undefined;
  const proto = Object.getPrototypeOf(arg) as unknown;
  return proto === Object.prototype || proto === null ? (arg as Record<string, unknown>) : undefined;
}
