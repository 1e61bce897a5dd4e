/**
 * The H5P content package: `h5p.json` + `content/content.json`, an
 * H5P.QuestionSet of H5P.MultiChoice and H5P.TrueFalse questions. Content
 * only (no library folders): it imports into any site (Moodle, WordPress with
 * the H5P plugin, Drupal, Lumi) where those content types are installed.
 * Shapes follow the content types' semantics.json (h5p-question-set 1.20,
 * h5p-multi-choice 1.16, h5p-true-false 1.8).
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from '../../text/escapeHtml.js';
import type { Material } from '../../model/material.js';
import { citationText, type QuizBank, type QuizItem } from './generate.js';
import type { QuizLabels } from './labels.js';

export const H5P_LIBRARIES = {
  questionSet: { machineName: 'H5P.QuestionSet', majorVersion: 1, minorVersion: 20 },
  multiChoice: { machineName: 'H5P.MultiChoice', majorVersion: 1, minorVersion: 16 },
  trueFalse: { machineName: 'H5P.TrueFalse', majorVersion: 1, minorVersion: 8 },
} as const;

const lib = (l: { machineName: string; majorVersion: number; minorVersion: number }) => `${l.machineName} ${l.majorVersion}.${l.minorVersion}`;

/** A UUID-shaped id derived from the item id, so rebuilding gives the same package. */
function subContentId(id: string): string {
  const h = createHash('sha256').update(id).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

function feedback(item: QuizItem, labels: QuizLabels): string {
  return `${labels.citedLaw}: ${citationText(item.citations)}`;
}

function question(item: QuizItem, labels: QuizLabels, language: string): unknown {
  const metadata = { contentType: item.type === 'choice' ? 'Multiple Choice' : 'True/False Question', license: 'U', title: item.prompt.slice(0, 250) };
  const cite = escapeHtml(feedback(item, labels));
  if (item.type === 'truefalse') {
    return {
      library: lib(H5P_LIBRARIES.trueFalse),
      subContentId: subContentId(item.id),
      metadata,
      params: {
        media: { disableImageZooming: false },
        question: `<p>${escapeHtml(item.prompt)}</p><p><em>${cite}</em></p>`,
        correct: item.answer ? 'true' : 'false',
        behaviour: { enableRetry: true, enableSolutionsButton: true, enableCheckButton: true, confirmCheckDialog: false, confirmRetryDialog: false, autoCheck: false },
        l10n: { trueText: labels.true, falseText: labels.false, checkAnswer: labels.check, submitAnswer: labels.check, tryAgain: labels.retry, wrongAnswerMessage: labels.wrong(item.answer ? labels.true : labels.false), correctAnswerMessage: labels.right, score: labels.score('@score', '@total'), scoreBarLabel: labels.score(':num', ':total') },
      },
    };
  }
  const right = item.options.find((o) => o.correct)!;
  return {
    library: lib(H5P_LIBRARIES.multiChoice),
    subContentId: subContentId(item.id),
    metadata,
    params: {
      media: { disableImageZooming: false },
      question: `<p>${escapeHtml(item.prompt)}</p>`,
      answers: item.options.map((o) => ({
        text: `<div>${escapeHtml(o.text)}</div>`,
        correct: o.correct,
        tipsAndFeedback: { tip: '', chosenFeedback: o.correct ? `<div>${cite}</div>` : `<div>${escapeHtml(labels.wrong(right.text))} — ${cite}</div>`, notChosenFeedback: '' },
      })),
      overallFeedback: [{ from: 0, to: 100 }],
      behaviour: {
        enableRetry: true, enableSolutionsButton: true, enableCheckButton: true, type: 'single', singlePoint: false,
        randomAnswers: true, showSolutionsRequiresInput: true, confirmCheckDialog: false, confirmRetryDialog: false,
        autoCheck: false, passPercentage: 100, showScorePoints: true,
      },
      UI: { checkAnswerButton: labels.check, submitAnswerButton: labels.check, tryAgainButton: labels.retry, correctText: labels.right, shouldCheck: labels.right, wrongText: labels.wrong(right.text), scoreBarLabel: labels.score(':num', ':total') },
    },
    language,
  };
}

export function h5pFiles(material: Material, bank: QuizBank, labels: QuizLabels, passPercentage: number): { h5pJson: unknown; contentJson: unknown } {
  const title = `${labels.title}: ${material.title.text}`;
  const h5pJson = {
    title,
    language: bank.language,
    mainLibrary: H5P_LIBRARIES.questionSet.machineName,
    embedTypes: ['iframe'],
    license: 'U',
    authors: [{ name: material.issuer.text, role: 'Author' }],
    defaultLanguage: bank.language,
    preloadedDependencies: [H5P_LIBRARIES.questionSet, H5P_LIBRARIES.multiChoice, H5P_LIBRARIES.trueFalse],
  };
  const contentJson = {
    introPage: { showIntroPage: true, title, introduction: `<p>${escapeHtml(labels.intro)}</p>`, startButtonText: labels.check },
    progressType: 'textual',
    passPercentage,
    disableBackwardsNavigation: false,
    randomQuestions: false,
    questions: bank.items.map((item) => question(item, labels, bank.language)),
    texts: { prevButton: '‹', nextButton: '›', finishButton: labels.check, textualProgress: `${labels.question(0).replace('0', '@current')}/@total`, questionLabel: labels.question(0).replace(/\s*0$/, '') },
    endGame: {
      showResultPage: true,
      showSolutionButton: true,
      showRetryButton: true,
      noResultMessage: labels.title,
      message: labels.score('@score', '@total'),
      overallFeedback: passPercentage > 0
        ? [{ from: 0, to: passPercentage - 1, feedback: labels.notPassed }, { from: passPercentage, to: 100, feedback: labels.passed }]
        : [{ from: 0, to: 100, feedback: labels.passed }],
      solutionButtonText: labels.answerKey,
      retryButtonText: labels.retry,
      finishButtonText: labels.check,
      showAnimations: false,
      skippable: false,
    },
    override: { checkButton: true },
  };
  return { h5pJson, contentJson };
}
