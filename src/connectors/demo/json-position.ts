// Finds where a JSON text stops being valid, as a 1-based line and column. Node's JSON.parse
// messages only sometimes carry a position (and never a line), so this walks the text itself.
// It only locates the first syntax error; it does not build values.

export interface JsonErrorLocation {
  offset: number;
  line: number;
  column: number;
}

class Stop extends Error {
  constructor(readonly offset: number) {
    super('stop');
  }
}

/** The location of the first syntax error, or null when the text is valid JSON. */
export function locateJsonError(text: string): JsonErrorLocation | null {
  const scanner = new Scanner(text);
  try {
    scanner.skipSpace();
    scanner.value();
    scanner.skipSpace();
    if (scanner.pos < text.length) throw new Stop(scanner.pos);
    return null;
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
    return toLineColumn(text, error.offset);
  }
}

export function toLineColumn(text: string, offset: number): JsonErrorLocation {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - (before.lastIndexOf('\n') + 1) + 1;
  return { offset, line, column };
}

const STRING = /"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/y;
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

class Scanner {
  pos = 0;
  constructor(private readonly text: string) {}

  skipSpace(): void {
    while (/[ \t\r\n]/.test(this.text[this.pos] ?? '')) this.pos += 1;
  }

  value(): void {
    const char = this.text[this.pos];
    if (char === '{') this.container('}', () => this.member());
    else if (char === '[') this.container(']', () => this.value());
    else if (char === '"') this.string();
    else if (char !== undefined && /[-0-9]/.test(char)) this.number();
    else this.literal();
  }

  private container(close: string, item: () => void): void {
    this.pos += 1;
    this.skipSpace();
    if (this.text[this.pos] === close) {
      this.pos += 1;
      return;
    }
    for (;;) {
      item();
      this.skipSpace();
      const char = this.text[this.pos];
      if (char === close) {
        this.pos += 1;
        return;
      }
      if (char !== ',') throw new Stop(this.pos);
      this.pos += 1;
      this.skipSpace();
    }
  }

  private member(): void {
    if (this.text[this.pos] !== '"') throw new Stop(this.pos);
    this.string();
    this.skipSpace();
    if (this.text[this.pos] !== ':') throw new Stop(this.pos);
    this.pos += 1;
    this.skipSpace();
    this.value();
  }

  private string(): void {
    this.pos = this.sticky(STRING) ?? this.fail(this.findStringError());
  }

  /** Where inside a broken string it breaks: a control character, a bad escape, or the end. */
  private findStringError(): number {
    let at = this.pos + 1;
    while (at < this.text.length) {
      const char = this.text[at] ?? '';
      if (char === '"') return at;
      if (char < ' ') return at;
      if (char === '\\') {
        if (!/^\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(this.text.slice(at, at + 6))) return at;
        at += this.text[at + 1] === 'u' ? 6 : 2;
      } else at += 1;
    }
    return this.text.length;
  }

  private number(): void {
    this.pos = this.sticky(NUMBER) ?? this.fail(this.pos);
  }

  /** The end of the match of a sticky pattern at the current position, or null. */
  private sticky(pattern: RegExp): number | null {
    pattern.lastIndex = this.pos;
    return pattern.exec(this.text) === null ? null : pattern.lastIndex;
  }

  private fail(offset: number): never {
    throw new Stop(offset);
  }

  private literal(): void {
    for (const word of ['true', 'false', 'null']) {
      if (this.text.startsWith(word, this.pos)) {
        this.pos += word.length;
        return;
      }
    }
    throw new Stop(this.pos);
  }
}
