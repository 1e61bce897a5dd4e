/**
 * YouTube Data API v3: videos.insert with Google's resumable upload protocol,
 * then one captions.insert per subtitle language.
 * (developers.google.com/youtube/v3/guides/using_resumable_upload_protocol,
 *  developers.google.com/youtube/v3/docs/videos/insert, …/docs/captions/insert)
 *
 * 1. POST /upload/youtube/v3/videos?uploadType=resumable&part=snippet,status
 *    with the video resource as JSON and X-Upload-Content-Length/-Type; the
 *    answer's Location header is the session URI, checkpointed at once.
 * 2. PUT the file in chunks (multiples of 256 KiB, the last one shorter) with
 *    Content-Range: bytes first-last/total. 308 Resume Incomplete carries
 *    Range: bytes=0-N, the bytes the server has: the next chunk starts at N+1
 *    (the server's word, not ours), checkpointed after every chunk. 200/201
 *    carries the video resource.
 * 3. After an interruption, an empty PUT with Content-Range: bytes * /TOTAL
 *    asks the server where it stands (308 + Range, or 200/201 when the upload
 *    had in fact completed — so a lost final answer never makes a second video).
 *
 * Subtitles come from the request's files whose output path ends in .srt or
 * .vtt (the video build's sidecars, one per language, .srt preferred); when
 * the request holds none, the sidecars next to the MP4 with the same name are
 * used for the request's language.
 */
import { existsSync, statSync } from 'node:fs';
import { RetryableError, type ChannelAdapter, type ChannelState, type PreflightProblem, type PublishContext, type PublishFile, type PublishRequest, type PublishResult } from '../../channel.js';
import { languageInfo } from '../../../model/languages.js';
import { rejected, retryAfterSeconds, tokenExpired } from '../errors.js';
import { readRange } from '../fileRange.js';
import { mediaTypeOf } from '../../../http/mediaTypes.js';
import { call, field, stringField, transientError, type Answer, type Caller } from '../http.js';
import { YOUTUBE_PRESET, YOUTUBE_SHORTS_PRESET, YOUTUBE_VERIFIED_MAX_SECONDS, type SocialPreset } from '../presets.js';
import { checkRequest } from '../preflight.js';
import { platformDetail } from '../redact.js';
import { subtitleFiles } from '../variants.js';
import { assertSendable, baseUrl, credential, JobState, Pacer, packageResult, publishReadyPackage, type CommonChannelOptions } from '../adapterKit.js';

export const YOUTUBE_API_URL = 'https://www.googleapis.com';
/** Chunks must be multiples of this, except the last. */
export const YOUTUBE_CHUNK_UNIT = 256 * 1024;

export interface YouTubeOptions extends CommonChannelOptions {
  privacyStatus?: 'private' | 'unlisted' | 'public';
  /** 27 = Education. */
  categoryId?: string;
  /** Publish as a Short: 9:16 or 1:1, at most 3 minutes. */
  shorts?: boolean;
  /** A channel that verified its phone number may upload up to 12 hours (else 15 minutes). */
  verifiedChannel?: boolean;
  /** Bytes per PUT; rounded down to a multiple of 256 KiB. Default 8 MiB. */
  chunkBytes?: number;
  selfDeclaredMadeForKids?: boolean;
}

interface YouTubeState extends ChannelState {
  sessionUri?: string;
  /** Bytes the server has acknowledged. */
  offset?: number;
  videoId?: string;
  /** Caption track id per language. */
  captions?: Record<string, string>;
  /** Languages whose captions.insert was sent at least once (look before inserting again). */
  captionsTried?: string[];
  /** Every subtitle track is in: the job is complete. */
  captionsDone?: boolean;
  fallback?: 'notApproved' | 'manual';
  packageDir?: string;
  packageZip?: string;
}

export class YouTubeAdapter implements ChannelAdapter {
  readonly id = 'youtube' as const;
  readonly preset: SocialPreset;
  readonly credentialNames = ['accessToken'] as const;
  readonly defaultEndpoint = YOUTUBE_API_URL;
  private readonly chunk: number;

  constructor(private readonly options: YouTubeOptions = {}) {
    this.preset = options.shorts ? YOUTUBE_SHORTS_PRESET : YOUTUBE_PRESET;
    const wanted = options.chunkBytes ?? 8 * 1024 * 1024;
    this.chunk = Math.max(YOUTUBE_CHUNK_UNIT, Math.floor(wanted / YOUTUBE_CHUNK_UNIT) * YOUTUBE_CHUNK_UNIT);
  }

  private maxSeconds(): number | undefined {
    return this.options.verifiedChannel && !this.options.shorts ? YOUTUBE_VERIFIED_MAX_SECONDS : this.preset.maxVideoSeconds;
  }

  private check(request: PublishRequest) {
    const max = this.maxSeconds();
    return checkRequest(this.preset, request, { title: titleOf(request), ...(max !== undefined ? { maxVideoSeconds: max } : {}) });
  }

  preflight(request: PublishRequest): PreflightProblem[] {
    const { problems } = this.check(request);
    const title = titleOf(request);
    if (/[<>]/.test(title)) problems.push({ code: 'titleInvalidCharacters', params: { channel: this.id, characters: '< >' } });
    return problems;
  }

  async publish(request: PublishRequest, ctx: PublishContext): Promise<PublishResult> {
    const state = new JobState<YouTubeState>(ctx);
    if (state.value.videoId && state.value.captionsDone) return this.result(state.value); // posted already
    if (state.value.packageDir && state.value.packageZip) return packageResult(state.value.packageDir, state.value.packageZip);
    assertSendable(this.id, this.preflight(request));
    const { file } = this.check(request).chosen!;
    const subtitles = subtitlesFor(request, file);
    if (state.value.fallback || this.options.appApproved === false) {
      return publishReadyPackage(this.id, request, [file, ...subtitles], this.options, state, ctx, state.value.fallback ?? 'manual', titleOf(request));
    }
    const token = credential(this.id, ctx, 'accessToken');
    const caller: Caller = { channel: this.id, secrets: [token], signal: ctx.signal };
    const api = baseUrl(ctx, YOUTUBE_API_URL);
    if (!state.value.videoId) await this.uploadVideo(request, file, api, token, caller, state, ctx);
    for (const sub of subtitles) await this.insertCaption(sub, api, token, caller, state);
    await state.set({ captionsDone: true });
    return this.result(state.value);
  }

  private result(s: YouTubeState): PublishResult {
    const id = s.videoId!;
    return {
      url: this.options.shorts ? `https://www.youtube.com/shorts/${id}` : `https://www.youtube.com/watch?v=${id}`,
      remoteIds: { videoId: id, ...Object.fromEntries(Object.entries(s.captions ?? {}).map(([l, c]) => [`caption:${l}`, c])) },
    };
  }

  private async uploadVideo(request: PublishRequest, file: PublishFile, api: string, token: string, caller: Caller, state: JobState<YouTubeState>, ctx: PublishContext) {
    const total = file.output.bytes;
    const type = mediaTypeOf(file.absolutePath);
    if (state.value.sessionUri) {
      const where = await call(caller, state.value.sessionUri, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${token}`, 'Content-Length': '0', 'Content-Range': `bytes */${total}` },
      });
      if (await this.finished(where, state)) return;
      if (where.status === 308) await state.set({ offset: acknowledged(where) });
      else if (where.status === 404 || where.status === 410) await state.clear('sessionUri', 'offset');
      else throw googleError(caller, where);
    }
    if (!state.value.sessionUri) {
      const resource = {
        snippet: {
          title: titleOf(request),
          description: request.caption,
          categoryId: this.options.categoryId ?? '27',
          defaultLanguage: request.language,
          defaultAudioLanguage: request.language,
        },
        status: {
          privacyStatus: this.options.privacyStatus ?? 'public',
          selfDeclaredMadeForKids: this.options.selfDeclaredMadeForKids ?? false,
        },
      };
      const opened = await call(caller, `${api}/upload/youtube/v3/videos?uploadType=resumable&part=snippet,status`, {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json; charset=UTF-8',
          'X-Upload-Content-Length': String(total),
          'X-Upload-Content-Type': type,
        },
        body: JSON.stringify(resource),
      });
      const location = opened.headers.get('location');
      if (opened.status !== 200 || !location) throw googleError(caller, opened);
      await state.set({ sessionUri: location, offset: 0 });
    }
    let stalled = 0;
    const pacer = new Pacer(ctx.uploadBytesPerSecond, ctx.signal);
    while ((state.value.offset ?? 0) < total) {
      const start = state.value.offset ?? 0;
      const length = Math.min(this.chunk, total - start);
      await pacer.before(length);
      const bytes = await readRange(file.absolutePath, start, length);
      ctx.progress(start, total);
      const put = await call(caller, state.value.sessionUri!, {
        method: 'PUT',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': type,
          'Content-Length': String(length),
          'Content-Range': `bytes ${start}-${start + length - 1}/${total}`,
        },
        body: bytes,
      });
      if (await this.finished(put, state)) break;
      if (put.status === 404 || put.status === 410) {
        // The session expired before the upload completed, so no video exists: start over next time.
        await state.clear('sessionUri', 'offset');
        throw new RetryableError(`${this.id}: the upload session expired; the upload will start again`);
      }
      if (put.status !== 308) throw googleError(caller, put);
      const next = acknowledged(put);
      stalled = next > start ? 0 : stalled + 1;
      if (stalled >= 3) throw rejected(this.id, 308, `the server stopped accepting bytes at ${next} of ${total}`, caller.secrets);
      await state.set({ offset: next });
    }
    ctx.progress(total, total);
    if (!state.value.videoId) throw rejected(this.id, 308, 'the server acknowledged every byte but returned no video', caller.secrets);
  }

  /** 200/201 with the video resource: record its id. */
  private async finished(answer: Answer, state: JobState<YouTubeState>): Promise<boolean> {
    if (answer.status !== 200 && answer.status !== 201) return false;
    const id = stringField(answer.json, 'id');
    if (!id) return false;
    await state.set({ videoId: id });
    return true;
  }

  private async insertCaption(sub: PublishFile, api: string, token: string, caller: Caller, state: JobState<YouTubeState>) {
    const language = sub.output.language;
    if (state.value.captions?.[language]) return;
    const videoId = state.value.videoId!;
    const name = languageInfo(language)?.nameVi ?? language;
    if (state.value.captionsTried?.includes(language)) {
      const listed = await call(caller, `${api}/youtube/v3/captions?part=snippet&videoId=${encodeURIComponent(videoId)}`, {
        method: 'GET',
        headers: { Authorization: `Bearer ${token}` },
      });
      if (listed.status !== 200) throw googleError(caller, listed);
      const items = field(listed.json, 'items');
      const hit = Array.isArray(items)
        ? items.find((i) => field(i, 'snippet', 'language') === language && field(i, 'snippet', 'name') === name)
        : undefined;
      const id = stringField(hit, 'id');
      if (id) return state.set({ captions: { ...state.value.captions, [language]: id } });
    }
    await state.set({ captionsTried: [...new Set([...(state.value.captionsTried ?? []), language])] });
    const boundary = `luat-studio-${Math.random().toString(36).slice(2)}`;
    const metadata = JSON.stringify({ snippet: { videoId, language, name, isDraft: false } });
    const body = Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Type: application/json; charset=UTF-8\r\n\r\n${metadata}\r\n--${boundary}\r\nContent-Type: application/octet-stream\r\n\r\n`),
      await readRange(sub.absolutePath, 0, statSync(sub.absolutePath).size),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ]);
    const inserted = await call(caller, `${api}/upload/youtube/v3/captions?uploadType=multipart&part=snippet`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': `multipart/related; boundary=${boundary}` },
      body,
    });
    if (inserted.status !== 200) throw googleError(caller, inserted);
    const id = stringField(inserted.json, 'id');
    if (!id) throw rejected(this.id, inserted.status, `no caption id in the answer: ${inserted.text}`, caller.secrets);
    await state.set({ captions: { ...state.value.captions, [language]: id } });
  }
}

/** The video's title: the material's title, in the request's language. */
function titleOf(request: PublishRequest): string {
  return request.material.title.text.trim();
}

/** Range: bytes=0-N → N+1; no Range header → 0 (nothing stored yet). */
function acknowledged(answer: Answer): number {
  const range = answer.headers.get('range');
  const m = range ? /bytes=0-(\d+)/.exec(range) : null;
  return m ? Number(m[1]) + 1 : 0;
}

function subtitlesFor(request: PublishRequest, video: PublishFile): PublishFile[] {
  const listed = subtitleFiles(request.files);
  if (listed.length > 0) return listed;
  const stem = video.absolutePath.replace(/\.[^.\\/]+$/, '');
  for (const ext of ['.srt', '.vtt']) {
    const candidate = `${stem}${ext}`;
    if (existsSync(candidate)) {
      const size = statSync(candidate).size;
      const relative = video.output.path.replace(/\.[^./]+$/, ext);
      return [{ absolutePath: candidate, output: { ...video.output, path: relative, variant: `${video.output.variant}${ext}`, bytes: size } }];
    }
  }
  return [];
}

/**
 * Google's JSON errors: 401 means the token expired or was revoked; 403 with
 * rateLimitExceeded/userRateLimitExceeded is worth retrying soon, quotaExceeded
 * after the daily quota resets (retried hourly); 429/5xx are retryable.
 */
function googleError(caller: Caller, answer: Answer): Error {
  const transient = transientError(caller, answer);
  if (transient) return transient;
  if (answer.status === 401) return tokenExpired(caller.channel);
  const reason = stringField(field(answer.json, 'error', 'errors'), '0', 'reason');
  const message = stringField(answer.json, 'error', 'message') ?? answer.text;
  if (reason === 'rateLimitExceeded' || reason === 'userRateLimitExceeded') {
    return new RetryableError(platformDetail(`${caller.channel}: ${reason}: ${message}`, caller.secrets), retryAfterSeconds(answer.headers));
  }
  if (reason === 'quotaExceeded') return new RetryableError(platformDetail(`${caller.channel}: ${reason}: ${message}`, caller.secrets), 3600);
  return rejected(caller.channel, answer.status, reason ? `${reason}: ${message}` : message, caller.secrets);
}

