/**
 * TikTok Content Posting API, FILE_UPLOAD.
 * (developers.tiktok.com/doc/content-posting-api-reference-direct-post,
 *  …/content-posting-api-reference-upload-video, …/content-posting-api-media-transfer-guide,
 *  …/content-posting-api-reference-get-video-status)
 *
 * Direct post: POST /v2/post/publish/creator_info/query/ (the privacy level we
 * send must be one the creator offers; the video must fit the creator's
 * maximum duration), then POST /v2/post/publish/video/init/ with post_info and
 * source_info {FILE_UPLOAD, video_size, chunk_size, total_chunk_count}.
 * Inbox (the user finishes the post in the app): POST
 * /v2/post/publish/inbox/video/init/ with source_info only.
 *
 * The answer's upload_url takes the chunks in order, each a PUT with
 * Content-Range: bytes first-last/total; chunks are 5 MB to 64 MB, the last
 * may be larger (up to 128 MB) to take the trailing bytes, total_chunk_count =
 * floor(video_size / chunk_size), at most 1000 chunks; a video under 5 MB goes
 * whole. 206 acknowledges a chunk, 201 the last one. After an interruption the
 * adapter asks /v2/post/publish/status/fetch/ how many bytes TikTok has
 * (uploaded_bytes) and continues from that chunk, then polls the same endpoint
 * until PUBLISH_COMPLETE (or SEND_TO_USER_INBOX) or FAILED.
 *
 * The post exists only once every chunk is in, and the publish_id is
 * checkpointed before the first chunk, so a job never makes two posts.
 */
import { StudioError } from '../../../errors.js';
import { RetryableError, type ChannelAdapter, type ChannelState, type PreflightProblem, type PublishContext, type PublishFile, type PublishRequest, type PublishResult } from '../../channel.js';
import { AppNotApproved, rejected, retryAfterSeconds, tokenExpired } from '../errors.js';
import { readRange } from '../fileRange.js';
import { mediaTypeOf } from '../../../http/mediaTypes.js';
import { call, field, stringField, transientError, type Answer, type Caller } from '../http.js';
import { TIKTOK_PRESET, type SocialPreset } from '../presets.js';
import { checkRequest } from '../preflight.js';
import { platformDetail } from '../redact.js';
import { assertSendable, baseUrl, credential, JobState, Pacer, packageResult, pause, publishReadyPackage, type CommonChannelOptions } from '../adapterKit.js';

export const TIKTOK_API_URL = 'https://open.tiktokapis.com';
/** "5 MB" and "64 MB" in TikTok's guide: the safe reading of each (5 MiB up, 64·10⁶ down). */
export const TIKTOK_MIN_CHUNK = 5 * 1024 * 1024;
export const TIKTOK_MAX_CHUNK = 64 * 1000 * 1000;
export const TIKTOK_MAX_FINAL_CHUNK = 128 * 1000 * 1000;
export const TIKTOK_MAX_CHUNKS = 1000;

export type TikTokPrivacy = 'PUBLIC_TO_EVERYONE' | 'MUTUAL_FOLLOW_FRIENDS' | 'FOLLOWER_OF_CREATOR' | 'SELF_ONLY';

export interface TikTokOptions extends CommonChannelOptions {
  /** 'direct' posts (video.publish scope); 'inbox' sends a draft the user posts from the app (video.upload). Default direct. */
  mode?: 'direct' | 'inbox';
  privacyLevel?: TikTokPrivacy;
  disableComment?: boolean;
  disableDuet?: boolean;
  disableStitch?: boolean;
  /** Bytes per chunk, kept within TikTok's 5–64 MB. Default 10 MiB. */
  chunkBytes?: number;
  /** Wait between status polls. Default 5 s (the endpoint allows 30 calls a minute). */
  statusPollMs?: number;
  /** Polls per publish() call before handing back to the queue with a RetryableError. Default 24. */
  statusPollLimit?: number;
}

interface TikTokState extends ChannelState {
  creatorUsername?: string;
  publishId?: string;
  uploadUrl?: string;
  chunkSize?: number;
  totalChunks?: number;
  /** Chunks TikTok acknowledged, in order. */
  nextChunk?: number;
  uploaded?: boolean;
  postId?: string;
  status?: string;
  fallback?: 'notApproved' | 'manual';
  packageDir?: string;
  packageZip?: string;
}

/** TikTok's chunking rules for a video of `size` bytes and a wished chunk size. */
export function planChunks(size: number, wanted: number): { chunkSize: number; totalChunks: number } {
  if (size < TIKTOK_MIN_CHUNK) return { chunkSize: size, totalChunks: 1 };
  let chunk = Math.min(Math.max(wanted, TIKTOK_MIN_CHUNK), TIKTOK_MAX_CHUNK);
  chunk = Math.max(chunk, Math.ceil(size / TIKTOK_MAX_CHUNKS));
  if (size <= chunk) return { chunkSize: size, totalChunks: 1 };
  return { chunkSize: chunk, totalChunks: Math.floor(size / chunk) };
}

export class TikTokAdapter implements ChannelAdapter {
  readonly id = 'tiktok' as const;
  readonly preset: SocialPreset = TIKTOK_PRESET;
  readonly credentialNames = ['accessToken'] as const;
  readonly defaultEndpoint = TIKTOK_API_URL;

  constructor(private readonly options: TikTokOptions = {}) {}

  preflight(request: PublishRequest): PreflightProblem[] {
    return checkRequest(this.preset, request).problems;
  }

  async publish(request: PublishRequest, ctx: PublishContext): Promise<PublishResult> {
    const state = new JobState<TikTokState>(ctx);
    if (state.value.status === this.doneStatus()) return this.result(state.value); // posted already
    if (state.value.packageDir && state.value.packageZip) return packageResult(state.value.packageDir, state.value.packageZip);
    const check = checkRequest(this.preset, request);
    assertSendable(this.id, check.problems);
    const { file } = check.chosen!;
    if (state.value.fallback || this.options.appApproved === false) {
      return publishReadyPackage(this.id, request, [file], this.options, state, ctx, state.value.fallback ?? 'manual');
    }
    const token = credential(this.id, ctx, 'accessToken');
    const caller: Caller = { channel: this.id, secrets: [token], signal: ctx.signal };
    const api = baseUrl(ctx, TIKTOK_API_URL);
    try {
      if (!state.value.publishId) await this.init(request, file, api, token, caller, state);
      else if (!state.value.uploaded) await this.resumePoint(file, api, token, caller, state);
      if (!state.value.uploaded) await this.transfer(file, caller, state, ctx);
    } catch (error) {
      if (error instanceof AppNotApproved) return publishReadyPackage(this.id, request, [file], this.options, state, ctx, 'notApproved');
      throw error;
    }
    await this.awaitPost(api, token, caller, state, ctx.signal);
    return this.result(state.value);
  }

  private doneStatus(): string {
    return (this.options.mode ?? 'direct') === 'direct' ? 'PUBLISH_COMPLETE' : 'SEND_TO_USER_INBOX';
  }

  private result({ publishId, postId, creatorUsername }: TikTokState): PublishResult {
    const profile = creatorUsername ? `https://www.tiktok.com/@${creatorUsername}` : 'https://www.tiktok.com/';
    return {
      url: postId && creatorUsername ? `${profile}/video/${postId}` : profile,
      remoteIds: { publishId: publishId!, ...(postId ? { postId } : {}) },
    };
  }

  private async init(request: PublishRequest, file: PublishFile, api: string, token: string, caller: Caller, state: JobState<TikTokState>) {
    const direct = (this.options.mode ?? 'direct') === 'direct';
    const privacy = this.options.privacyLevel ?? 'PUBLIC_TO_EVERYONE';
    if (direct) {
      const info = await this.post(caller, `${api}/v2/post/publish/creator_info/query/`, token, {});
      const options = field(info.json, 'data', 'privacy_level_options');
      if (Array.isArray(options) && !options.includes(privacy)) {
        throw new StudioError('publish.tiktokPrivacyNotAllowed', { channel: this.id, privacy, allowed: options.join(', ') });
      }
      const maxSeconds = Number(field(info.json, 'data', 'max_video_post_duration_sec'));
      const seconds = file.output.durationSec ?? 0;
      if (Number.isFinite(maxSeconds) && maxSeconds > 0 && seconds > maxSeconds) {
        throw new StudioError('publish.tiktokTooLongForCreator', { channel: this.id, seconds: Math.round(seconds), maxSeconds });
      }
      const username = stringField(info.json, 'data', 'creator_username');
      if (username) await state.set({ creatorUsername: username });
    }
    const size = file.output.bytes;
    const { chunkSize, totalChunks } = planChunks(size, this.options.chunkBytes ?? 10 * 1024 * 1024);
    const sourceInfo = { source: 'FILE_UPLOAD', video_size: size, chunk_size: chunkSize, total_chunk_count: totalChunks };
    const body = direct
      ? {
          post_info: {
            title: request.caption,
            privacy_level: privacy,
            disable_duet: this.options.disableDuet ?? false,
            disable_comment: this.options.disableComment ?? false,
            disable_stitch: this.options.disableStitch ?? false,
          },
          source_info: sourceInfo,
        }
      : { source_info: sourceInfo };
    const path = direct ? '/v2/post/publish/video/init/' : '/v2/post/publish/inbox/video/init/';
    const started = await this.post(caller, `${api}${path}`, token, body);
    const publishId = stringField(started.json, 'data', 'publish_id');
    const uploadUrl = stringField(started.json, 'data', 'upload_url');
    if (!publishId || !uploadUrl) throw rejected(this.id, started.status, `no publish_id or upload_url in: ${started.text}`, caller.secrets);
    await state.set({ publishId, uploadUrl, chunkSize, totalChunks, nextChunk: 0, uploaded: false });
  }

  /** After an interruption: TikTok's own count of received bytes decides the next chunk. */
  private async resumePoint(file: PublishFile, api: string, token: string, caller: Caller, state: JobState<TikTokState>) {
    const answer = await this.post(caller, `${api}/v2/post/publish/status/fetch/`, token, { publish_id: state.value.publishId });
    const status = stringField(answer.json, 'data', 'status');
    const received = Number(field(answer.json, 'data', 'uploaded_bytes'));
    if ((status && status !== 'PROCESSING_UPLOAD') || received >= file.output.bytes) {
      await state.set({ uploaded: true, nextChunk: state.value.totalChunks ?? 0, ...(status ? { status } : {}) });
      return;
    }
    if (Number.isFinite(received) && received >= 0) {
      const next = Math.min(Math.floor(received / state.value.chunkSize!), state.value.totalChunks! - 1);
      if (next !== state.value.nextChunk) await state.set({ nextChunk: next });
    }
  }

  private async transfer(file: PublishFile, caller: Caller, state: JobState<TikTokState>, ctx: PublishContext) {
    const size = file.output.bytes;
    const { chunkSize, totalChunks, uploadUrl } = state.value as Required<TikTokState>;
    const secrets = [...caller.secrets, uploadUrl];
    const pacer = new Pacer(ctx.uploadBytesPerSecond, ctx.signal);
    for (let i = state.value.nextChunk ?? 0; i < totalChunks; i++) {
      const start = i * chunkSize;
      const end = i === totalChunks - 1 ? size : start + chunkSize;
      await pacer.before(end - start);
      ctx.progress(start, size);
      const put = await call({ ...caller, secrets }, uploadUrl, {
        method: 'PUT',
        headers: {
          'Content-Type': mediaTypeOf(file.absolutePath),
          'Content-Length': String(end - start),
          'Content-Range': `bytes ${start}-${end - 1}/${size}`,
        },
        body: await readRange(file.absolutePath, start, end - start),
      });
      const last = i === totalChunks - 1;
      if (put.status === 201 || put.status === 200 || (put.status === 206 && !last)) {
        await state.set({ nextChunk: i + 1, ...(last ? { uploaded: true } : {}) });
        continue;
      }
      throw tiktokError({ ...caller, secrets }, put);
    }
    ctx.progress(size, size);
  }

  private async awaitPost(api: string, token: string, caller: Caller, state: JobState<TikTokState>, signal: AbortSignal) {
    const doneStatus = this.doneStatus();
    if (state.value.status === doneStatus) return;
    const limit = this.options.statusPollLimit ?? 24;
    const every = this.options.statusPollMs ?? 5000;
    for (let i = 0; i < limit; i++) {
      const answer = await this.post(caller, `${api}/v2/post/publish/status/fetch/`, token, { publish_id: state.value.publishId });
      const status = stringField(answer.json, 'data', 'status') ?? '';
      if (status === 'FAILED') {
        throw new StudioError('publish.platformFailed', {
          channel: this.id,
          reason: platformDetail(stringField(answer.json, 'data', 'fail_reason') ?? 'unknown', caller.secrets),
        });
      }
      const ids = field(answer.json, 'data', 'publicaly_available_post_id');
      const postId = Array.isArray(ids) && ids.length > 0 ? String(ids[0]) : undefined;
      if (status !== state.value.status || postId) await state.set({ status, ...(postId ? { postId } : {}) });
      if (status === doneStatus) return;
      await pause(every, signal);
    }
    throw new RetryableError(`${this.id}: TikTok is still processing the video`, Math.ceil(every / 1000) || 1);
  }

  /** A JSON POST to the API; anything but error.code "ok" is classified. */
  private async post(caller: Caller, url: string, token: string, body: unknown): Promise<Answer> {
    const answer = await call(caller, url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json; charset=UTF-8' },
      body: JSON.stringify(body),
    });
    if (answer.status === 200 && field(answer.json, 'error', 'code') === 'ok') return answer;
    throw tiktokError(caller, answer);
  }
}

/**
 * TikTok's error codes (error.code): access_token_invalid → reconnect;
 * rate_limit_exceeded, internal_error, 429, 5xx → retry;
 * unaudited_client_can_only_post_to_private_accounts → the app is not audited;
 * scope_not_authorized → the account did not grant the scope.
 */
function tiktokError(caller: Caller, answer: Answer): Error {
  const code = stringField(answer.json, 'error', 'code');
  const message = stringField(answer.json, 'error', 'message') ?? answer.text;
  if (code === 'access_token_invalid' || answer.status === 401) return tokenExpired(caller.channel);
  if (code === 'rate_limit_exceeded' || code === 'internal_error') {
    return new RetryableError(platformDetail(`${caller.channel}: ${code}: ${message}`, caller.secrets), retryAfterSeconds(answer.headers));
  }
  const transient = transientError(caller, answer);
  if (transient) return transient;
  if (code === 'unaudited_client_can_only_post_to_private_accounts') return new AppNotApproved(platformDetail(message, caller.secrets));
  if (code === 'scope_not_authorized') return new StudioError('publish.scopeMissing', { channel: caller.channel });
  return rejected(caller.channel, answer.status, code ? `${code}: ${message}` : message, caller.secrets);
}
