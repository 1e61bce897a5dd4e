/**
 * A face for each line of a situation: a small rule table over the line's
 * words and punctuation, in the brief's own language (the source text, so a
 * translated video shows the same faces). The brief can set a line's face by
 * hand (`- Mỷ (lo lắng): …`, docs/brief-format.md); that always wins.
 */
import type { DialogueLine, Expression, SituationSection } from '../../model/material.js';

interface Rule {
  expression: Expression;
  /** Any of these words or phrases (whole syllables) … */
  words: string[];
  /** … and, when set, this punctuation too. */
  needs?: RegExp;
}

/**
 * First matching rule wins, so fear and sorrow win over a polite "cảm ơn",
 * and a forbidding "!" wins over a cheerful one. Phrases are matched on
 * whole syllables: "lo" is not "lò" or "lòng".
 */
const RULES: Record<string, Rule[]> = {
  vi: [
    { expression: 'worried', words: ['sợ', 'lo', 'lo lắng', 'buồn', 'khóc', 'hoảng', 'thôi chết', 'làm sao bây giờ', 'biết làm sao'] },
    { expression: 'stern', words: ['nghiêm cấm', 'pháp luật cấm', 'xử phạt', 'bị phạt', 'truy cứu', 'vi phạm'] },
    { expression: 'stern', words: ['không được', 'cấm', 'phạt', 'đừng', 'phải'], needs: /!/u },
    { expression: 'happy', words: ['cảm ơn', 'vui', 'tốt quá', 'mừng', 'tuyệt', 'hay quá', 'may quá'] },
  ],
  en: [
    { expression: 'worried', words: ['afraid', 'scared', 'worried', 'worry', 'sad', 'cry'] },
    { expression: 'stern', words: ['forbidden', 'prohibited', 'punished', 'fined', 'illegal'] },
    { expression: 'stern', words: ['must not', 'do not', "don't", 'never'], needs: /!/u },
    { expression: 'happy', words: ['thank you', 'thanks', 'glad', 'happy', 'great'] },
  ],
};

/** A line trailing off ("Con còn muốn đi học tiếp...") hesitates, in any language. */
const TRAILING_OFF = /(\.\.\.|…)\s*$/u;

export function expressionFor(text: string, language: string): Expression {
  const rules = RULES[language.toLowerCase().split('-')[0]!] ?? [];
  const syllables = ` ${text.normalize('NFC').toLowerCase().split(/[^\p{L}\p{M}\p{N}']+/u).filter(Boolean).join(' ')} `;
  for (const rule of rules) {
    if (rule.needs && !rule.needs.test(text)) continue;
    if (rule.words.some((w) => syllables.includes(` ${w} `))) return rule.expression;
  }
  return TRAILING_OFF.test(text) ? 'worried' : 'neutral';
}

/** The face of a line: the brief's choice, else the rule table's. */
export function lineExpression(line: DialogueLine, language: string): Expression {
  return line.expression ?? expressionFor(line.unit.text, language);
}

/** Faces of every line of a situation (as written in `language`), by text-unit id. */
export function situationExpressions(section: SituationSection, language: string): Map<string, Expression> {
  return new Map(section.scenes.flatMap((s) => s.lines.map((l) => [l.unit.id, lineExpression(l, language)] as const)));
}
