/** A located problem with an input or a design. Every layer reports through this one shape. */
export interface Diagnostic {
  level: 'error' | 'warning' | 'info';
  message: string;
  /** Source file (scripts, probes) when the problem is in text. */
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
  /** 1-based column on `line` of the construct concerned, when it is known. */
  column?: number;
  /** Id of the design object concerned (host, namespace, device, lan) when there is one. */
  object?: string;
  /** JSON path into the design, e.g. `hosts[0].devices[3].name`. */
  path?: string;
  /** A stable machine-readable code, e.g. `name-too-long`. */
  code?: string;
}

/** `file:line: level: message`, the format every command-line report uses. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.file ? `${d.file}${d.line ? `:${d.line}${d.column ? `:${d.column}` : ''}` : ''}: ` : d.path ? `${d.path}: ` : '';
  return `${where}${d.level}: ${d.message}`;
}
