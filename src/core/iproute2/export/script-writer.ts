/**
 * Collects the lines of one exported script with the design objects behind each line, so the
 * UI can cross-highlight script lines and canvas objects.
 */
import type { Id } from '../../model/types';

export class ScriptWriter {
  private readonly out: string[] = [];
  private readonly map: { line: number; objects: Id[] }[] = [];
  private pendingSection: string[] | undefined;

  /** A command line, attributed to the given objects. */
  cmd(text: string, ...objects: Id[]): void {
    this.flushSection();
    if (/[$`]/.test(text)) this.literalExpansions = true;
    this.out.push(text);
    const ids = [...new Set(objects.filter(Boolean))];
    if (ids.length) this.map.push({ line: this.out.length, objects: ids });
  }

  /** Whether a command holds `$` or a backquote (inside single quotes, where they are literal). */
  literalExpansions = false;

  /** A comment or blank line, not attributed; a phase that emitted nothing leaves no heading. */
  raw(...lines: string[]): void {
    this.pendingSection = undefined;
    this.out.push(...lines);
  }

  /**
   * Starts a phase: its heading comment is written only if the phase emits a command, so
   * empty phases leave no trace.
   */
  section(...heading: string[]): void {
    this.pendingSection = ['', ...heading.map((h) => `# ${h}`)];
  }

  private flushSection(): void {
    if (!this.pendingSection) return;
    const s = this.pendingSection;
    this.pendingSection = undefined;
    this.out.push(...s);
  }

  get lineCount(): number {
    return this.out.length;
  }

  text(): string {
    return `${this.out.join('\n')}\n`;
  }

  /** Inserts lines after line `after` (1-based), shifting the line map. */
  insert(after: number, ...lines: string[]): void {
    this.out.splice(after, 0, ...lines);
    for (const m of this.map) if (m.line > after) m.line += lines.length;
  }

  lines(): { line: number; objects: Id[] }[] {
    return this.map.map((m) => ({ line: m.line, objects: [...m.objects] }));
  }
}
