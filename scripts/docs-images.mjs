// `node scripts/docs-images.mjs`: refreshes the README's screenshots (docs/images/*.png) from the
// screenshots the browser journeys take of the real workbench. Run the journeys first:
//   node scripts/test-vscode.mjs --e2e        # writes test-output/e2e/<journey>--<screenshot>.png
//   node scripts/docs-images.mjs              # copies the ones below to docs/images/, then review and commit
//   node scripts/docs-images.mjs palette.png  # only those named
// A journey names its screenshots after the test (the end state, test/e2e/workbench.ts captureEndState)
// or explicitly (`w.screenshot('mid-flow: …')`). Nothing is copied unless every source exists.
import { copyFileSync, existsSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = new URL('..', import.meta.url).pathname;
const FROM = join(ROOT, 'test-output', 'e2e');
const TO = join(ROOT, 'docs', 'images');

/** README image -> [journey name (useWorkbench), screenshot name (a test title or w.screenshot's name)]. */
const IMAGES = {
  'palette.png': ['quick-log', 'mid-flow: the kind pick list'],
  'timeline.png': ['timeline', 'shows two entries logged from the command palette under "Today", newest first, with kind and description'],
  'entry.png': ['entry-view', 'logs a note, then Enter on its timeline row shows the entry with its actions'],
  'summary.png': ['export-summary', 'logs a problem, then exports "This quarter": the summary lists it'],
  'high-contrast-timeline.png': ['high-contrast', 'the entry found by keyboard in high contrast'],
};

/** The same file naming as test/e2e/workbench.ts. */
const slug = (s) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/** Width and height from a PNG's IHDR chunk; throws when the file is not a PNG. */
function pngSize(path) {
  const b = readFileSync(path);
  if (b.length < 24 || b.toString('latin1', 1, 4) !== 'PNG') throw new Error(`${path} is not a PNG`);
  return { width: b.readUInt32BE(16), height: b.readUInt32BE(20) };
}

const only = process.argv.slice(2);
for (const name of only) {
  if (!(name in IMAGES)) {
    console.error(`unknown image ${name}; one of ${Object.keys(IMAGES).join(', ')}`);
    process.exit(1);
  }
}
const plan = Object.entries(IMAGES).filter(([image]) => only.length === 0 || only.includes(image)).map(([image, [journey, shot]]) => ({
  from: join(FROM, `${slug(journey)}--${slug(shot)}.png`),
  to: join(TO, image),
}));
const missing = plan.filter((p) => !existsSync(p.from));
if (missing.length > 0) {
  for (const p of missing) console.error(`missing ${relative(ROOT, p.from)}`);
  console.error('Run the browser journeys first: node scripts/test-vscode.mjs --e2e (nothing was copied)');
  process.exit(1);
}
for (const p of plan) {
  const { width, height } = pngSize(p.from);
  copyFileSync(p.from, p.to);
  const taken = statSync(p.from).mtime.toISOString().slice(0, 16).replace('T', ' ');
  console.log(`${relative(ROOT, p.to)}  ${width}x${height}, ${statSync(p.to).size} bytes  <- ${relative(ROOT, p.from)} (taken ${taken})`);
}
