import assert from 'node:assert/strict';
import { LogParser, logArgs, MESSAGE_MAX, parseLog } from '../../../src/git';

/** The streamed `git log -z` parser: split chunks, huge and non-UTF-8 messages, odd paths. */
const SHA = 'a'.repeat(40);
const P = 'b'.repeat(40);
function record(message: Buffer | string, files: string[] = []): Buffer {
  const head = Buffer.from(`\x1eIMPACTLOG\0${SHA}\0${P}\0Me@Example.com\0 1700000000\0refs/heads/main\0`, 'utf8');
  const tail = files.length > 0 ? Buffer.from(`\0\n${files.join('\0')}\0`, 'utf8') : Buffer.from('\0');
  return Buffer.concat([head, typeof message === 'string' ? Buffer.from(message) : message, tail]);
}

describe('git log parsing', () => {
  it('reads a commit whatever the chunk boundaries (one byte at a time too)', () => {
    const bytes = Buffer.concat([record('feat: x\n\nbody "quoted" \x1e line', ['a b.ts', 'dir/ü.ts']), record('second')]);
    const whole = parseLog(bytes);
    const out: unknown[] = [];
    const p = new LogParser((c) => out.push(c));
    for (let i = 0; i < bytes.length; i++) p.push(bytes.subarray(i, i + 1));
    p.end();
    assert.deepEqual(out, whole);
    assert.equal(whole.length, 2);
    assert.deepEqual(whole[0], {
      sha: SHA, parents: [P], authorEmail: 'me@example.com', time: 1_700_000_000_000, source: 'main',
      subject: 'feat: x', body: 'body "quoted" \x1e line', truncated: false, files: ['a b.ts', 'dir/ü.ts'],
    });
  });

  it('cuts a 10 MB message at 64 KB and says so, and still reads the files after it', () => {
    const big = `big subject\n\n${'x'.repeat(10 * 1024 * 1024)}`;
    const before = process.memoryUsage().arrayBuffers;
    const [c] = parseLog(record(big, ['after.ts']));
    assert.ok(c);
    assert.equal(c.truncated, true);
    assert.equal(c.subject, 'big subject');
    assert.ok(c.body.length <= MESSAGE_MAX);
    assert.deepEqual(c.files, ['after.ts']);
    assert.ok(before > 0);
  });

  it('tolerates a message that is not UTF-8 (Latin-1 bytes become U+FFFD)', () => {
    const [c] = parseLog(record(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x66, 0x69, 0x78])));
    assert.equal(c!.subject, 'caf\ufffd fix');
  });

  it('skips a record without a valid sha instead of failing', () => {
    assert.deepEqual(parseLog('\x1eIMPACTLOG\0not-a-sha\0\0a@b\0 1\0main\0msg\0'), []);
  });
});

describe('git log arguments', () => {
  it('leaves out a start before 1973: git reads a small @N as another date form and would find nothing', () => {
    const args = logArgs({ from: 0, to: Date.UTC(2026, 0, 1), emails: ['me@example.com'], includeHead: false });
    assert.ok(!args.some((a) => a.startsWith('--since')));
    assert.ok(args.includes(`--until=@${Date.UTC(2026, 0, 1) / 1000 - 1}`));
    assert.ok(logArgs({ from: Date.UTC(2026, 0, 1), to: Date.UTC(2026, 1, 1), emails: [], includeHead: true }).includes(`--since=@${Date.UTC(2026, 0, 1) / 1000}`));
  });
});
