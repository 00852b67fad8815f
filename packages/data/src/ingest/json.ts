import { createReadStream } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';
import Assembler from 'stream-json/assembler.js';
import { jsonParser, type Token } from 'stream-json/parser.js';
import { AccelganError } from '../errors.js';

/**
 * Streams the event objects of an OSDB JSON file, one at a time, so that memory
 * holds one event however large the file. Accepted shapes:
 *
 * - an array of events (the published database files);
 * - an object whose `events` member is an array of events (other members ignored);
 * - a single event object (any object without an `events` array).
 *
 * stream-json's tokenizer is driven directly, chunk by chunk, rather than through
 * its Node stream wrappers: those cost an async hop per token and ran about four
 * times slower on OSDB files. Chunks of 64 KB were the fastest in that measurement.
 */
export async function* readJsonEvents(path: string): AsyncGenerator<unknown, void, undefined> {
  const tokenizer = jsonParser({ streamValues: false });
  const decoder = new StringDecoder('utf8');
  const walker = new EventWalker(path);
  let first = true;
  try {
    for await (const chunk of createReadStream(path, { highWaterMark: 64 * 1024 })) {
      const text = decoder.write(chunk as Buffer);
      walker.consume(tokensOf(tokenizer(first ? stripBom(text) : text)));
      first = false;
      yield* walker.take();
    }
    walker.consume(tokensOf(tokenizer(decoder.end())));
    walker.consume(tokensOf((tokenizer as unknown as (end: symbol) => unknown)(NONE)));
  } catch (error) {
    throw asReadError(path, error);
  }
  walker.finish();
  yield* walker.take();
}

/**
 * stream-chain's end-of-input marker: a registered symbol, so it can be named here
 * without depending on stream-chain. Passing it flushes the tokenizer, which is what
 * reports a truncated file.
 */
const NONE = Symbol.for('object-stream.none');

type TokenizerOutput = { readonly values: readonly Token[] } | typeof NONE;

function tokensOf(output: unknown): readonly Token[] {
  return output === NONE ? [] : (output as Exclude<TokenizerOutput, typeof NONE>).values;
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Where the walker is in the document's top-level structure. */
type State = 'start' | 'array' | 'object' | 'eventsKey' | 'eventsArray' | 'end';

/**
 * Follows the top level of the document and assembles each event (or top-level
 * member) with stream-json's Assembler, handing finished events out in order.
 */
class EventWalker {
  private state: State = 'start';
  private assembler: Assembler | undefined;
  private assembling: ((value: unknown) => void) | undefined;
  private readonly ready: unknown[] = [];
  private readonly header: Record<string, unknown> = {};
  private sawEvents = false;

  constructor(private readonly path: string) {}

  consume(tokens: readonly Token[]): void {
    for (const token of tokens) {
      if (this.assembler) {
        this.assembler.consume(token);
        if (this.assembler.done) this.deliver(this.assembler.current);
        continue;
      }
      this.step(token);
    }
  }

  take(): unknown[] {
    return this.ready.splice(0);
  }

  finish(): void {
    if (this.state !== 'end') throw new AccelganError(`${this.path}: JSON ends early (truncated file?)`);
  }

  private step(token: Token): void {
    switch (this.state) {
      case 'start':
        if (token.name === 'startArray') this.state = 'array';
        else if (token.name === 'startObject') this.state = 'object';
        else
          throw new AccelganError(
            `${this.path}: expected an array of OSDB events or an event object, found a ${describe(token)}`,
          );
        return;
      case 'array':
      case 'eventsArray':
        if (token.name === 'endArray') this.state = this.state === 'array' ? 'end' : 'object';
        else this.assemble(token, (value) => this.ready.push(value));
        return;
      case 'object':
        if (token.name === 'keyValue') {
          const key = token.value;
          if (key === 'events') this.state = 'eventsKey';
          else this.assemble(undefined, (value) => (this.header[key] = value));
        } else if (token.name === 'endObject') {
          this.state = 'end';
          if (!this.sawEvents) this.ready.push(this.header);
        }
        return;
      case 'eventsKey':
        if (token.name === 'startArray') {
          this.sawEvents = true;
          this.state = 'eventsArray';
        } else {
          this.state = 'object';
          this.assemble(token, (value) => (this.header.events = value));
        }
        return;
      case 'end':
        return;
    }
  }

  /** Starts assembling one value, with `first` as its first token if already read. */
  private assemble(first: Token | undefined, onValue: (value: unknown) => void): void {
    this.assembler = new Assembler();
    this.assembling = onValue;
    if (first) {
      this.assembler.consume(first);
      if (this.assembler.done) this.deliver(this.assembler.current);
    }
  }

  private deliver(value: unknown): void {
    const onValue = this.assembling!;
    this.assembler = undefined;
    this.assembling = undefined;
    onValue(value);
  }
}

function describe(token: Token): string {
  switch (token.name) {
    case 'stringValue':
      return 'string';
    case 'numberValue':
      return 'number';
    case 'trueValue':
    case 'falseValue':
      return 'boolean';
    case 'nullValue':
      return 'null';
    default:
      return token.name;
  }
}

/** One line for a user: a missing file, a directory, or JSON that does not parse. */
function asReadError(path: string, error: unknown): Error {
  if (error instanceof AccelganError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return new AccelganError(`${path}: no such file`);
  if (code === 'EISDIR') return new AccelganError(`${path}: is a directory, not a file`);
  if (code === 'EACCES') return new AccelganError(`${path}: permission denied`);
  const message = error instanceof Error ? error.message : String(error);
  if (/^Parser /.test(message))
    return new AccelganError(
      `${path}: not valid JSON (${message.replace(/^Parser (has |cannot parse input: )?/, '')})`,
    );
  return error instanceof Error ? error : new Error(message);
}
