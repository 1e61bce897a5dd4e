/**
 * The words a quiz adds around the brief's text, from the engine's catalogue
 * (engine/i18n/locales, group quiz.output). Minority-language quizzes keep them in
 * Vietnamese, the national language every reader of a state document knows;
 * English only for English editions (as the print labels do).
 */
import { translator } from '../../i18n/index.js';

export interface QuizLabels {
  title: string;
  intro: string;
  offline: string;
  statement: string;
  true: string;
  false: string;
  check: string;
  retry: string;
  passed: string;
  notPassed: string;
  right: string;
  citedLaw: string;
  answerKey: string;
  name: string;
  date: string;
  issuedBy: string;
  category: string;
  takeQuiz: string;
  question(n: number): string;
  score(score: number | string, total: number | string): string;
  wrong(answer: string): string;
  unanswered(answer: string): string;
  scoreLine(total: number): string;
}

export function quizLocale(language: string): 'vi' | 'en' {
  return language === 'en' || language.startsWith('en-') ? 'en' : 'vi';
}

export function quizLabels(language: string): QuizLabels {
  const t = translator(quizLocale(language));
  const k = (key: string, params?: Record<string, unknown>) => t(`quiz.output.${key}`, params ?? {}) as string;
  return {
    title: k('title'),
    intro: k('intro'),
    offline: k('offline'),
    statement: k('statement'),
    true: k('true'),
    false: k('false'),
    check: k('check'),
    retry: k('retry'),
    passed: k('passed'),
    notPassed: k('notPassed'),
    right: k('right'),
    citedLaw: k('citedLaw'),
    answerKey: k('answerKey'),
    name: k('name'),
    date: k('date'),
    issuedBy: k('issuedBy'),
    category: k('category'),
    takeQuiz: k('takeQuiz'),
    question: (n) => k('question', { n }),
    score: (score, total) => k('score', { score, total }),
    wrong: (answer) => k('wrong', { answer }),
    unanswered: (answer) => k('unanswered', { answer }),
    scoreLine: (total) => k('scoreLine', { total }),
  };
}
