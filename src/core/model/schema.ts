/**
 * Reading a design file: JSON syntax (located by line and column), format and version
 * (older versions upgraded through `migrate`, newer ones refused), then structure (zod).
 * Never throws: every problem is a located diagnostic.
 */
import type { Diagnostic } from './diagnostics';
import { migrateDocument, type JsonObject, type Migration, migrations } from './migrate';
import { designSchema, KNOWN_KINDS } from './schema-shape';
import { formatJsonPath, jsonPathOffsets, lineColumnAt } from './schema-locate';
import { DESIGN_FORMAT, type Design } from './types';

export interface ParseDesignResult {
  design?: Design;
  diagnostics: Diagnostic[];
}

/** Parses, upgrades and structurally checks a design document. */
export function parseDesign(
  text: string, file?: string, registry: Readonly<Record<number, Migration>> = migrations,
): ParseDesignResult {
  try {
    return parseDesignUnsafe(text, file, registry);
  } catch (e) {
    // the scanners above are total on valid input; this guards the "never throws" promise
    return { diagnostics: [{ level: 'error', file, message: `cannot read design: ${(e as Error).message}`, code: 'internal' }] };
  }
}

function parseDesignUnsafe(text: string, file: string | undefined, registry: Readonly<Record<number, Migration>>): ParseDesignResult {
  const err = (message: string, code: string, extra: Partial<Diagnostic> = {}): ParseDesignResult =>
    ({ diagnostics: [{ level: 'error', message, code, file, ...extra }] });

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const { line, column } = jsonErrorPosition(text, (e as Error).message);
    const why = (e as Error).message.replace(/\s*in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    return err(`invalid JSON at line ${line}, column ${column}: ${why}`, 'json-syntax', { line });
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return err('a design file must hold one JSON object', 'not-a-design', { line: 1 });
  }
  const doc = raw as JsonObject;
  const offsets = jsonPathOffsets(text);
  const lineOf = (path: string) => {
    const at = offsets.get(path);
    return at === undefined ? undefined : lineColumnAt(text, at).line;
  };
  if (doc.format !== DESIGN_FORMAT) {
    return err(`not a vnetlab design: "format" must be "${DESIGN_FORMAT}"`, 'not-a-design', { path: 'format', line: lineOf('format') ?? 1 });
  }
  if (typeof doc.version !== 'number') {
    return err('the design has no numeric "version"', 'bad-version', { path: 'version', line: lineOf('version') ?? 1 });
  }
  const migrated = migrateDocument(doc, doc.version, registry);
  if (!migrated.doc) return err(migrated.error ?? 'cannot upgrade design', 'bad-version', { path: 'version', line: lineOf('version') });

  const diagnostics: Diagnostic[] = [];
  if (migrated.steps > 0) {
    diagnostics.push({ level: 'info', file, code: 'migrated', message: `design upgraded from version ${doc.version}; saving it will write the current version` });
  }
  const parsed = designSchema.safeParse(migrated.doc);
  // the schema only checks (it transforms nothing), so hand back the document itself: key
  // order is kept and a load/save round trip leaves the file unchanged
  if (parsed.success) return { design: migrated.doc as unknown as Design, diagnostics };
  for (const issue of parsed.error.issues) {
    const path = formatJsonPath(issue.path);
    // after a migration the text no longer matches the document: report the path only
    const line = migrated.steps === 0 ? lineOf(path) ?? nearestLine(path, lineOf) : undefined;
    diagnostics.push({ level: 'error', file, line, path, code: 'schema', message: `${path || 'design'}: ${describeIssue(issue, valueAt(migrated.doc, issue.path))}` });
  }
  return { diagnostics };
}

/** Line of the closest enclosing value that is in the text (a missing key is reported at its object). */
function nearestLine(path: string, lineOf: (p: string) => number | undefined): number | undefined {
  let p = path;
  while (p) {
    const shorter = p.replace(/(\.[^.[\]]*|\[\d+\]|^[^.[\]]+)$/, '');
    if (shorter === p) break;
    p = shorter;
    const l = lineOf(p);
    if (l !== undefined) return l;
  }
  return lineOf('');
}

function valueAt(doc: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = doc;
  for (const k of path) v = v !== null && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined;
  return v;
}

interface Issue {
  code: string;
  path: PropertyKey[];
  expected?: string;
  values?: unknown[];
  options?: unknown[];
  minimum?: number | bigint;
  message: string;
}

function describeIssue(issue: Issue, value: unknown): string {
  const got = value === undefined ? 'missing' : `got ${JSON.stringify(value)}`;
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${issue.expected === 'int' ? 'a whole number' : issue.expected}, ${got}`;
    case 'invalid_value':
      return `expected one of ${(issue.values ?? []).map((v) => JSON.stringify(v)).join(', ')}, ${got}`;
    case 'invalid_union':
      if (issue.path[issue.path.length - 1] === 'kind' || issue.options) {
        return `unknown device kind (${got}); known kinds: ${KNOWN_KINDS.join(', ')}`;
      }
      return `does not match any allowed shape (${got})`;
    case 'too_small':
      return `must be at least ${String(issue.minimum)}, ${got}`;
    default:
      return `${issue.message} (${got})`;
  }
}

/** Line/column of a JSON.parse failure, from the position V8 puts in its message. */
function jsonErrorPosition(text: string, message: string): { line: number; column: number } {
  const lc = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]) };
  const pos = /at position (\d+)/.exec(message);
  if (pos) return lineColumnAt(text, Number(pos[1]));
  return lineColumnAt(text, text.length);
}

/** The design as the file format writes it: stable two-space JSON with a final newline. */
export function serializeDesign(design: Design): string {
  return `${JSON.stringify(design, null, 2)}\n`;
}
