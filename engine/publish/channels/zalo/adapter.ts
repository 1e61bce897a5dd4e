/**
 * Zalo Official Account: a video article (upload the video, wait for Zalo to
 * convert it, create the article) or, for an image, a normal article.
 *
 * Zalo's own API pages (developers.zalo.me/docs/official-account/bai-viet/…)
 * were not available to the search tool; this follows Zalo's official Java
 * SDK examples (github.com/zaloplatform/zalo-java-sdk: UploadVideoForArticle,
 * CheckStatusVideo, CreateVideoArticle, CreateNormalArticle, GetArticleId,
 * GetListArticle), which call the documented endpoints:
 *   POST {base}/v2.0/article/upload_video/preparevideo   multipart `file` → data.token
 *   GET  {base}/v2.0/article/upload_video/verify          header `token`  → data.video_id once converted
 *   POST {base}/v2.0/article/create                       JSON article    → data.token
 *   POST {base}/v2.0/article/verify                       {token}         → data.id
 *   GET  {base}/v2.0/article/getslice?offset&limit&type   recent articles (to avoid creating twice)
 * with the OA access token in an `access_token` header. Answers are HTTP 200
 * with `error` 0 on success and a negative `error` code otherwise.
 *
 * An image paragraph takes a `caption` (CreateNormalArticle.java) and no
 * alternative text of its own, so an image's description (OutputEntry.altText)
 * is its caption, seen by all readers under the picture.
 *
 * Articles reference images by URL: Zalo's image upload (/v2.0/oa/upload/image)
 * returns an attachment id that only messages accept, so an image article needs
 * the image's public URL (for example on the provincial portal) in `imageUrls`,
 * and every article needs a cover photo URL. The video upload is one request
 * (at most 50 MB); Zalo documents no resumable upload, so an interrupted upload
 * is sent again whole, while every later step resumes from its checkpoint.
 */
import path from 'node:path';
import { RetryableError, type ChannelAdapter, type ChannelState, type PreflightProblem, type PublishContext, type PublishFile, type PublishRequest, type PublishResult } from '../../channel.js';
import { AppNotApproved, rejected, tokenExpired } from '../errors.js';
import { readRange } from '../fileRange.js';
import { mediaTypeOf } from '../../../http/mediaTypes.js';
import { call, field, stringField, transientError, type Answer, type Caller } from '../http.js';
import { ZALO_PRESET, type SocialPreset } from '../presets.js';
import { checkRequest } from '../preflight.js';
import { platformDetail } from '../redact.js';
import { assertSendable, baseUrl, credential, JobState, missingSettings, packageResult, pause, publishReadyPackage, type CommonChannelOptions } from '../adapterKit.js';

export const ZALO_API_URL = 'https://openapi.zalo.me';

export interface ZaloOptions extends CommonChannelOptions {
  /** The OA's id: the result links to the OA's page, where the article appears. */
  oaId?: string;
  /** Author shown on normal articles (at most 50 characters). */
  author: string;
  /** Public https URL of the cover photo (normal articles) and the video article's avatar. */
  coverPhotoUrl: string;
  /** Public URL of each image, keyed by the output's path in the build (needed for image articles). */
  imageUrls?: Record<string, string>;
  status?: 'show' | 'hide';
  comment?: 'show' | 'hide';
  /** Wait between checks while Zalo converts the video or processes the article. Default 3 s. */
  pollMs?: number;
  /** Checks per publish() call before handing back to the queue. Default 40. */
  pollLimit?: number;
}

interface ZaloState extends ChannelState {
  videoToken?: string;
  videoId?: string;
  createStartedAt?: number;
  articleToken?: string;
  articleId?: string;
  fallback?: 'notApproved' | 'manual';
  packageDir?: string;
  packageZip?: string;
}

/** -216 invalid and -124 expired access token. */
const TOKEN_ERRORS = new Set([-216, -124]);
/** -32 too many requests a minute. */
const RATE_ERRORS = new Set([-32]);
/** -209 app not activated for this API, -212 OA has not registered this API, -221 OA not verified. */
const NOT_APPROVED_ERRORS = new Set([-209, -212, -221]);
/** -214 the article is still being processed. */
const PROCESSING_ERRORS = new Set([-214]);

export class ZaloAdapter implements ChannelAdapter {
  readonly id = 'zalo' as const;
  readonly preset: SocialPreset = ZALO_PRESET;
  readonly credentialNames = ['accessToken'] as const;
  readonly defaultEndpoint = ZALO_API_URL;

  constructor(private readonly options: ZaloOptions) {}

  preflight(request: PublishRequest): PreflightProblem[] {
    const check = checkRequest(this.preset, request, { title: request.material.title.text.trim() });
    const problems = [...check.problems];
    problems.push(...missingSettings(this.id, { author: this.options.author, coverPhotoUrl: this.options.coverPhotoUrl }));
    if (this.options.author && [...this.options.author].length > 50) {
      problems.push({ code: 'authorTooLong', params: { channel: this.id, length: [...this.options.author].length, max: 50 } });
    }
    const chosen = check.chosen;
    if (chosen?.kind === 'image' && this.options.appApproved !== false && !this.options.imageUrls?.[chosen.file.output.path]) {
      problems.push({ code: 'imageNeedsPublicUrl', params: { channel: this.id, file: chosen.file.output.path } });
    }
    return problems;
  }

  async publish(request: PublishRequest, ctx: PublishContext): Promise<PublishResult> {
    const state = new JobState<ZaloState>(ctx);
    if (state.value.articleId) return this.result(state.value.articleId); // posted already
    if (state.value.packageDir && state.value.packageZip) return packageResult(state.value.packageDir, state.value.packageZip);
    assertSendable(this.id, this.preflight(request));
    const title = request.material.title.text.trim();
    const { file, kind } = checkRequest(this.preset, request).chosen!;
    if (state.value.fallback || this.options.appApproved === false) {
      return publishReadyPackage(this.id, request, [file], this.options, state, ctx, state.value.fallback ?? 'manual', title);
    }
    const token = credential(this.id, ctx, 'accessToken');
    const caller: Caller = { channel: this.id, secrets: [token], signal: ctx.signal };
    const api = `${baseUrl(ctx, ZALO_API_URL)}/v2.0`;
    try {
      if (kind === 'video') {
        if (!state.value.videoToken) await this.uploadVideo(file, api, token, caller, state, ctx);
        if (!state.value.videoId) await this.awaitVideo(api, token, caller, state, ctx.signal);
      }
      if (!state.value.articleToken) await this.createArticle(request, file, kind, title, api, token, caller, state);
      await this.awaitArticle(api, token, caller, state, ctx.signal);
    } catch (error) {
      if (error instanceof AppNotApproved) return publishReadyPackage(this.id, request, [file], this.options, state, ctx, 'notApproved', title);
      throw error;
    }
    return this.result(state.value.articleId!);
  }

  private result(articleId: string): PublishResult {
    return {
      url: this.options.oaId ? `https://zalo.me/${this.options.oaId}` : 'https://oa.zalo.me/',
      remoteIds: { articleId, ...(this.options.oaId ? { oaId: this.options.oaId } : {}) },
    };
  }

  private async uploadVideo(file: PublishFile, api: string, token: string, caller: Caller, state: JobState<ZaloState>, ctx: PublishContext) {
    const size = file.output.bytes;
    ctx.progress(0, size);
    const form = new FormData();
    form.set('file', new Blob([await readRange(file.absolutePath, 0, size)], { type: mediaTypeOf(file.absolutePath) }), path.basename(file.absolutePath));
    const answer = await this.expectOk(caller, await call(caller, `${api}/article/upload_video/preparevideo`, {
      method: 'POST',
      headers: { access_token: token },
      body: form,
    }));
    const videoToken = stringField(answer.json, 'data', 'token');
    if (!videoToken) throw rejected(this.id, answer.status, `no token in the video upload answer: ${answer.text}`, caller.secrets);
    await state.set({ videoToken });
    ctx.progress(size, size);
  }

  private async awaitVideo(api: string, token: string, caller: Caller, state: JobState<ZaloState>, signal: AbortSignal) {
    const secrets = [...caller.secrets, state.value.videoToken!];
    for (let i = 0; i < (this.options.pollLimit ?? 40); i++) {
      const answer = await this.expectOk({ ...caller, secrets }, await call({ ...caller, secrets }, `${api}/article/upload_video/verify`, {
        method: 'GET',
        headers: { access_token: token, token: state.value.videoToken! },
      }));
      const videoId = stringField(answer.json, 'data', 'video_id');
      if (videoId) return state.set({ videoId });
      await pause(this.options.pollMs ?? 3000, signal);
    }
    throw new RetryableError(`${this.id}: Zalo is still converting the video`, Math.ceil((this.options.pollMs ?? 3000) / 1000));
  }

  private async createArticle(
    request: PublishRequest,
    file: PublishFile,
    kind: 'video' | 'image',
    title: string,
    api: string,
    token: string,
    caller: Caller,
    state: JobState<ZaloState>,
  ) {
    if (state.value.createStartedAt !== undefined) {
      const found = await this.findRecent(kind === 'video' ? 'video' : 'normal', title, api, token, caller);
      if (found) return state.set({ articleId: found });
    }
    const shared = { title, description: request.caption, status: this.options.status ?? 'show', comment: this.options.comment ?? 'show' };
    const article =
      kind === 'video'
        ? { type: 'video', ...shared, video_id: state.value.videoId, avatar: this.options.coverPhotoUrl }
        : {
            type: 'normal',
            ...shared,
            author: this.options.author,
            cover: { cover_type: 'photo', photo_url: this.options.coverPhotoUrl, status: 'show' },
            body: [
              // Zalo's image paragraph has no alternative-text field, only `caption`, shown under the picture:
              // the build's description of it (key messages, figures, citation) goes there, for every reader.
              { type: 'image', url: this.options.imageUrls![file.output.path], ...(file.output.altText ? { caption: file.output.altText } : {}) },
              { type: 'text', content: request.caption },
            ],
          };
    await state.set({ createStartedAt: Math.floor(Date.now() / 1000) });
    const answer = await this.expectOk(caller, await call(caller, `${api}/article/create`, {
      method: 'POST',
      headers: { access_token: token, 'Content-Type': 'application/json' },
      body: JSON.stringify(article),
    }));
    const articleToken = stringField(answer.json, 'data', 'token');
    if (!articleToken) throw rejected(this.id, answer.status, `no token in the article answer: ${answer.text}`, caller.secrets);
    await state.set({ articleToken });
  }

  private async awaitArticle(api: string, token: string, caller: Caller, state: JobState<ZaloState>, signal: AbortSignal) {
    if (state.value.articleId) return;
    const secrets = [...caller.secrets, state.value.articleToken!];
    for (let i = 0; i < (this.options.pollLimit ?? 40); i++) {
      const raw = await call({ ...caller, secrets }, `${api}/article/verify`, {
        method: 'POST',
        headers: { access_token: token, 'Content-Type': 'application/json' },
        body: JSON.stringify({ token: state.value.articleToken }),
      });
      if (!PROCESSING_ERRORS.has(Number(field(raw.json, 'error')))) {
        const answer = await this.expectOk({ ...caller, secrets }, raw);
        const articleId = stringField(answer.json, 'data', 'id');
        if (articleId) return state.set({ articleId });
      }
      await pause(this.options.pollMs ?? 3000, signal);
    }
    throw new RetryableError(`${this.id}: Zalo is still processing the article`, Math.ceil((this.options.pollMs ?? 3000) / 1000));
  }

  private async findRecent(type: 'normal' | 'video', title: string, api: string, token: string, caller: Caller): Promise<string | undefined> {
    const answer = await this.expectOk(caller, await call(caller, `${api}/article/getslice?offset=0&limit=10&type=${type}`, {
      method: 'GET',
      headers: { access_token: token },
    }));
    const data = field(answer.json, 'data');
    const medias = Array.isArray(data) ? data : field(data, 'medias');
    if (!Array.isArray(medias)) return undefined;
    return stringField(medias.find((m) => field(m, 'title') === title), 'id');
  }

  /** HTTP 200 with error 0, or the right failure. */
  private async expectOk(caller: Caller, answer: Answer): Promise<Answer> {
    const transient = transientError(caller, answer);
    if (transient) throw transient;
    const code = Number(field(answer.json, 'error'));
    if (answer.status === 200 && code === 0) return answer;
    const message = stringField(answer.json, 'message') ?? answer.text;
    if (TOKEN_ERRORS.has(code) || answer.status === 401) throw tokenExpired(this.id);
    if (RATE_ERRORS.has(code)) throw new RetryableError(platformDetail(`${this.id}: error ${code}: ${message}`, caller.secrets));
    if (NOT_APPROVED_ERRORS.has(code)) throw new AppNotApproved(platformDetail(message, caller.secrets));
    throw rejected(this.id, answer.status, Number.isFinite(code) ? `error ${code}: ${message}` : message, caller.secrets);
  }
}
