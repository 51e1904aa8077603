/**
 * The one shell-quoting function every exported value goes through. Single quotes make bash
 * take every byte literally (no `$`, backquote, `;`, glob or history expansion inside them),
 * so a name the kernel accepts is passed to `ip` exactly and nothing in it is ever executed.
 */

/** A bash word that expands to exactly `value`: always single-quoted (`'` written `'\''`). */
export function shq(value: string | number): string {
  return `'${String(value).replace(/'/g, `'\\''`)}'`;
}

/**
 * Template tag for one command line: the literal parts are fixed keywords written by the
 * exporter, every interpolated value is quoted with `shq` (arrays become several words).
 * `sh\`ip link add ${name} type dummy\`` → `ip link add 'x$(id)' type dummy`.
 */
export function sh(parts: TemplateStringsArray, ...values: (string | number | (string | number)[])[]): string {
  let out = parts[0];
  values.forEach((v, i) => {
    out += Array.isArray(v) ? v.map(shq).join(' ') : shq(v);
    out += parts[i + 1];
  });
  return out;
}

/**
 * A keyword from a fixed set (a mode, a kind, a chain): bare when it is one of `allowed`,
 * quoted with `shq` otherwise, so even a document that skipped validation cannot inject.
 */
export function keyword(value: string, allowed: readonly string[]): string {
  return allowed.includes(value) && /^[A-Za-z0-9_.-]+$/.test(value) ? value : shq(value);
}
