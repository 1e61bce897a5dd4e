/**
 * Facebook Page: a photo post, or a video uploaded with Meta's Resumable
 * Upload API and then published on the Page.
 *
 * Which video protocol: the current Video API publishing guide
 * (developers.facebook.com/docs/video-api/guides/publishing, Graph v20–v26)
 * uploads the file with the Resumable Upload API — POST /{app-id}/uploads
 * opens a session, POST /upload:{session} with a `file_offset` header and an
 * `Authorization: OAuth` header sends the bytes and returns a file handle
 * `h`, GET /upload:{session} tells how far an interrupted upload got — and
 * publishes with POST /{page-id}/videos carrying `fbuploader_video_file_chunk`
 * = the handle. The older upload_phase=start/transfer/finish sequence on
 * /{page-id}/videos is no longer what the guide describes, so it is not used.
 *
 * Photos: POST /{page-id}/photos with the file as `source` and the text as
 * `message` (developers.facebook.com/docs/pages-api/posts, Page Photos reference).
 *
 * Graph has no idempotency key for creating posts, so before a create whose
 * answer may have been lost, the adapter looks for the post among the Page's
 * recent videos or photos (same text, created after the first attempt) and
 * adopts it instead of posting twice.
 */
import path from 'node:path';
import { StudioError } from '../../../errors.js';
import { RetryableError, type ChannelAdapter, type ChannelState, type PreflightProblem, type PublishContext, type PublishFile, type PublishRequest, type PublishResult } from '../../channel.js';
import { AppNotApproved, rejected, tokenExpired } from '../errors.js';
import { readRange } from '../fileRange.js';
import { mediaTypeOf } from '../../../http/mediaTypes.js';
import { fileBody } from '../../upload.js';
import { call, field, stringField, transientError, type Answer, type Caller } from '../http.js';
import { FACEBOOK_PRESET, type SocialPreset } from '../presets.js';
import { checkRequest } from '../preflight.js';
import { platformDetail } from '../redact.js';
import { assertSendable, baseUrl, credential, JobState, missingSettings, packageResult, publishReadyPackage, type CommonChannelOptions } from '../adapterKit.js';

export const FACEBOOK_GRAPH_URL = 'https://graph.facebook.com';
export const FACEBOOK_GRAPH_VERSION = 'v24.0';

export interface FacebookOptions extends CommonChannelOptions {
  pageId: string;
  /** The Meta app that owns Resumable Upload API sessions (/{app-id}/uploads). */
  appId: string;
  graphVersion?: string;
}

/**
 * Credentials: `pageAccessToken` (publishes on the Page) and, optionally,
 * `userAccessToken` for the upload session, which Meta's guide asks for;
 * without it the Page token is used for both.
 */
interface FacebookState extends ChannelState {
  uploadSession?: string;
  fileHandle?: string;
  /** Unix seconds when the create request was first sent; set means "look before creating again". */
  createStartedAt?: number;
  videoId?: string;
  photoId?: string;
  postId?: string;
  fallback?: 'notApproved' | 'manual';
  packageDir?: string;
  packageZip?: string;
}

/** Graph error codes: https://developers.facebook.com/docs/graph-api/guides/error-handling */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80001]);
const TRANSIENT_CODES = new Set([1, 2]);
const TOKEN_CODES = new Set([190, 102]);

export class FacebookAdapter implements ChannelAdapter {
  readonly id = 'facebook' as const;
  readonly preset: SocialPreset = FACEBOOK_PRESET;
  readonly credentialNames = ['pageAccessToken', 'userAccessToken'] as const;
  readonly defaultEndpoint = FACEBOOK_GRAPH_URL;

  constructor(private readonly options: FacebookOptions) {}

  preflight(request: PublishRequest): PreflightProblem[] {
    const { problems } = checkRequest(this.preset, request);
    return [...problems, ...missingSettings(this.id, { pageId: this.options.pageId, appId: this.options.appId })];
  }

  async publish(request: PublishRequest, ctx: PublishContext): Promise<PublishResult> {
    const state = new JobState<FacebookState>(ctx);
    const done = this.result(state.value);
    if (done) return done; // posted already: nothing to check or send
    if (state.value.packageDir && state.value.packageZip) return packageResult(state.value.packageDir, state.value.packageZip);
    const check = checkRequest(this.preset, request);
    assertSendable(this.id, check.problems);
    const { file, kind } = check.chosen!;
    if (state.value.fallback || this.options.appApproved === false) {
      return publishReadyPackage(this.id, request, [file], this.options, state, ctx, state.value.fallback ?? 'manual');
    }
    const pageToken = credential(this.id, ctx, 'pageAccessToken');
    const userToken = ctx.credentials['userAccessToken'] || pageToken;
    const caller: Caller = { channel: this.id, secrets: [pageToken, userToken], signal: ctx.signal };
    const graph = `${baseUrl(ctx, FACEBOOK_GRAPH_URL)}/${this.options.graphVersion ?? FACEBOOK_GRAPH_VERSION}`;
    try {
      if (kind === 'video') {
        if (!state.value.fileHandle) await this.upload(file, graph, userToken, caller, state, ctx);
        await this.createVideo(request, graph, pageToken, caller, state);
      } else {
        await this.createPhoto(request, file, graph, pageToken, caller, state);
      }
    } catch (error) {
      if (error instanceof AppNotApproved) return publishReadyPackage(this.id, request, [file], this.options, state, ctx, 'notApproved');
      throw error;
    }
    return this.result(state.value)!;
  }

  private result(s: FacebookState): PublishResult | null {
    const page = this.options.pageId;
    if (s.videoId) return { url: `https://www.facebook.com/${page}/videos/${s.videoId}`, remoteIds: { pageId: page, videoId: s.videoId } };
    if (s.photoId) {
      const post = s.postId ?? `${page}_${s.photoId}`;
      return { url: `https://www.facebook.com/${post}`, remoteIds: { pageId: page, photoId: s.photoId, postId: post } };
    }
    return null;
  }

  /** Resumable Upload API: open a session (once), ask how far it got, send the rest. */
  private async upload(file: PublishFile, graph: string, token: string, caller: Caller, state: JobState<FacebookState>, ctx: PublishContext) {
    const size = file.output.bytes;
    let offset = 0;
    if (state.value.uploadSession) {
      const status = await call(caller, `${graph}/${state.value.uploadSession}`, { method: 'GET', headers: { Authorization: `OAuth ${token}` } });
      if (status.status === 200) offset = Number(field(status.json, 'file_offset') ?? 0);
      else {
        const error = graphError(caller, status);
        // Only a plain refusal means the session expired or is unknown: then a new one is opened.
        if (!(error instanceof StudioError && error.code === 'publish.rejected')) throw error;
        await state.clear('uploadSession');
      }
    }
    if (!state.value.uploadSession) {
      const q = new URLSearchParams({
        file_name: path.basename(file.absolutePath),
        file_length: String(size),
        file_type: mediaTypeOf(file.absolutePath),
        access_token: token,
      });
      const opened = await call(caller, `${graph}/${this.options.appId}/uploads?${q}`, { method: 'POST' });
      if (opened.status !== 200) throw graphError(caller, opened);
      const session = stringField(opened.json, 'id');
      if (!session?.startsWith('upload:')) throw rejected(this.id, opened.status, `unexpected upload session answer: ${opened.text}`, caller.secrets);
      await state.set({ uploadSession: session });
      offset = 0;
    }
    if (!Number.isInteger(offset) || offset < 0 || offset > size) {
      throw rejected(this.id, 200, `the upload session reports offset ${offset} for a ${size}-byte file`, caller.secrets);
    }
    ctx.progress(offset, size);
    const sent = await call(caller, `${graph}/${state.value.uploadSession}`, {
      method: 'POST',
      headers: { Authorization: `OAuth ${token}`, file_offset: String(offset), 'Content-Length': String(size - offset) },
      body: fileBody(file.absolutePath, {
        start: offset,
        onBytes: (n) => ctx.progress(offset + n, size),
        ...(ctx.uploadBytesPerSecond ? { bytesPerSecond: ctx.uploadBytesPerSecond } : {}),
        signal: ctx.signal,
      }),
      duplex: 'half',
    });
    if (sent.status !== 200) throw graphError(caller, sent);
    const handle = stringField(sent.json, 'h');
    if (!handle) throw rejected(this.id, sent.status, `no file handle in the upload answer: ${sent.text}`, caller.secrets);
    await state.set({ fileHandle: handle });
  }

  private async createVideo(request: PublishRequest, graph: string, token: string, caller: Caller, state: JobState<FacebookState>) {
    if (state.value.videoId) return;
    const page = this.options.pageId;
    if (state.value.createStartedAt !== undefined) {
      const found = await this.findRecent(`${graph}/${page}/videos`, { fields: 'id,description,created_time' }, 'description', request.caption, state.value.createStartedAt, token, caller);
      if (found) return state.set({ videoId: found });
    }
    await state.set({ createStartedAt: Math.floor(Date.now() / 1000) });
    const form = new FormData();
    form.set('access_token', token);
    form.set('title', request.material.title.text);
    form.set('description', request.caption);
    form.set('fbuploader_video_file_chunk', state.value.fileHandle!);
    const created = await call(caller, `${graph}/${page}/videos`, { method: 'POST', body: form });
    if (created.status !== 200) throw graphError(caller, created);
    const id = stringField(created.json, 'id');
    if (!id) throw rejected(this.id, created.status, `no video id in the answer: ${created.text}`, caller.secrets);
    await state.set({ videoId: id });
  }

  private async createPhoto(request: PublishRequest, file: PublishFile, graph: string, token: string, caller: Caller, state: JobState<FacebookState>) {
    if (state.value.photoId) return;
    const page = this.options.pageId;
    if (state.value.createStartedAt !== undefined) {
      const found = await this.findRecent(`${graph}/${page}/photos`, { type: 'uploaded', fields: 'id,name,created_time' }, 'name', request.caption, state.value.createStartedAt, token, caller);
      if (found) return state.set({ photoId: found });
    }
    await state.set({ createStartedAt: Math.floor(Date.now() / 1000) });
    const bytes = await readRange(file.absolutePath, 0, file.output.bytes);
    const form = new FormData();
    form.set('access_token', token);
    form.set('message', request.caption);
    // The picture described for people who cannot see it (the build's altText: key messages, figures, citation).
    if (file.output.altText) form.set('alt_text_custom', file.output.altText);
    form.set('source', new Blob([bytes], { type: mediaTypeOf(file.absolutePath) }), path.basename(file.absolutePath));
    const created = await call(caller, `${graph}/${page}/photos`, { method: 'POST', body: form });
    if (created.status !== 200) throw graphError(caller, created);
    const id = stringField(created.json, 'id');
    if (!id) throw rejected(this.id, created.status, `no photo id in the answer: ${created.text}`, caller.secrets);
    const postId = stringField(created.json, 'post_id');
    await state.set({ photoId: id, ...(postId ? { postId } : {}) });
  }

  /** An item on the Page with exactly this text, created since our first attempt (minus clock skew). */
  private async findRecent(
    url: string,
    params: Record<string, string>,
    textField: string,
    text: string,
    since: number,
    token: string,
    caller: Caller,
  ): Promise<string | undefined> {
    const q = new URLSearchParams({ ...params, limit: '25', access_token: token });
    const listed = await call(caller, `${url}?${q}`, { method: 'GET' });
    if (listed.status !== 200) throw graphError(caller, listed);
    const items = field(listed.json, 'data');
    if (!Array.isArray(items)) return undefined;
    for (const item of items) {
      const created = Date.parse(String(field(item, 'created_time') ?? '')) / 1000;
      if (field(item, textField) === text && created >= since - 300) return stringField(item, 'id');
    }
    return undefined;
  }
}

/**
 * The error for a Graph answer that is not a success: RetryableError for
 * 429/5xx and Graph's rate-limit and transient codes, the reconnect message for
 * code 190, AppNotApproved for permission errors (10, 200–299: the app lacks a
 * reviewed permission), else a plain rejection.
 */
function graphError(caller: Caller, answer: Answer): Error {
  const transient = transientError(caller, answer);
  if (transient) return transient;
  const code = Number(field(answer.json, 'error', 'code'));
  if (TOKEN_CODES.has(code) || answer.status === 401) return tokenExpired(caller.channel);
  const message = stringField(answer.json, 'error', 'message') ?? answer.text;
  if (RATE_LIMIT_CODES.has(code) || TRANSIENT_CODES.has(code)) {
    return new RetryableError(platformDetail(`${caller.channel}: Graph error ${code}: ${message}`, caller.secrets));
  }
  if (code === 10 || (code >= 200 && code <= 299)) return new AppNotApproved(platformDetail(message, caller.secrets));
  return rejected(caller.channel, answer.status, message, caller.secrets);
}
