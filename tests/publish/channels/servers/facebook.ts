/**
 * A local Graph API that enforces Meta's documented contract for what the
 * Facebook adapter does: the Resumable Upload API (session on /{app-id}/uploads
 * with file_name/file_length/file_type and a user token; bytes on
 * /upload:{session} with `Authorization: OAuth` and a `file_offset` header
 * that must equal what the server holds; GET to learn the offset), video
 * publishing with `fbuploader_video_file_chunk`, photo posts, Page listings,
 * Graph-style errors (190 for expired tokens, 200 for a missing permission).
 */
import { createHash, randomBytes } from 'node:crypto';
import type http from 'node:http';
import { bearer, ContractServer, formData, send } from './common.js';

interface Session {
  id: string;
  fileName: string;
  length: number;
  type: string;
  data: Buffer[];
  received: number;
  handle?: string;
}

export interface FacebookServerOptions {
  appId: string;
  pageId: string;
  maxVideoBytes?: number;
  maxPhotoBytes?: number;
  /** false: publishing answers Graph error 200 (permission not granted through App Review). */
  appApproved?: boolean;
}

export class FacebookServer extends ContractServer {
  readonly sessions = new Map<string, Session>();
  readonly videos: { id: string; title: string; description: string; sha256: string; created: number }[] = [];
  readonly photos: { id: string; postId: string; message: string; altText: string | null; bytes: number; created: number }[] = [];
  private seq = 1000;

  constructor(readonly options: FacebookServerOptions) {
    super();
  }

  private graphError(res: http.ServerResponse, status: number, code: number, message: string, subcode?: number) {
    send(res, status, { error: { message, type: code === 190 ? 'OAuthException' : 'GraphMethodException', code, ...(subcode ? { error_subcode: subcode } : {}), fbtrace_id: 'AbCdEf' } });
  }

  /** True when the token was refused (and the answer sent). */
  private refuseToken(res: http.ServerResponse, token: string | undefined): boolean {
    const state = this.tokenState(token);
    if (state === 'valid') return false;
    if (state === 'expired') this.graphError(res, 400, 190, 'Error validating access token: Session has expired on Monday, 01-Jan-24 00:00:00 PST.', 463);
    else this.graphError(res, 400, 190, 'Invalid OAuth access token - Cannot parse access token');
    return true;
  }

  protected async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const m = /^\/v\d+\.\d+\/(.+)$/.exec(url.pathname);
    if (!m) return send(res, 404, { error: { message: 'Unknown path', code: 803 } });
    const node = decodeURIComponent(m[1]!);
    const { appId, pageId } = this.options;
    if (req.method === 'POST' && node === `${appId}/uploads`) return this.openSession(req, res, url);
    if (node.startsWith('upload:')) {
      const session = this.sessions.get(`${node}?sig=${url.searchParams.get('sig') ?? ''}`);
      if (req.method === 'GET') return this.sessionStatus(req, res, session);
      if (req.method === 'POST') return this.transfer(req, res, session);
    }
    if (node === `${pageId}/videos`) return req.method === 'POST' ? this.publishVideo(req, res) : this.listVideos(req, res, url);
    if (node === `${pageId}/photos`) return req.method === 'POST' ? this.publishPhoto(req, res) : this.listPhotos(req, res, url);
    send(res, 404, { error: { message: `Unsupported request: ${req.method} ${node}`, code: 100 } });
  }

  private async openSession(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    if (await this.statusFault('fb.session', req, res)) return;
    await this.body('fb.session', req);
    this.hits.push({ route: 'fb.session', method: 'POST', path: url.pathname, bytes: 0 });
    if (this.refuseToken(res, url.searchParams.get('access_token') ?? undefined)) return;
    const fileName = url.searchParams.get('file_name');
    const length = Number(url.searchParams.get('file_length'));
    const type = url.searchParams.get('file_type') ?? '';
    if (!fileName || !Number.isInteger(length) || length <= 0) return this.graphError(res, 400, 100, '(#100) file_name and file_length are required');
    if (!['application/pdf', 'image/jpeg', 'image/jpg', 'image/png', 'video/mp4'].includes(type)) return this.graphError(res, 400, 100, `(#100) file_type ${type} is not supported`);
    if (length > (this.options.maxVideoBytes ?? 10e9)) return this.graphError(res, 400, 100, `(#100) file_length ${length} exceeds the maximum`);
    const id = `upload:${randomBytes(9).toString('base64url')}?sig=${randomBytes(6).toString('base64url')}`;
    this.sessions.set(id, { id, fileName, length, type, data: [], received: 0 });
    send(res, 200, { id });
  }

  private async sessionStatus(req: http.IncomingMessage, res: http.ServerResponse, session: Session | undefined) {
    if (await this.statusFault('fb.status', req, res)) return;
    this.hits.push({ route: 'fb.status', method: 'GET', path: req.url ?? '', bytes: 0 });
    if (this.refuseToken(res, bearer(req, 'OAuth'))) return;
    if (!session) return this.graphError(res, 400, 100, '(#100) Invalid upload session');
    send(res, 200, { id: session.id, file_offset: session.received });
  }

  private async transfer(req: http.IncomingMessage, res: http.ServerResponse, session: Session | undefined) {
    if (await this.statusFault('fb.transfer', req, res)) return;
    const token = bearer(req, 'OAuth');
    if (!token) {
      await this.body('fb.transfer', req);
      return this.graphError(res, 400, 100, '(#100) The access token must be sent in the Authorization header');
    }
    if (this.tokenState(token) !== 'valid' || !session) {
      await this.body('fb.transfer', req);
      if (this.refuseToken(res, token)) return;
      return this.graphError(res, 400, 100, '(#100) Invalid upload session');
    }
    const offset = Number(req.headers['file_offset']);
    if (offset !== session.received) {
      await this.body('fb.transfer', req);
      return this.graphError(res, 400, 100, `(#100) file_offset ${offset} does not match the ${session.received} bytes received`);
    }
    const { bytes, reset } = await this.body('fb.transfer', req);
    this.hits.push({ route: 'fb.transfer', method: 'POST', path: req.url ?? '', bytes: bytes.length, note: String(offset) });
    if (session.received + bytes.length > session.length) return this.graphError(res, 400, 100, '(#100) More bytes than file_length');
    session.data.push(bytes);
    session.received += bytes.length;
    if (reset) return; // the connection is gone; what arrived is kept, as the API promises
    if (session.received < session.length) return this.graphError(res, 400, 100, '(#100) Upload incomplete');
    session.handle ??= `2:${Buffer.from(session.fileName).toString('base64')}:${session.type}:${randomBytes(8).toString('hex')}`;
    if (this.dropAnswer('fb.transfer', res)) return;
    send(res, 200, { h: session.handle });
  }

  private async publishVideo(req: http.IncomingMessage, res: http.ServerResponse) {
    if (await this.statusFault('fb.videos', req, res)) return;
    const { bytes } = await this.body('fb.videos', req);
    this.hits.push({ route: 'fb.videos', method: 'POST', path: req.url ?? '', bytes: bytes.length });
    const form = await formData(req, bytes);
    if (this.refuseToken(res, String(form.get('access_token') ?? ''))) return;
    if (this.options.appApproved === false) return this.graphError(res, 403, 200, '(#200) The permission pages_manage_posts has not been approved for this app (App Review)');
    const handle = String(form.get('fbuploader_video_file_chunk') ?? '');
    const session = [...this.sessions.values()].find((s) => s.handle === handle);
    if (!session) return this.graphError(res, 400, 100, '(#100) Invalid fbuploader_video_file_chunk handle');
    const id = String(this.seq++);
    this.videos.push({
      id,
      title: String(form.get('title') ?? ''),
      description: String(form.get('description') ?? ''),
      sha256: createHash('sha256').update(Buffer.concat(session.data)).digest('hex'),
      created: Math.floor(Date.now() / 1000),
    });
    if (this.dropAnswer('fb.videos', res)) return;
    send(res, 200, { id });
  }

  private async listVideos(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    this.hits.push({ route: 'fb.listVideos', method: 'GET', path: url.pathname, bytes: 0 });
    if (this.refuseToken(res, url.searchParams.get('access_token') ?? undefined)) return;
    const data = [...this.videos].reverse().map((v) => ({ id: v.id, description: v.description, created_time: graphTime(v.created) }));
    send(res, 200, { data });
  }

  private async publishPhoto(req: http.IncomingMessage, res: http.ServerResponse) {
    if (await this.statusFault('fb.photos', req, res)) return;
    const { bytes } = await this.body('fb.photos', req);
    this.hits.push({ route: 'fb.photos', method: 'POST', path: req.url ?? '', bytes: bytes.length });
    const form = await formData(req, bytes);
    const token = String(form.get('access_token') ?? '');
    if (this.refuseToken(res, token)) return;
    if (this.options.appApproved === false) return this.graphError(res, 403, 200, '(#200) The permission pages_manage_posts has not been approved for this app (App Review)');
    const source = form.get('source');
    if (!(source instanceof Blob)) return this.graphError(res, 400, 324, '(#324) Requires upload file');
    if (source.size > (this.options.maxPhotoBytes ?? 4e6)) {
      // Echoes the token, as some Graph errors do, so tests can check the adapter redacts it.
      return this.graphError(res, 400, 100, `(#100) Photo of ${source.size} bytes is too large (request access_token=${token})`);
    }
    const id = String(this.seq++);
    const postId = `${this.options.pageId}_${this.seq++}`;
    this.photos.push({ id, postId, message: String(form.get('message') ?? ''), altText: form.has('alt_text_custom') ? String(form.get('alt_text_custom')) : null, bytes: source.size, created: Math.floor(Date.now() / 1000) });
    if (this.dropAnswer('fb.photos', res)) return;
    send(res, 200, { id, post_id: postId });
  }

  private async listPhotos(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    this.hits.push({ route: 'fb.listPhotos', method: 'GET', path: url.pathname, bytes: 0 });
    if (this.refuseToken(res, url.searchParams.get('access_token') ?? undefined)) return;
    const data = [...this.photos].reverse().map((p) => ({ id: p.id, name: p.message, created_time: graphTime(p.created) }));
    send(res, 200, { data });
  }
}

/** Graph's time format: 2024-05-01T10:00:00+0000. */
function graphTime(unix: number): string {
  return new Date(unix * 1000).toISOString().replace(/\.\d{3}Z$/, '+0000');
}
