// A small JSON reader that keeps the source position of every value, so data errors can point at a line.
import { error, type Diagnostic, type Span } from '../util/diagnostics.ts';

/** Parsed JSON with the span of every value, so data errors point at file, line and column. */
export type JsonNode =
  | { readonly kind: 'null'; readonly span: Span }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly span: Span }
  | { readonly kind: 'number'; readonly value: number; readonly span: Span }
  | { readonly kind: 'string'; readonly value: string; readonly span: Span }
  | { readonly kind: 'array'; readonly items: readonly JsonNode[]; readonly span: Span }
  | { readonly kind: 'object'; readonly entries: ReadonlyMap<string, { key: Span; value: JsonNode }>; readonly span: Span };

/** Parses JSON text; on a syntax error returns a diagnostic pointing at the offending character. */
export function parseJson(text: string, file: string): { node: JsonNode | null; diagnostics: Diagnostic[] } {
  const reader = new Reader(text, file);
  try {
    reader.skipByteOrderMark();
    reader.skipSpace();
    const node = reader.value(0);
    reader.skipSpace();
    if (reader.pos < text.length) reader.fail('unexpected text after the JSON value');
    return { node, diagnostics: [] };
  } catch (e) {
    if (e instanceof JsonSyntaxError) return { node: null, diagnostics: [error(e.code, e.message, e.span)] };
    throw e;
  }
}

class JsonSyntaxError extends Error {
  constructor(message: string, readonly span: Span, readonly code = 'json-syntax') {
    super(message);
  }
}

class Reader {
  pos = 0;
  private line = 1;
  private lineStart = 0;

  constructor(private readonly text: string, private readonly file: string) {}

  span(start: number, startLine: number, startCol: number): Span {
    return {
      file: this.file, line: startLine, column: startCol, offset: start,
      endLine: this.line, endColumn: this.pos - this.lineStart + 1, endOffset: this.pos,
    };
  }

  fail(message: string): never {
    const col = this.pos - this.lineStart + 1;
    throw new JsonSyntaxError(message, {
      file: this.file, line: this.line, column: col, offset: this.pos,
      endLine: this.line, endColumn: col + 1, endOffset: this.pos + 1,
    });
  }

  /** A UTF-8 byte-order mark some editors write is not part of the value (as in a .tpt file). */
  skipByteOrderMark(): void {
    if (this.text.charCodeAt(0) === 0xfeff) this.pos = this.lineStart = 1;
  }

  skipSpace(): void {
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '\n') {
        this.line++;
        this.lineStart = this.pos + 1;
      } else if (c !== ' ' && c !== '\t' && c !== '\r') break;
      this.pos++;
    }
  }

  value(depth: number): JsonNode {
    if (depth > 200) this.fail('JSON nested too deeply');
    const start = this.pos;
    const line = this.line;
    const col = this.pos - this.lineStart + 1;
    const c = this.text[this.pos];
    if (c === '{') return this.object(depth, start, line, col);
    if (c === '[') {
      this.pos++;
      const items: JsonNode[] = [];
      this.skipSpace();
      if (this.text[this.pos] === ']') this.pos++;
      else {
        for (;;) {
          this.skipSpace();
          items.push(this.value(depth + 1));
          this.skipSpace();
          const d = this.text[this.pos++];
          if (d === ']') break;
          if (d !== ',') this.back("expected ',' or ']' in an array");
        }
      }
      return { kind: 'array', items, span: this.span(start, line, col) };
    }
    if (c === '"') return { kind: 'string', value: this.string(), span: this.span(start, line, col) };
    for (const [word, node] of [['null', null], ['true', true], ['false', false]] as const) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        const span = this.span(start, line, col);
        return node === null ? { kind: 'null', span } : { kind: 'boolean', value: node, span };
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(this.text.slice(this.pos, this.pos + 400));
    if (!m) this.fail(c === undefined ? 'unexpected end of the file' : `unexpected character '${c}'`);
    this.pos += m[0].length;
    return { kind: 'number', value: Number(m[0]), span: this.span(start, line, col) };
  }

  private back(message: string): never {
    this.pos--;
    return this.fail(message);
  }

  private object(depth: number, start: number, line: number, col: number): JsonNode {
    this.pos++;
    const entries = new Map<string, { key: Span; value: JsonNode }>();
    this.skipSpace();
    if (this.text[this.pos] === '}') this.pos++;
    else {
      for (;;) {
        this.skipSpace();
        if (this.text[this.pos] !== '"') this.fail('expected a quoted key');
        const kStart = this.pos;
        const kLine = this.line;
        const kCol = this.pos - this.lineStart + 1;
        const key = this.string();
        const keySpan = this.span(kStart, kLine, kCol);
        const earlier = entries.get(key);
        if (earlier) {
          const message = `the key "${key}" appears twice in this object (first on line ${earlier.key.line}); JSON readers disagree on which wins`;
          throw new JsonSyntaxError(message, keySpan, 'duplicate-key');
        }
        this.skipSpace();
        if (this.text[this.pos++] !== ':') this.back("expected ':' after a key");
        this.skipSpace();
        entries.set(key, { key: keySpan, value: this.value(depth + 1) });
        this.skipSpace();
        const d = this.text[this.pos++];
        if (d === '}') break;
        if (d !== ',') this.back("expected ',' or '}' in an object");
      }
    }
    return { kind: 'object', entries, span: this.span(start, line, col) };
  }

  private string(): string {
    this.pos++;
    let out = '';
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined || c === '\n') this.fail('unterminated string');
      this.pos++;
      if (c === '"') return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = this.text[this.pos++];
      const simple: Record<string, string> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
      if (e !== undefined && simple[e] !== undefined) out += simple[e];
      else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos, this.pos + 4))) {
        out += String.fromCharCode(parseInt(this.text.slice(this.pos, this.pos + 4), 16));
        this.pos += 4;
      } else this.back('invalid escape in a string');
    }
  }
}

/** Converts a node back to a plain value (for reporting). */
export function toPlain(node: JsonNode): unknown {
  switch (node.kind) {
    case 'array': return node.items.map(toPlain);
    case 'object': return Object.fromEntries([...node.entries].map(([k, v]) => [k, toPlain(v.value)]));
    case 'null': return null;
    default: return node.value;
  }
}
