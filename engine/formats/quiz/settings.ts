/** The quiz's own settings (`formats.quiz` in project or app settings, or the build's options). */
import { z } from 'zod';

export const QUIZ_RULES = ['qa', 'message', 'swap', 'figure', 'manual'] as const;

export const QuizSettings = z.object({
  /** Which rules make items (docs/quiz.md); all by default. */
  rules: z.array(z.enum(QUIZ_RULES)).min(1).default([...QUIZ_RULES]),
  /** Share of right answers needed to pass, in percent (H5P pass mark, shown in the HTML quiz). */
  passPercentage: z.number().int().min(0).max(100).default(50),
});
export type QuizSettings = z.infer<typeof QuizSettings>;
