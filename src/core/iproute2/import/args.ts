/** Argument helpers shared by the command families, following iproute2's own conventions. */

/** iproute2 `matches()`: `word` is a non-empty prefix of `keyword` (so `a` means `add`). */
export function matches(word: string | undefined, keyword: string): boolean {
  return word !== undefined && word.length > 0 && keyword.startsWith(word);
}

/** A cursor over a command's arguments. */
export class Args {
  i = 0;
  constructor(readonly argv: string[]) {}

  get done(): boolean {
    return this.i >= this.argv.length;
  }

  peek(k = 0): string | undefined {
    return this.argv[this.i + k];
  }

  next(): string | undefined {
    return this.argv[this.i++];
  }

  rest(): string[] {
    const r = this.argv.slice(this.i);
    this.i = this.argv.length;
    return r;
  }
}

/** `on`/`off`/`1`/`0` → boolean, or undefined if neither. */
export function onOff(v: string | undefined): boolean | undefined {
  if (v === 'on' || v === '1' || v === 'yes' || v === 'true') return true;
  if (v === 'off' || v === '0' || v === 'no' || v === 'false') return false;
  return undefined;
}

/** A non-negative decimal (or 0x hex) integer, or undefined. */
export function parseUint(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  if (/^\d+$/.test(v)) return Number(v);
  if (/^0x[0-9a-f]+$/i.test(v)) return parseInt(v, 16);
  return undefined;
}
