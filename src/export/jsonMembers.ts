import { createReadStream } from 'node:fs';

/**
 * Reads a JSON file whose top level is an object, one member at a time, without holding the file
 * in memory: the members named in `arrays` are read one element at a time, every other member as
 * one value. Only the boundaries of values are found here (strings with their escapes, nested
 * brackets, the commas and colons between members and elements): every value is handed to V8's
 * `JSON.parse`, which parses and checks it. That is ~10x less work per entry than a tokenizer
 * written in JavaScript (stream-json took 34 µs an entry, 68 s for the two passes of a
 * 1,000,000-entry import, more than the whole import's budget; this takes ~4 µs plus the parse).
 *
 * UTF-8 is scanned as bytes: every byte of a multi-byte character is ≥ 0x80, so none can be taken
 * for a quote, a backslash or a bracket, and a character split across two reads is joined before
 * it is decoded.
 */

export type MemberEvent =
  /** A member that is not one of the arrays (or one of them that is not an array): its whole value. */
  | { readonly kind: 'member'; readonly key: string; readonly value: unknown }
  /** One of the arrays begins. */
  | { readonly kind: 'array'; readonly key: string }
  /** One element of one of the arrays, with its index. */
  | { readonly kind: 'element'; readonly key: string; readonly index: number; readonly value: unknown };

/** The file's top level is not an object. */
export class NotAnObjectError extends Error {
  override readonly name = 'NotAnObjectError';
}

/** The file is not JSON: where (the byte offset), and JSON.parse's own words when it has them. */
export class JsonShapeError extends Error {
  override readonly name = 'JsonShapeError';
  constructor(
    readonly offset: number,
    readonly detail?: string,
  ) {
    super(detail);
  }
}

/** JSON.parse's words for `text`, which is not JSON (or, when it is, for an empty text: the end came too soon). */
function parseProblem(text: string): string {
  for (const t of [text, '']) {
    try {
      JSON.parse(t);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }
  return '';
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

type State =
  | 'start' // before the top-level '{'
  | 'key-or-end' // after '{': a key or '}'
  | 'key' // after ',': a key
  | 'colon' // after a key
  | 'value' // after ':'
  | 'after-value' // after a member's value: ',' or '}'
  | 'element-or-end' // after '[': an element or ']'
  | 'element' // after ',' in an array
  | 'after-element' // after an element: ',' or ']'
  | 'done'; // after the top-level '}': only white space

/**
 * The splitter proper, fed buffer by buffer (`push`), then `end()`. Each call returns the events
 * of what it completed, in order. Exported for tests; files go through `readMembers`.
 */
export class MemberSplitter {
  private state: State = 'start';
  /** Bytes consumed before the current buffer. */
  private base = 0;
  private key = '';
  private inArray: string | undefined;
  private index = 0;
  // The value being read: what it is, its pieces from earlier buffers, where it starts in this one.
  private reading: 'none' | 'string' | 'nested' | 'scalar' = 'none';
  private target: 'key' | 'value' | 'element' = 'value';
  private pieces: Buffer[] = [];
  private segmentStart = 0;
  private startOffset = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  // The next backslash at or after the scan position in the current buffer (found once per stretch, not per string).
  private buf: Buffer = Buffer.alloc(0);
  private nextBackslash = -1;

  constructor(private readonly arrays: ReadonlySet<string>) {}

  push(buf: Buffer): MemberEvent[] {
    const out: MemberEvent[] = [];
    const n = buf.length;
    this.buf = buf;
    this.nextBackslash = -1;
    let i = 0;
    if (this.reading !== 'none') this.segmentStart = 0;
    while (i < n) {
      if (this.reading !== 'none') {
        const end = this.scan(i);
        if (end < 0) break;
        const text = this.pieces.length === 0 ? buf.toString('utf8', this.segmentStart, end) : Buffer.concat([...this.pieces, buf.subarray(0, end)]).toString('utf8');
        this.pieces = [];
        this.reading = 'none';
        this.finishValue(text, out);
        i = end;
        continue;
      }
      const c = buf[i]!;
      if (isSpace(c)) {
        i++;
        continue;
      }
      switch (this.state) {
        case 'start':
          if (c !== OPEN_BRACE) throw new NotAnObjectError();
          this.state = 'key-or-end';
          i++;
          break;
        case 'key-or-end':
        case 'key':
          if (c === CLOSE_BRACE && this.state === 'key-or-end') {
            this.state = 'done';
            i++;
          } else if (c === QUOTE) i = this.begin('key', i);
          else this.fail(i);
          break;
        case 'colon':
          if (c !== COLON) this.fail(i);
          this.state = 'value';
          i++;
          break;
        case 'value':
          if (c === OPEN_BRACKET && this.arrays.has(this.key)) {
            this.inArray = this.key;
            this.index = 0;
            out.push({ kind: 'array', key: this.key });
            this.state = 'element-or-end';
            i++;
          } else i = this.begin('value', i);
          break;
        case 'after-value':
          if (c === COMMA) this.state = 'key';
          else if (c === CLOSE_BRACE) this.state = 'done';
          else this.fail(i);
          i++;
          break;
        case 'element-or-end':
        case 'element':
          if (c === CLOSE_BRACKET && this.state === 'element-or-end') {
            this.inArray = undefined;
            this.state = 'after-value';
            i++;
          } else i = this.begin('element', i);
          break;
        case 'after-element':
          if (c === COMMA) this.state = 'element';
          else if (c === CLOSE_BRACKET) {
            this.inArray = undefined;
            this.state = 'after-value';
          } else this.fail(i);
          i++;
          break;
        case 'done':
          this.fail(i);
      }
    }
    // A value that goes on in the next buffer: keep this buffer's part of it.
    if (this.reading !== 'none') this.pieces.push(buf.subarray(this.segmentStart));
    this.base += n;
    return out;
  }

  /** The end of the file: anything unfinished is an error. */
  end(): MemberEvent[] {
    if (this.state !== 'done' || this.reading !== 'none') throw new JsonShapeError(this.base, parseProblem(Buffer.concat(this.pieces).toString('utf8')));
    return [];
  }

  private fail(i: number): never {
    throw new JsonShapeError(this.base + i);
  }

  /** Starts reading a value at `i`; returns where the scan goes on. */
  private begin(target: 'key' | 'value' | 'element', i: number): number {
    const c = this.buf[i]!;
    this.target = target;
    this.pieces = [];
    this.segmentStart = i;
    this.startOffset = this.base + i;
    this.escaped = false;
    if (c === QUOTE) {
      this.reading = 'string';
      this.inString = true;
      return i + 1;
    }
    this.inString = false;
    if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      this.reading = 'nested';
      this.depth = 1;
      return i + 1;
    }
    this.reading = 'scalar';
    return i;
  }

  private backslashFrom(i: number): number {
    if (this.nextBackslash < i) {
      const b = this.buf.indexOf(BACKSLASH, i);
      this.nextBackslash = b === -1 ? this.buf.length : b;
    }
    return this.nextBackslash;
  }

  /** Scans the value from `i`: the index just past its end, or -1 when it goes on past this buffer. */
  private scan(i: number): number {
    const buf = this.buf;
    const n = buf.length;
    if (this.reading === 'scalar') {
      for (; i < n; i++) {
        const c = buf[i]!;
        if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isSpace(c)) return i;
      }
      return -1;
    }
    while (i < n) {
      if (this.inString) {
        if (this.escaped) {
          this.escaped = false;
          i++;
          continue;
        }
        const q = buf.indexOf(QUOTE, i);
        const b = this.backslashFrom(i);
        if (b < n && (q === -1 || b < q)) {
          // An escape before the next quote: skip it and the character it escapes.
          if (b + 1 >= n) {
            this.escaped = true;
            return -1;
          }
          i = b + 2;
          continue;
        }
        if (q === -1) return -1;
        this.inString = false;
        i = q + 1;
        if (this.reading === 'string') return i;
        continue;
      }
      const c = buf[i]!;
      if (c === QUOTE) this.inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) this.depth++;
      else if ((c === CLOSE_BRACE || c === CLOSE_BRACKET) && --this.depth === 0) return i + 1;
      i++;
    }
    return -1;
  }

  private finishValue(text: string, out: MemberEvent[]): void {
    let value: unknown;
    try {
      value = JSON.parse(text) as unknown;
    } catch {
      throw new JsonShapeError(this.startOffset, parseProblem(text));
    }
    if (this.target === 'key') {
      if (typeof value !== 'string') throw new JsonShapeError(this.startOffset);
      this.key = value;
      this.state = 'colon';
    } else if (this.target === 'value') {
      out.push({ kind: 'member', key: this.key, value });
      this.state = 'after-value';
    } else {
      out.push({ kind: 'element', key: this.inArray!, index: this.index++, value });
      this.state = 'after-element';
    }
  }
}

/**
 * Streams the file at `path` through a MemberSplitter: `visit` is called for each event and awaited
 * (so a slow consumer holds the reading back); `onBytes` after each read with the bytes read so far.
 */
export async function readMembers(path: string, arrays: ReadonlySet<string>, visit: (e: MemberEvent) => void | Promise<void>, onBytes?: (bytes: number) => void): Promise<void> {
  const splitter = new MemberSplitter(arrays);
  let bytes = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 })) {
    const buf = chunk as Buffer;
    bytes += buf.length;
    for (const e of splitter.push(buf)) {
      const p = visit(e);
      if (p) await p;
    }
    onBytes?.(bytes);
  }
  for (const e of splitter.end()) await visit(e);
}
