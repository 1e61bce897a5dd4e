/**
 * A speech engine behind an HTTP endpoint (a cloud Vietnamese voice, or a
 * server in the province's own network), configured with a URL and a key.
 *
 * The contract, kept deliberately small so any provider can be wrapped by a
 * ten-line proxy:
 *
 *   POST <endpoint>
 *   Authorization: Bearer <key>
 *   Content-Type: application/json
 *   Accept: audio/wav, audio/mpeg, audio/ogg
 *   {"text": "…", "language": "vi",
 *    "voice": {"accent": "north"|"central"|"south"|null, "gender": "male"|"female"|null,
 *              "pitch": 0-100|null, "rate": words-per-minute|null}}
 *
 *   200 → the audio (WAV preferred; MP3 or OGG accepted), any rate, mono or stereo.
 *   401/403 → the key is wrong; any other status → failure (a JSON {"error": "…"} body is logged).
 *
 * The key comes from the environment (or the OS keyring, via `apiKey`), never
 * from a project file, and is never written to a file, an error or a log.
 * Plain http is refused except to this machine, so the key never crosses a
 * network in clear text.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { StudioError } from '../errors.js';
import { decodeToPcm, encodeWav, parseMonoWav } from '../media/pcm.js';
import { SpeechCache } from './cache.js';
import type { BatchSpeechEngine, SpeechRequest, SpeechResult } from './speechEngine.js';

export interface HttpEngineConfig {
  /** Shown in manifests and logs; also part of the cache key. */
  id: string;
  endpoint: string;
  /** Languages the service speaks (ISO 639 codes as used in briefs). */
  languages: string[];
  /** Environment variable holding the key (default LUAT_STUDIO_SPEECH_KEY). */
  apiKeyEnv?: string;
  timeoutMs?: number;
  /** Requests in flight at once. */
  concurrency?: number;
}

export interface HttpEngineOptions {
  cacheDir: string;
  /** The key, when the caller got it from a keyring; otherwise read from `apiKeyEnv`. */
  apiKey?: string;
}

export const DEFAULT_KEY_ENV = 'LUAT_STUDIO_SPEECH_KEY';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);

export class HttpSpeechEngine implements BatchSpeechEngine {
  readonly id: string;
  private readonly url: URL;
  private readonly languages: Set<string>;
  private readonly cache: SpeechCache;
  /** A true private field: not enumerable, not shown by util.inspect, not serialised (see toJSON). */
  readonly #key: string;

  constructor(
    private readonly config: HttpEngineConfig,
    options: HttpEngineOptions,
  ) {
    this.id = config.id;
    let url: URL;
    try {
      url = new URL(config.endpoint);
    } catch {
      throw new StudioError('speech.badEndpoint', { engine: config.id });
    }
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOOPBACK.has(url.hostname))) {
      throw new StudioError('speech.insecureEndpoint', { engine: config.id });
    }
    this.url = url;
    const key = options.apiKey ?? process.env[config.apiKeyEnv ?? DEFAULT_KEY_ENV];
    if (!key) throw new StudioError('speech.missingKey', { engine: config.id, variable: config.apiKeyEnv ?? DEFAULT_KEY_ENV });
    this.#key = key;
    this.languages = new Set(config.languages.map((l) => l.toLowerCase()));
    this.cache = new SpeechCache(options.cacheDir);
  }

  supports(language: string): boolean {
    return this.languages.has(language.toLowerCase());
  }

  async synthesize(request: SpeechRequest, signal?: AbortSignal): Promise<SpeechResult> {
    if (!this.supports(request.language)) throw new StudioError('speech.noEngine', { language: request.language });
    const file = this.cache.pathFor(`http ${this.id} ${this.url.origin}${this.url.pathname}`, request);
    if (!this.cache.has(file)) await this.cache.put(file, await this.fetchWav(request, signal));
    const pcm = parseMonoWav(await readFile(file));
    return { wavPath: file, durationSec: pcm ? pcm.samples.length / pcm.sampleRate : 0, engine: this.id };
  }

  async synthesizeMany(requests: SpeechRequest[], signal?: AbortSignal): Promise<SpeechResult[]> {
    const results: SpeechResult[] = new Array(requests.length);
    let next = 0;
    const worker = async () => {
      while (next < requests.length) {
        const index = next++;
        results[index] = await this.synthesize(requests[index]!, signal);
      }
    };
    const lanes = Math.max(1, Math.min(this.config.concurrency ?? 4, requests.length));
    await Promise.all(Array.from({ length: lanes }, worker));
    return results;
  }

  /** Never let the key out through JSON.stringify or util.inspect of the engine. */
  toJSON(): object {
    return { id: this.id, endpoint: `${this.url.origin}${this.url.pathname}`, languages: [...this.languages] };
  }

  private async fetchWav(request: SpeechRequest, signal?: AbortSignal): Promise<Uint8Array> {
    const timeout = AbortSignal.timeout(this.config.timeoutMs ?? 60_000);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    const body = JSON.stringify({
      text: request.text,
      language: request.language,
      voice: {
        accent: request.voice.accent ?? null,
        gender: request.voice.gender ?? null,
        pitch: request.voice.pitch ?? null,
        rate: request.voice.rate ? request.voice.rate : null,
      },
    });
    let response: Response;
    try {
      response = await fetch(this.url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.#key}`,
          'content-type': 'application/json',
          accept: 'audio/wav, audio/mpeg, audio/ogg',
        },
        body,
        signal: combined,
      });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      const reason = timeout.aborted ? 'timeout' : (err as Error).message;
      throw new StudioError('speech.httpUnreachable', { engine: this.id }, { cause: new Error(`${this.url.origin}: ${reason}`) });
    }
    if (response.status === 401 || response.status === 403) {
      throw new StudioError('speech.httpUnauthorized', { engine: this.id });
    }
    if (!response.ok) {
      const detail = (await response.text().catch(() => '')).slice(0, 500);
      throw new StudioError('speech.httpFailed', { engine: this.id, status: response.status }, { cause: new Error(detail) });
    }
    const audio = new Uint8Array(await response.arrayBuffer());
    if (parseMonoWav(audio)) return audio;
    // Stereo, 24-bit, MP3, OGG …: decode with ffmpeg to the mono 16-bit WAV every caller expects.
    const temp = path.join(tmpdir(), `luat-speech-${process.pid}-${randomBytes(6).toString('hex')}`);
    try {
      await writeFile(temp, audio);
      return encodeWav(await decodeToPcm(temp, 48000, signal ? { signal } : {}));
    } catch (err) {
      if (err instanceof StudioError && err.code === 'media.unreadableAudio') {
        throw new StudioError('speech.httpBadAudio', { engine: this.id }, { cause: err });
      }
      throw err;
    } finally {
      await rm(temp, { force: true });
    }
  }
}
