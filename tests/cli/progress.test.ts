import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../cli/progress.js';

function capture(isTTY: boolean) {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  (stream as { isTTY: boolean }).isTTY = isTTY;
  (stream as { columns: number }).columns = 100;
  return { stream, text: () => text };
}

describe('CLI progress', () => {
  it('writes plain lines, at most one per 10 %, when not on a terminal', () => {
    const out = capture(false);
    const progress = createProgress(out.stream);
    for (let done = 0; done <= 200; done++) progress.update({ label: 'Sổ tay (vi)', done, total: 200 });
    progress.stop();
    const lines = out.text().trim().split('\n');
    expect(lines[0]).toBe('Sổ tay (vi): 0% (0/200)');
    expect(lines.at(-1)).toBe('Sổ tay (vi): 100% (200/200)');
    expect(lines.length).toBe(11);
  });

  it('draws a bar per task on a terminal', () => {
    const out = capture(true);
    const progress = createProgress(out.stream);
    progress.update({ label: 'Video 9:16 (vi)', done: 30, total: 60 });
    progress.update({ label: 'Video 9:16 (vi)', done: 60, total: 60 });
    progress.stop();
    expect(out.text()).toContain('Video 9:16 (vi)');
    expect(out.text()).toContain('100%');
  });
});
