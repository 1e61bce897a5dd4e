/**
 * Progress on the terminal: bars when stderr is a TTY, one plain line per
 * step otherwise (CI logs, pipes), never more than a line every few percent.
 */
import cliProgress from 'cli-progress';
import type { ProgressUpdate } from '../engine/app/index.js';

export interface ProgressSink {
  update(update: ProgressUpdate): void;
  stop(): void;
}

export function createProgress(stream: NodeJS.WriteStream = process.stderr): ProgressSink {
  return stream.isTTY ? new BarProgress(stream) : new LineProgress(stream);
}

class BarProgress implements ProgressSink {
  private readonly multi: cliProgress.MultiBar;
  private readonly bars = new Map<string, cliProgress.SingleBar>();

  constructor(stream: NodeJS.WriteStream) {
    this.multi = new cliProgress.MultiBar(
      { stream, format: ' {bar} {percentage}% | {label}', hideCursor: true, clearOnComplete: false, barsize: 30 },
      cliProgress.Presets.shades_classic,
    );
  }

  update({ label, done, total }: ProgressUpdate): void {
    let bar = this.bars.get(label);
    if (!bar) {
      bar = this.multi.create(total, 0, { label });
      this.bars.set(label, bar);
    }
    bar.setTotal(total);
    bar.update(done, { label });
  }

  stop(): void {
    this.multi.stop();
  }
}

class LineProgress implements ProgressSink {
  private readonly lastPercent = new Map<string, number>();

  constructor(private readonly stream: NodeJS.WriteStream) {}

  update({ label, done, total }: ProgressUpdate): void {
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    const last = this.lastPercent.get(label);
    if (last !== undefined && percent < 100 && percent - last < 10) return;
    if (last === percent) return;
    this.lastPercent.set(label, percent);
    this.stream.write(`${label}: ${percent}% (${done}/${total})\n`);
  }

  stop(): void {}
}
