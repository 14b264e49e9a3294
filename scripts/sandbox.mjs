// `npm run sandbox`: try Impact Log in a real VS Code without touching your own. Builds and packages
// the linux-x64 VSIX, starts code-server on 127.0.0.1 (a free port) with the extension installed in
// throw-away folders (so the log starts empty), prints the URL and runs until Ctrl+C, which stops the
// server and deletes the folders.
// Flags: --no-package  reuse the newest dist-vsix/*linux-x64*.vsix
//        --folder <d>  open this folder instead of an empty scratch workspace
//        --keep        keep the throw-away folders (and so the log) after Ctrl+C; their path is printed
import { resolve } from 'node:path';
import { ensureProvisioned, findVsix, packageVsix, reexecWithNode24IfNeeded, startWithExtension, stopAll, workbenchUrl } from './vscode-host.mjs';

const argv = process.argv.slice(2);
const option = (name) => {
  const i = argv.indexOf(name);
  return i >= 0 ? argv[i + 1] : undefined;
};

async function main() {
  ensureProvisioned();
  await reexecWithNode24IfNeeded(import.meta.url);
  let vsix;
  if (argv.includes('--no-package')) {
    vsix = findVsix();
    if (!vsix) throw new Error('--no-package: no linux-x64 VSIX in dist-vsix/');
  } else {
    vsix = packageVsix('linux-x64');
  }
  const folder = option('--folder') ? resolve(option('--folder')) : undefined;
  const keep = argv.includes('--keep');
  const session = await startWithExtension({ vsix, folder, keep, testDriver: false });
  const url = workbenchUrl(session.server, { folder: folder ?? session.profile.workspace });
  console.log('');
  console.log(`Impact Log sandbox (code-server, ${vsix.split('/').pop()})`);
  console.log(`  open:      ${url}`);
  console.log(`  log file:  ${session.profile.globalStorage}/impact-log.sqlite (empty until you log something)`);
  console.log(`  server log: ${session.server.logFile}`);
  console.log(keep ? `  kept after Ctrl+C: ${session.profile.base}` : '  Ctrl+C stops the server and deletes these throw-away folders.');
  // Runs until a signal; vscode-host's signal handlers stop the server and clean up.
  await new Promise(() => {});
}

main().catch(async (err) => {
  console.error(err instanceof Error ? err.message : err);
  await stopAll();
  process.exit(1);
});
