// Writes the chat tools' input schemas into package.json (contributes.languageModelTools[].inputSchema),
// generated from the zod schemas in src/domain/chatTools.ts, so the manifest and the validation
// cannot drift. test/unit/chatTools.test.ts fails when the copy in package.json is not the generated one.
// Usage: node scripts/chat-tool-schemas.mjs          (rewrite package.json)
//        node scripts/chat-tool-schemas.mjs --check  (exit 1 if it would change)
import * as esbuild from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'impact-log-schemas-'));
let schemas;
try {
  const outfile = join(dir, 'chatTools.cjs');
  await esbuild.build({ absWorkingDir: root, entryPoints: ['src/domain/chatTools.ts'], outfile, bundle: true, platform: 'node', format: 'cjs', target: 'node22', logLevel: 'warning' });
  const m = createRequire(import.meta.url)(outfile);
  schemas = { [m.LOG_ENTRY_TOOL]: m.logEntryJsonSchema(), [m.FIND_ENTRIES_TOOL]: m.findEntriesJsonSchema() };
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const path = join(root, 'package.json');
const before = readFileSync(path, 'utf8');
const pkg = JSON.parse(before);
const tools = pkg.contributes?.languageModelTools ?? [];
for (const [name, schema] of Object.entries(schemas)) {
  const tool = tools.find((t) => t.name === name);
  if (!tool) throw new Error(`package.json contributes no language model tool named ${name}`);
  tool.inputSchema = schema;
}
const after = `${JSON.stringify(pkg, null, 2)}\n`;
if (process.argv.includes('--check')) {
  if (after !== before) {
    console.error('package.json: the chat tools\' inputSchema differs from the generated one; run node scripts/chat-tool-schemas.mjs');
    process.exit(1);
  }
} else if (after !== before) {
  writeFileSync(path, after);
  console.log('package.json: chat tool input schemas updated');
} else console.log('package.json: chat tool input schemas are up to date');
