/**
 * What the quiz is, as the UI, publishing and reports name it. Plain data:
 * reading it loads no building code. Registered in engine/build/registry.ts.
 */
import type { FormatDescriptor } from '../../build/format.js';
import { QuizSettings } from './settings.js';

export const quizDescriptor: FormatDescriptor = {
  name: 'quiz',
  label: { vi: 'Câu hỏi trắc nghiệm', en: 'Quiz' },
  variants: [
    // A page that works offline from a phone, shared as a file (Zalo) or linked from a post.
    { id: 'html', label: { vi: 'bài trắc nghiệm ngoại tuyến (HTML)', en: 'offline quiz (HTML)' }, role: 'attachment' },
    { id: 'print', label: { vi: 'bản in có đáp án', en: 'printable with answer key' }, role: 'attachment' },
    { id: 'h5p', label: { vi: 'gói nội dung H5P', en: 'H5P content package' }, role: 'attachment' },
    { id: 'moodle', label: { vi: 'ngân hàng câu hỏi Moodle XML', en: 'Moodle XML question bank' }, role: 'attachment' },
  ],
  options: QuizSettings,
  preview: 'document',
};
