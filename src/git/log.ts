import { StringDecoder } from 'node:string_decoder';

/**
 * Reading `git log` output as a stream. The format separates every field with NUL (`-z`), which
 * no commit message or path can contain, so any text in a message (quotes, newlines, non-UTF-8
 * bytes, which become U+FFFD) parses the same. Each commit is announced by a marker token; after
 * its fixed fields come the paths it touched (`--name-only`), the first one after a newline.
 * A message longer than MESSAGE_MAX bytes is cut there (a 10 MB message costs no more memory
 * than that), and so are absurdly many or long paths.
 */

export interface Commit {
  readonly sha: string;
  readonly parents: readonly string[];
  readonly authorEmail: string;
  /** Committer time, epoch ms: when the change landed on the branch (the merge or squash time). */
  readonly time: number;
  /** The ref the commit was reached from (`--source`), e.g. `refs/heads/feature` or `feature`. */
  readonly source: string;
  readonly subject: string;
  /** The message after the subject line (trimmed), cut at MESSAGE_MAX. */
  readonly body: string;
  readonly truncated: boolean;
  readonly files: readonly string[];
}

const MARKER = '\x1eIMPACTLOG';
/** `%x1e` then a word, so the marker is one token no path or message field equals in practice. */
export const LOG_FORMAT = '%x1eIMPACTLOG%x00%H%x00%P%x00%ae%x00%ct%x00%S%x00%B';
const HEADER_FIELDS = 7;

export const MESSAGE_MAX = 64 * 1024;
const PATH_MAX = 4096;
const FILES_MAX = 2000;

/**
 * Splits a byte stream on NUL; each token is cut at `cap(index)` bytes (the rest is skipped, not
 * kept). A token that lies inside one chunk is handed over as a view of the chunk (no copy: the
 * callback decodes it at once); only one that spans chunks is copied together.
 */
export class NulTokenizer {
  private parts: Buffer[] = [];
  private size = 0;
  private cut = false;

  constructor(
    private readonly onToken: (token: Buffer, truncated: boolean) => void,
    private readonly cap: () => number,
  ) {}

  push(chunk: Buffer): void {
    let start = 0;
    for (;;) {
      const nul = chunk.indexOf(0, start);
      const end = nul === -1 ? chunk.length : nul;
      if (nul !== -1 && this.parts.length === 0 && !this.cut && end - start <= this.cap()) {
        // The whole token is in this chunk, within its cap: the common case.
        this.onToken(chunk.subarray(start, end), false);
        start = nul + 1;
        continue;
      }
      this.take(chunk.subarray(start, end));
      if (nul === -1) return;
      this.emit();
      start = nul + 1;
    }
  }

  /** The last token (output that does not end with NUL). */
  end(): void {
    if (this.size > 0 || this.parts.length > 0) this.emit();
  }

  private take(bytes: Buffer): void {
    if (bytes.length === 0) return;
    const room = this.cap() - this.size;
    if (room <= 0) {
      this.cut = true;
      return;
    }
    const kept = bytes.length > room ? bytes.subarray(0, room) : bytes;
    if (kept.length < bytes.length) this.cut = true;
    // Copied: the chunk's buffer may be reused by the stream.
    this.parts.push(Buffer.from(kept));
    this.size += kept.length;
  }

  private emit(): void {
    const token = this.parts.length === 1 ? this.parts[0]! : Buffer.concat(this.parts);
    const cut = this.cut;
    this.parts = [];
    this.size = 0;
    this.cut = false;
    this.onToken(token, cut);
  }
}

/**
 * Text of a token: UTF-8, with invalid bytes as U+FFFD (never throws). In a token that was cut, a
 * sequence split by the cut is dropped (the decoder holds it back) rather than shown as U+FFFD.
 */
function text(b: Buffer, cut: boolean): string {
  return cut ? new StringDecoder('utf8').write(b) : b.toString('utf8');
}

/**
 * Parses streamed `git log -z --name-only --format=LOG_FORMAT` output; calls `onCommit` for each
 * commit as soon as it is complete. Feed it with `push`, finish with `end`.
 */
export class LogParser {
  private fields: string[] = [];
  private truncated = false;
  private files: string[] = [];
  private inCommit = false;
  private readonly tokens: NulTokenizer;

  constructor(private readonly onCommit: (c: Commit) => void) {
    this.tokens = new NulTokenizer(
      (t, cut) => this.token(t, cut),
      () => (this.inCommit && this.fields.length === HEADER_FIELDS - 1 ? MESSAGE_MAX : PATH_MAX),
    );
  }

  push(chunk: Buffer): void {
    this.tokens.push(chunk);
  }

  end(): void {
    this.tokens.end();
    this.flush();
  }

  private token(raw: Buffer, cut: boolean): void {
    const t = text(raw, cut);
    if (t === MARKER || t === `\n${MARKER}`) {
      this.flush();
      this.inCommit = true;
      this.fields = [MARKER];
      return;
    }
    if (!this.inCommit) return;
    if (this.fields.length < HEADER_FIELDS) {
      this.fields.push(t);
      if (this.fields.length === HEADER_FIELDS) this.truncated = cut;
      return;
    }
    const path = this.files.length === 0 ? t.replace(/^\n/, '') : t;
    if (path !== '' && !cut && this.files.length < FILES_MAX) this.files.push(path);
  }

  private flush(): void {
    if (!this.inCommit) return;
    this.inCommit = false;
    const [, sha = '', parents = '', email = '', ct = '', source = '', message = ''] = this.fields;
    const files = this.files;
    this.fields = [];
    this.files = [];
    if (!/^[0-9a-f]{7,64}$/.test(sha)) return;
    const nl = message.indexOf('\n');
    const subject = (nl === -1 ? message : message.slice(0, nl)).trim();
    const body = nl === -1 ? '' : message.slice(nl + 1).trim();
    this.onCommit({
      sha,
      parents: parents.split(' ').filter((p) => p !== ''),
      authorEmail: email.trim().toLowerCase(),
      time: Number(ct) * 1000,
      source: source.replace(/^refs\/heads\//, ''),
      subject,
      body,
      truncated: this.truncated,
      files,
    });
  }
}

/** Parses a whole recorded `git log` output (tests, fixtures). */
export function parseLog(output: Buffer | string): Commit[] {
  const out: Commit[] = [];
  const p = new LogParser((c) => out.push(c));
  p.push(typeof output === 'string' ? Buffer.from(output, 'utf8') : output);
  p.end();
  return out;
}

export interface LogQuery {
  /** [from, to) epoch ms, on committer time. */
  readonly from: number;
  readonly to: number;
  /** Author emails (any of them); matched by git as a fixed, case-insensitive substring and then exactly here. */
  readonly emails: readonly string[];
  /** Also read HEAD (detached HEAD, or a repository whose branch has no name yet). */
  readonly includeHead: boolean;
}

/** The `git log` arguments for a query: every local branch, the user's commits in the period, no diffs but the paths. */
export function logArgs(q: LogQuery): string[] {
  const since = Math.floor(q.from / 1000);
  // --until is inclusive; a commit at exactly `to` belongs to the next period.
  const until = Math.ceil(q.to / 1000) - 1;
  return [
    'log',
    '-z',
    '--no-color',
    '--no-ext-diff',
    '--no-textconv',
    '--no-renames',
    '--name-only',
    '--source',
    `--format=${LOG_FORMAT}`,
    // git reads `@N` as a Unix time only from 100000000 on (smaller numbers are taken as other
    // date forms): an earlier start is left out (the reader checks every commit's time anyway).
    ...(since >= 100_000_000 ? [`--since=@${since}`] : []),
    `--until=@${Math.max(until, 100_000_000)}`,
    '--fixed-strings',
    '--regexp-ignore-case',
    ...q.emails.map((e) => `--author=${e}`),
    '--branches',
    ...(q.includeHead ? ['HEAD'] : []),
    '--',
  ];
}
