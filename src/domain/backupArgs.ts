import { isAbsolute } from 'node:path';
import { z } from 'zod';
import './zodConfig';
import { msg } from './messages';

/**
 * Argument objects of the backup commands, so a keybinding, a task or a test can skip the prompts:
 * `impactLog.backupNow` takes none (an empty object is accepted);
 * `impactLog.restoreBackup` takes `{ "path": "/abs/backup.sqlite", "confirm": false }`.
 */
export const backupNowArgument = z.strictObject({});

export const restoreBackupArgument = z.strictObject({
  path: z
    .string()
    .trim()
    .min(1, { error: () => msg('validation.notEmpty') })
    .refine((p) => isAbsolute(p), { error: () => msg('arg.backupPath') }),
  /** Ask before replacing the log (default true); false skips the confirmation. */
  confirm: z.boolean().default(true),
});
export type RestoreBackupArgument = z.output<typeof restoreBackupArgument>;
