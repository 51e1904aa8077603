/**
 * Shell prompts pasted from blog posts and terminals (`$ ip link …`,
 * `user@box:~$ sudo ip …`, `root@box:/home/x# ip …`, `[root@box ~]# ip …`).
 * They are blanked out (keeping line numbers) before lexing, but only where that is
 * unambiguous: a `# ip …` line is a comment to bash, so it is read as a root prompt only
 * when the whole text is a transcript (no line is a bare command). In a transcript the lines
 * after no prompt are the commands' output (or prose) and are blanked out too.
 */

const USER_PROMPT = /^(\s*)((?:\([^)\s]*\)\s*)?[\w.-]+@[\w.-]+(?::[^\s$#]*)?[$#]\s+|\[[\w.-]+@[\w.-]+[^\]]*\][$#]\s+)/;
const DOLLAR_PROMPT = /^(\s*)(\$\s+)(?=\S)/;
const HASH_PROMPT = /^(\s*)(#\s+)(?=(?:sudo\s+)?(?:ip|bridge|brctl|sysctl|iptables|ifconfig|route|tunctl)\s+(?:-(?:n|netns)\s+\S+\s+|-\S+\s+)*(?:link|l|addr|address|a|route|r|neigh|n|netns|tuntap|vlan|add|addbr|addif|hairpin|stp|-w|-t|-A|-I|-P|net\.)\b)/;
const COMMAND_START = /^\s*(?:sudo\s+)?(?:ip|bridge|brctl|sysctl|iptables|ifconfig|route)\s/;

export interface PromptResult {
  text: string;
  /** Lines whose prompt was removed. */
  stripped: number[];
  /** In a terminal transcript, the lines without a prompt (output, prose), blanked out. */
  output: number[];
}

/** Blanks out pasted prompts, preserving line numbers and columns. */
export function stripPrompts(text: string): PromptResult {
  const lines = text.split('\n');
  const stripped: number[] = [];
  const output: number[] = [];
  const transcript = !lines.some((l) => COMMAND_START.test(l));
  // A terminal session pasted with its prompts: what follows no prompt is output or prose
  // (`PING … 56(84) bytes`, `--- statistics ---`), which a person does not type.
  const session = transcript && lines.some((l) => USER_PROMPT.test(l) || DOLLAR_PROMPT.test(l) || HASH_PROMPT.test(l));
  let continued = false;
  const out = lines.map((l, idx) => {
    if (/^\s*#\s*(phys|host):/.test(l)) { continued = false; return l; }
    const m = USER_PROMPT.exec(l) ?? DOLLAR_PROMPT.exec(l) ?? (transcript ? HASH_PROMPT.exec(l) : null);
    if (!m) {
      if (session && !continued && l.trim() && !/^\s*#/.test(l)) { output.push(idx + 1); return ''; }
      continued = continued && /\\$/.test(l);
      return l;
    }
    stripped.push(idx + 1);
    continued = /\\$/.test(l);
    return m[1] + ' '.repeat(m[2].length) + l.slice(m[1].length + m[2].length);
  });
  return { text: out.join('\n'), stripped, output };
}
