/**
 * Directives: the HTML comment right under a heading, `key: value` parts
 * separated by `;`. A part without its own `key:` continues the previous
 * directive, which is how `legal: A Điều 1; B Điều 2` lists several citations.
 */
export interface DirectivePart {
  value: string;
  /** Column offset of the value inside the comment's line (0-based, relative to the comment start). */
  offset: number;
}

export interface Directive {
  key: string;
  parts: DirectivePart[];
  offset: number;
}

const KEY = /^\s*([a-z][a-z_-]*)\s*:\s*/;

export function isComment(html: string): boolean {
  return /^<!--[\s\S]*-->$/.test(html.trim());
}

/** Parses `<!-- k: v; v2; k2: v3 -->`; returns null when it is a comment with no `key:` at all (a note). */
export function parseDirectives(html: string): Directive[] | null {
  const trimmed = html.trim();
  const start = html.indexOf('<!--') + 4;
  const inner = trimmed.slice(4, -3);
  const directives: Directive[] = [];
  let cursor = start;
  for (const raw of inner.split(';')) {
    const keyMatch = KEY.exec(raw);
    const lead = keyMatch ? keyMatch[0].length : raw.length - raw.trimStart().length;
    const value = raw.slice(lead).trim();
    const offset = cursor + lead;
    if (keyMatch) {
      directives.push({ key: keyMatch[1]!, parts: value ? [{ value, offset }] : [], offset: cursor + (raw.length - raw.trimStart().length) });
    } else if (directives.length > 0 && value) {
      directives.at(-1)!.parts.push({ value, offset });
    }
    cursor += raw.length + 1;
  }
  return directives.length > 0 ? directives : null;
}

/** `[16:9, 9:16]` or `16:9, 9:16` → items. */
export function parseListValue(value: string): string[] {
  return value
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
