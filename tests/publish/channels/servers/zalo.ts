/**
 * A local Zalo OA article API following the calls of Zalo's official SDK
 * examples: video upload (multipart `file`, at most 50 MB, MP4/AVI) → token;
 * verify → video_id once "converted"; article/create (video or normal) with
 * the documented field limits → token; article/verify → id; getslice listing.
 * The OA token travels in an `access_token` header; errors are HTTP 200 with a
 * negative `error` code, as Zalo answers.
 */
import { createHash, randomBytes } from 'node:crypto';
import type http from 'node:http';
import { ContractServer, formData, send } from './common.js';

export interface ZaloServerOptions {
  maxVideoBytes?: number;
  /** verify polls answering "converting" before the video_id appears. */
  convertPolls?: number;
  /** article/verify polls answering -214 (processing) before the id appears. */
  processingPolls?: number;
  /** An error code article/create answers, e.g. -221 (OA not verified for this API). */
  createError?: number;
}

interface Video {
  token: string;
  videoId: string;
  name: string;
  sha256: string;
  polls: number;
}

export class ZaloServer extends ContractServer {
  readonly videos: Video[] = [];
  readonly articles: { id: string; token: string; type: string; title: string; description: string; body: unknown; videoId?: string; polls: number }[] = [];

  constructor(readonly options: ZaloServerOptions = {}) {
    super();
  }

  private reply(res: http.ServerResponse, error: number, message: string, data?: unknown) {
    send(res, 200, { ...(data !== undefined ? { data } : {}), error, message });
  }

  private refuse(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const token = req.headers['access_token'];
    const state = this.tokenState(typeof token === 'string' ? token : undefined);
    if (state === 'valid') return false;
    if (state === 'expired') this.reply(res, -124, 'Access token has expired');
    else this.reply(res, -216, 'Access token is invalid');
    return true;
  }

  protected async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const p = url.pathname;
    if (req.method === 'POST' && p === '/v2.0/article/upload_video/preparevideo') return this.uploadVideo(req, res);
    if (req.method === 'GET' && p === '/v2.0/article/upload_video/verify') return this.verifyVideo(req, res);
    if (req.method === 'POST' && p === '/v2.0/article/create') return this.create(req, res);
    if (req.method === 'POST' && p === '/v2.0/article/verify') return this.verifyArticle(req, res);
    if (req.method === 'GET' && p === '/v2.0/article/getslice') return this.slice(req, res, url);
    send(res, 404, { error: -404, message: `no route ${req.method} ${p}` });
  }

  private async uploadVideo(req: http.IncomingMessage, res: http.ServerResponse) {
    if (await this.statusFault('zl.video', req, res)) return;
    const { bytes, reset } = await this.body('zl.video', req);
    this.hits.push({ route: 'zl.video', method: 'POST', path: req.url ?? '', bytes: bytes.length });
    if (reset) return;
    if (this.refuse(req, res)) return;
    const file = (await formData(req, bytes)).get('file');
    if (!(file instanceof File)) return this.reply(res, -201, 'file is required');
    if (!/\.(mp4|avi)$/i.test(file.name)) return this.reply(res, -201, 'Only MP4 and AVI videos are accepted');
    if (file.size > (this.options.maxVideoBytes ?? 50e6)) return this.reply(res, -210, 'Video size exceeds 50MB');
    const token = randomBytes(16).toString('base64');
    this.videos.push({
      token,
      videoId: randomBytes(8).toString('hex'),
      name: file.name,
      sha256: createHash('sha256').update(Buffer.from(await file.arrayBuffer())).digest('hex'),
      polls: 0,
    });
    this.reply(res, 0, 'Success', { token });
  }

  private async verifyVideo(req: http.IncomingMessage, res: http.ServerResponse) {
    if (await this.statusFault('zl.videoVerify', req, res)) return;
    this.hits.push({ route: 'zl.videoVerify', method: 'GET', path: req.url ?? '', bytes: 0 });
    if (this.refuse(req, res)) return;
    const video = this.videos.find((v) => v.token === req.headers['token']);
    if (!video) return this.reply(res, -201, 'token is invalid');
    if (video.polls++ < (this.options.convertPolls ?? 1)) return this.reply(res, 0, 'Success', { status: 2, convert_percent: 40, status_message: 'converting', video_id: '' });
    this.reply(res, 0, 'Success', { status: 1, convert_percent: 100, status_message: 'done', video_id: video.videoId, video_name: video.name });
  }

  private async create(req: http.IncomingMessage, res: http.ServerResponse) {
    if (await this.statusFault('zl.create', req, res)) return;
    const { bytes } = await this.body('zl.create', req);
    this.hits.push({ route: 'zl.create', method: 'POST', path: req.url ?? '', bytes: bytes.length });
    if (this.refuse(req, res)) return;
    if (this.options.createError) return this.reply(res, this.options.createError, 'OA is not allowed to use this API');
    const a = JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
    const title = String(a['title'] ?? '');
    const description = String(a['description'] ?? '');
    const problem = (() => {
      if (!['normal', 'video'].includes(String(a['type']))) return 'type must be normal or video';
      if (!title || [...title].length > 150) return 'title is required, at most 150 characters';
      if (!description || [...description].length > 300) return 'description is required, at most 300 characters';
      if (!['show', 'hide'].includes(String(a['status'])) || !['show', 'hide'].includes(String(a['comment']))) return 'status and comment are show or hide';
      if (a['type'] === 'video') {
        if (!this.videos.some((v) => v.videoId === a['video_id'])) return 'video_id is unknown';
        if (!/^https:\/\//.test(String(a['avatar']))) return 'avatar must be an https URL';
      } else {
        const author = String(a['author'] ?? '');
        if (!author || [...author].length > 50) return 'author is required, at most 50 characters';
        const cover = a['cover'] as Record<string, unknown> | undefined;
        if (cover?.['cover_type'] !== 'photo' || !/^https:\/\//.test(String(cover?.['photo_url']))) return 'cover.photo_url must be an https URL';
        const body = a['body'];
        if (!Array.isArray(body) || body.length === 0) return 'body is required';
        for (const item of body as Record<string, unknown>[]) {
          if (item['type'] === 'image' && !/^https:\/\//.test(String(item['url']))) return 'body images need an https url';
        }
      }
      return null;
    })();
    if (problem) return this.reply(res, -201, problem);
    const token = randomBytes(24).toString('base64');
    this.articles.push({
      id: randomBytes(10).toString('hex'),
      token,
      type: String(a['type']),
      title,
      description,
      body: a['body'],
      ...(a['type'] === 'video' ? { videoId: String(a['video_id']) } : {}),
      polls: 0,
    });
    if (this.dropAnswer('zl.create', res)) return;
    this.reply(res, 0, 'Success', { token });
  }

  private async verifyArticle(req: http.IncomingMessage, res: http.ServerResponse) {
    if (await this.statusFault('zl.verify', req, res)) return;
    const { bytes } = await this.body('zl.verify', req);
    this.hits.push({ route: 'zl.verify', method: 'POST', path: req.url ?? '', bytes: bytes.length });
    if (this.refuse(req, res)) return;
    const token = (JSON.parse(bytes.toString('utf8')) as { token?: string }).token;
    const article = this.articles.find((a) => a.token === token);
    if (!article) return this.reply(res, -201, 'token is invalid');
    if (article.polls++ < (this.options.processingPolls ?? 0)) return this.reply(res, -214, 'Article is being processed');
    this.reply(res, 0, 'Success', { id: article.id });
  }

  private async slice(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    this.hits.push({ route: 'zl.slice', method: 'GET', path: url.pathname, bytes: 0 });
    if (this.refuse(req, res)) return;
    const type = url.searchParams.get('type');
    const medias = [...this.articles].reverse().filter((a) => a.type === type).slice(0, Number(url.searchParams.get('limit') ?? 10))
      .map((a) => ({ id: a.id, type: a.type, title: a.title, status: 'show' }));
    this.reply(res, 0, 'Success', { medias, total: medias.length });
  }
}
