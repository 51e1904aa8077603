/**
 * Where things are in JSON text: the line/column of a character offset, and the offset of the
 * value at a JSON path. A small scanner over already-valid JSON, so diagnostics about a
 * design file can say `design.json:42:` instead of only `hosts[0].devices[3].name`.
 */

/** 1-based line and column of a character offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), text.length);
  for (let i = 0; i < end; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}

/**
 * Offsets of every value in a JSON text keyed by path (`hosts[0].devices[3].name`; the root
 * is `''`). For an object member the offset is that of its key, which is what a reader looks
 * for. Returns an empty map if the text is not valid JSON.
 */
export function jsonPathOffsets(text: string): Map<string, number> {
  const out = new Map<string, number>();
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i])) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: string, at: number): void => {
    ws();
    if (!out.has(path)) out.set(path, at < 0 ? i : at);
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        const keyAt = i;
        const key = str();
        ws();
        i++; // ':'
        value(path === '' ? key : `${path}.${key}`, keyAt);
        ws();
        if (text[i++] !== ',') return;
      }
    } else if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') { i++; return; }
      for (let n = 0; ; n++) {
        value(`${path}[${n}]`, -1);
        ws();
        if (text[i++] !== ',') return;
      }
    } else if (c === '"') {
      str();
    } else {
      while (i < text.length && !',]} \t\r\n'.includes(text[i])) i++;
    }
  };
  try {
    value('', -1);
  } catch {
    return new Map();
  }
  return out;
}

/** `['hosts', 0, 'name']` → `hosts[0].name`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let s = '';
  for (const p of path) {
    if (typeof p === 'number') s += `[${p}]`;
    else s += s === '' ? String(p) : `.${String(p)}`;
  }
  return s;
}
