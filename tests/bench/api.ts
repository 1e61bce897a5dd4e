/**
 * The studio stays responsive while it renders: the latency of the API call
 * the library screen makes (`projects.list`, over the HTTP bridge as the UI
 * calls it) idle and while a video renders, measured in one run. The render
 * runs in its own process (engine/api/renderChild.ts), so the goal is a p95
 * under 200 ms during a render (it was 24.8 s when renders ran in the
 * process answering the API). Reported as p50 and p95, each against the
 * same percentile idle.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStudioService } from '../../engine/api/service.js';
import { startBridge } from '../../engine/server/server.js';
import type { BenchResult } from './startup.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const IDLE_SAMPLES = 60;
const GAP_MS = 50;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

export async function benchApi(): Promise<BenchResult[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'luat-bench-api-'));
  const service = await openStudioService({ libraryDir: dir, command: 'bench' });
  const bridge = await startBridge({ service, port: 0 });
  const post = (method: string, input: unknown) => new Promise<{ ms: number; body: string }>((resolve, reject) => {
    const start = performance.now();
    const req = request({
      host: '127.0.0.1', port: bridge.port, method: 'POST', path: `/api/${method}`,
      headers: { Host: `127.0.0.1:${bridge.port}`, Authorization: `Bearer ${bridge.token}`, 'Content-Type': 'application/json' },
    }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ ms: performance.now() - start, body }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(input));
  });
  try {
    // A few projects, so the list has something to read and count; the rendered one has a short situation (one scene).
    const sample = await readFile(path.join(ROOT, 'media/samples/ket-hon-dung-tuoi/brief.md'), 'utf8');
    const short = `${sample.slice(0, sample.indexOf('## Cảnh 1'))}## Cảnh 1 — Thông điệp\n- Người dẫn chuyện: Kết hôn đúng tuổi, đăng ký đúng luật.\n\n${sample.slice(sample.indexOf('# Sách nói'))}`;
    await post('projects.createFromBrief', { fileName: 'short.md', text: short });
    for (const n of [2, 3]) await post('projects.createFromBrief', { fileName: `b${n}.md`, text: sample.replace('id: ket-hon-dung-tuoi', `id: ket-hon-dung-tuoi-${n}`) });
    const idle: number[] = [];
    for (let i = 0; i < IDLE_SAMPLES; i++) {
      idle.push((await post('projects.list', {})).ms);
      await new Promise((r) => setTimeout(r, GAP_MS));
    }
    const started = JSON.parse((await post('render.start', { projectId: 'ket-hon-dung-tuoi', formats: ['video'], languages: ['vi'], aspects: ['16:9'] })).body) as { value: { id: string } };
    const jobId = started.value.id;
    const busy: number[] = [];
    for (;;) {
      busy.push((await post('projects.list', {})).ms);
      const { value } = JSON.parse((await post('render.jobs', {})).body) as { value: { jobs: { id: string; finishedAt: string | null; status: string }[] } };
      const job = value.jobs.find((j) => j.id === jobId);
      if (!job || job.finishedAt) {
        if (job?.status !== 'done') process.stderr.write(`bench api: the render ended ${job?.status}\n`);
        break;
      }
      await new Promise((r) => setTimeout(r, GAP_MS));
    }
    const row = (name: string, p: number, goal?: number): BenchResult => {
      const seconds = percentile(busy, p) / 1000;
      const baselineSeconds = percentile(idle, p) / 1000;
      return { name, seconds, baselineSeconds, ratio: seconds / baselineSeconds, ...(goal ? { goalSeconds: goal } : {}), samples: busy.length };
    };
    return [row('projects.list p50 during a video render (vs idle)', 50), row('projects.list p95 during a video render (vs idle)', 95, 0.2)];
  } finally {
    await bridge.close();
    await service.close();
    await rm(dir, { recursive: true, force: true });
  }
}
