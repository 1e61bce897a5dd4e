import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import wavefile from 'wavefile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StudioError } from '../../engine/errors.js';
import { parseMonoWav } from '../../engine/media/pcm.js';
import { HttpSpeechEngine } from '../../engine/speech/httpEngine.js';
import { SpeechRegistry, speechEnginesFromSettings } from '../../engine/speech/registry.js';
import { sineWav, tempDir } from './helpers.js';

const KEY = 'test-key-7f3a9c';
const tmp = tempDir('http');

interface Received {
  auth: string | undefined;
  body: { text: string; language: string; voice: Record<string, unknown> };
}

const received: Received[] = [];
let server: Server;
let base = '';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    let data = '';
    req.on('data', (c: Buffer) => (data += c.toString('utf8')));
    req.on('end', () => resolve(data));
  });
}

/** A stereo 24-bit WAV, which the engine must turn into mono 16-bit. */
function stereoWav(): Uint8Array {
  const wav = new wavefile.WaveFile();
  const left = Array.from({ length: 24000 }, (_, i) => Math.round(2e6 * Math.sin((2 * Math.PI * 220 * i) / 24000)));
  wav.fromScratch(2, 24000, '24', [left, left]);
  return wav.toBuffer();
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = JSON.parse(await readBody(req)) as Received['body'];
    received.push({ auth: req.headers.authorization, body });
    if (req.headers.authorization !== `Bearer ${KEY}`) {
      res.writeHead(401).end();
      return;
    }
    if (req.url === '/broken') {
      res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"model overloaded"}');
      return;
    }
    const audio = req.url === '/stereo' ? stereoWav() : sineWav(300, 0.5 + body.text.length / 100, 22050);
    res.writeHead(200, { 'content-type': 'audio/wav' }).end(Buffer.from(audio));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  tmp.remove();
});

const config = (pathName = '/tts') => ({ id: 'cloud-vi', endpoint: `${base}${pathName}`, languages: ['vi', 'hnj'] });

describe('HTTP speech engine', () => {
  it('speaks the documented JSON contract with the key as a bearer token', async () => {
    const engine = new HttpSpeechEngine(config(), { cacheDir: `${tmp.dir}/a`, apiKey: KEY });
    const result = await engine.synthesize({ text: 'Xin chào', language: 'hnj', voice: { accent: 'south', gender: 'female', pitch: 60 } });
    expect(result.engine).toBe('cloud-vi');
    expect(result.durationSec).toBeGreaterThan(0.5);
    const last = received[received.length - 1]!;
    expect(last.auth).toBe(`Bearer ${KEY}`);
    expect(last.body).toEqual({ text: 'Xin chào', language: 'hnj', voice: { accent: 'south', gender: 'female', pitch: 60, rate: null } });
  });

  it('turns whatever audio comes back into mono 16-bit WAV', async () => {
    const engine = new HttpSpeechEngine(config('/stereo'), { cacheDir: `${tmp.dir}/b`, apiKey: KEY });
    const result = await engine.synthesize({ text: 'Một', language: 'vi', voice: {} });
    const pcm = parseMonoWav(readFileSync(result.wavPath));
    expect(pcm).not.toBeNull();
    expect(result.durationSec).toBeCloseTo(1, 1);
  });

  it('asks the server once per line and then answers from its cache', async () => {
    const engine = new HttpSpeechEngine(config(), { cacheDir: `${tmp.dir}/c`, apiKey: KEY });
    const before = received.length;
    const requests = ['một', 'hai', 'ba'].map((text) => ({ text, language: 'vi', voice: {} }));
    await engine.synthesizeMany(requests);
    await engine.synthesizeMany(requests);
    expect(received.length - before).toBe(3);
  });

  it('gives clear errors for a wrong key, a failing server and an insecure endpoint', async () => {
    const wrong = new HttpSpeechEngine(config(), { cacheDir: `${tmp.dir}/d`, apiKey: 'wrong' });
    await expect(wrong.synthesize({ text: 'x', language: 'vi', voice: {} })).rejects.toMatchObject({ code: 'speech.httpUnauthorized' });
    const broken = new HttpSpeechEngine(config('/broken'), { cacheDir: `${tmp.dir}/e`, apiKey: KEY });
    await expect(broken.synthesize({ text: 'x', language: 'vi', voice: {} })).rejects.toMatchObject({ code: 'speech.httpFailed', params: { status: 500 } });
    expect(() => new HttpSpeechEngine({ ...config(), endpoint: 'http://tts.example.org/v1' }, { cacheDir: tmp.dir, apiKey: KEY })).toThrow(
      expect.objectContaining({ code: 'speech.insecureEndpoint' }) as unknown as Error,
    );
    expect(() => new HttpSpeechEngine({ ...config(), apiKeyEnv: 'LUAT_TEST_NO_SUCH_KEY' }, { cacheDir: tmp.dir })).toThrow(StudioError);
  });

  it('never lets the key out in JSON, inspection or errors', async () => {
    const engine = new HttpSpeechEngine(config('/broken'), { cacheDir: `${tmp.dir}/f`, apiKey: KEY });
    expect(JSON.stringify(engine)).not.toContain(KEY);
    expect(inspect(engine, { depth: 5, showHidden: true })).not.toContain(KEY);
    const err = await engine.synthesize({ text: 'x', language: 'vi', voice: {} }).catch((e: unknown) => e);
    expect(inspect(err, { depth: 8 })).not.toContain(KEY);
  });

  it('reads its key from the environment and comes before espeak in the registry', async () => {
    process.env['LUAT_TEST_SPEECH_KEY'] = KEY;
    try {
      const engines = speechEnginesFromSettings(
        { speech: { engines: [{ ...config(), apiKeyEnv: 'LUAT_TEST_SPEECH_KEY' }] } },
        { cacheDir: `${tmp.dir}/g` },
      );
      const registry = new SpeechRegistry(engines);
      expect(registry.engineFor('vi')?.id).toBe('cloud-vi');
      expect(registry.engineFor('hnj')?.id).toBe('cloud-vi');
      expect(registry.engineFor('en')?.id).toBe('espeak-ng');
      const [spoken] = await registry.speak([{ target: null, text: 'bốn', language: 'vi', voice: {} }]);
      expect(spoken!.source).toBe('cloud-vi');
    } finally {
      delete process.env['LUAT_TEST_SPEECH_KEY'];
    }
  });
});
