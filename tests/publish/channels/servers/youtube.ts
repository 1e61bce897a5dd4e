/**
 * A local YouTube Data API that enforces Google's resumable upload protocol
 * for videos.insert — session start with the video resource and
 * X-Upload-Content-Length/-Type, chunks in order with exact Content-Range and
 * Content-Length, non-final chunks a multiple of 256 KiB, 308 + Range after
 * each chunk, `bytes * /TOTAL` status queries, 201 with the resource at the end
 * — and captions.insert as multipart/related with a snippet naming an existing
 * video. A chunk cut off by a reset is dropped (only whole chunks count).
 */
import { createHash, randomBytes } from 'node:crypto';
import type http from 'node:http';
import { bearer, ContractServer, parseContentRange, send } from './common.js';

const UNIT = 256 * 1024;

interface Upload {
  id: string;
  total: number;
  type: string;
  resource: { snippet: Record<string, unknown>; status: Record<string, unknown> };
  data: Buffer[];
  received: number;
  videoId?: string;
}

export class YouTubeServer extends ContractServer {
  readonly uploads = new Map<string, Upload>();
  readonly videos: { id: string; title: string; description: string; privacyStatus: unknown; sha256: string }[] = [];
  readonly captions: { id: string; videoId: string; language: string; name: string; content: string }[] = [];
  /** Keep only this many bytes of the next chunk (and acknowledge only those), as a server may. */
  keepOfNextChunk: number | null = null;

  constructor(readonly maxBytes = 256 * 1024 ** 3) {
    super();
  }

  private error(res: http.ServerResponse, status: number, reason: string, message: string) {
    send(res, status, { error: { code: status, message, errors: [{ message, domain: 'youtube', reason }] } });
  }

  private refuse(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    const state = this.tokenState(bearer(req));
    if (state === 'valid') return false;
    send(res, 401, {
      error: {
        code: 401,
        message: 'Request had invalid authentication credentials. Expected OAuth 2 access token.',
        errors: [{ message: 'Invalid Credentials', domain: 'global', reason: 'authError', location: 'Authorization' }],
        status: 'UNAUTHENTICATED',
      },
    });
    return true;
  }

  protected async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    if (url.pathname === '/upload/youtube/v3/videos' && req.method === 'POST') return this.startSession(req, res, url);
    if (url.pathname === '/upload/youtube/v3/videos' && req.method === 'PUT') return this.put(req, res, url);
    if (url.pathname === '/upload/youtube/v3/captions' && req.method === 'POST') return this.insertCaption(req, res, url);
    if (url.pathname === '/youtube/v3/captions' && req.method === 'GET') return this.listCaptions(req, res, url);
    this.error(res, 404, 'notFound', `no route ${req.method} ${url.pathname}`);
  }

  private async startSession(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    if (await this.statusFault('yt.start', req, res)) return;
    const { bytes } = await this.body('yt.start', req);
    this.hits.push({ route: 'yt.start', method: 'POST', path: url.pathname, bytes: bytes.length });
    if (this.refuse(req, res)) return;
    if (url.searchParams.get('uploadType') !== 'resumable') return this.error(res, 400, 'invalidUploadType', 'uploadType must be resumable');
    const parts = (url.searchParams.get('part') ?? '').split(',');
    if (!parts.includes('snippet') || !parts.includes('status')) return this.error(res, 400, 'invalidPart', 'part must name snippet and status');
    if (!String(req.headers['content-type']).startsWith('application/json')) return this.error(res, 400, 'badContent', 'Content-Type must be application/json');
    const total = Number(req.headers['x-upload-content-length']);
    const type = String(req.headers['x-upload-content-type'] ?? '');
    if (!Number.isInteger(total) || total <= 0) return this.error(res, 400, 'invalidValue', 'X-Upload-Content-Length is required');
    if (total > this.maxBytes) return this.error(res, 400, 'uploadLimitExceeded', 'The file is larger than the maximum allowed');
    if (!type.startsWith('video/') && type !== 'application/octet-stream') return this.error(res, 400, 'invalidContentType', 'X-Upload-Content-Type must be video/*');
    const resource = JSON.parse(bytes.toString('utf8')) as Upload['resource'];
    const title = String(resource.snippet?.['title'] ?? '');
    if (!title || [...title].length > 100 || /[<>]/.test(title)) return this.error(res, 400, 'invalidTitle', 'The video title is missing, too long or invalid');
    if (Buffer.byteLength(String(resource.snippet?.['description'] ?? '')) > 5000) return this.error(res, 400, 'invalidDescription', 'The description is too long');
    const id = randomBytes(12).toString('base64url');
    this.uploads.set(id, { id, total, type, resource, data: [], received: 0 });
    send(res, 200, resource, { Location: `${this.url}/upload/youtube/v3/videos?uploadType=resumable&upload_id=${id}` });
  }

  private async put(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    const upload = this.uploads.get(url.searchParams.get('upload_id') ?? '');
    const range = parseContentRange(req.headers['content-range'] as string | undefined);
    const isQuery = range !== null && range.first === undefined;
    const route = isQuery ? 'yt.query' : 'yt.chunk';
    if (await this.statusFault(route, req, res)) return;
    if (this.tokenState(bearer(req)) !== 'valid' || !upload || !range) {
      await this.body(route, req);
      if (this.refuse(req, res)) return;
      if (!upload) return this.error(res, 404, 'notFound', 'upload session not found');
      return this.error(res, 400, 'badRequest', 'Content-Range is required');
    }
    if (range.total !== upload.total) {
      await this.body(route, req);
      return this.error(res, 400, 'badRequest', `Content-Range total ${range.total} is not ${upload.total}`);
    }
    if (isQuery) {
      await this.body(route, req);
      this.hits.push({ route, method: 'PUT', path: url.pathname, bytes: 0, note: String(upload.received) });
      if (req.headers['content-length'] !== '0') return this.error(res, 400, 'badRequest', 'a status query has an empty body');
      return this.answer(res, upload);
    }
    const first = range.first!;
    const last = range.last!;
    const declared = Number(req.headers['content-length']);
    const length = last - first + 1;
    if (first !== upload.received) {
      await this.body(route, req);
      return this.error(res, 400, 'badRequest', `chunk starts at ${first}, the server has ${upload.received} bytes`);
    }
    if (declared !== length || last >= upload.total) {
      await this.body(route, req);
      return this.error(res, 400, 'badRequest', `Content-Length ${declared} does not match Content-Range ${first}-${last}`);
    }
    if (last + 1 < upload.total && length % UNIT !== 0) {
      await this.body(route, req);
      return this.error(res, 400, 'badRequest', `a non-final chunk of ${length} bytes is not a multiple of 256 KiB`);
    }
    const { bytes, reset } = await this.body(route, req);
    this.hits.push({ route, method: 'PUT', path: url.pathname, bytes: bytes.length, contentRange: String(req.headers['content-range']), note: String(first) });
    if (reset) return; // a cut-off chunk is not stored
    if (bytes.length !== length) return this.error(res, 400, 'badRequest', 'body length differs from Content-Length');
    const keep = this.keepOfNextChunk ?? length;
    this.keepOfNextChunk = null;
    upload.data.push(bytes.subarray(0, keep));
    upload.received += keep;
    if (upload.received === upload.total) {
      upload.videoId ??= this.createVideo(upload);
      if (this.dropAnswer(route, res)) return;
    }
    this.answer(res, upload);
  }

  private createVideo(upload: Upload): string {
    const id = randomBytes(8).toString('base64url').slice(0, 11);
    this.videos.push({
      id,
      title: String(upload.resource.snippet['title']),
      description: String(upload.resource.snippet['description'] ?? ''),
      privacyStatus: upload.resource.status?.['privacyStatus'],
      sha256: createHash('sha256').update(Buffer.concat(upload.data)).digest('hex'),
    });
    return id;
  }

  private answer(res: http.ServerResponse, upload: Upload) {
    if (upload.videoId) return send(res, 201, { kind: 'youtube#video', id: upload.videoId, snippet: upload.resource.snippet, status: upload.resource.status });
    res.writeHead(308, upload.received > 0 ? { Range: `bytes=0-${upload.received - 1}`, 'Content-Length': '0' } : { 'Content-Length': '0' });
    res.end();
  }

  private async insertCaption(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    if (await this.statusFault('yt.caption', req, res)) return;
    const { bytes } = await this.body('yt.caption', req);
    this.hits.push({ route: 'yt.caption', method: 'POST', path: url.pathname, bytes: bytes.length });
    if (this.refuse(req, res)) return;
    if (url.searchParams.get('uploadType') !== 'multipart' || url.searchParams.get('part') !== 'snippet') {
      return this.error(res, 400, 'badRequest', 'captions.insert takes uploadType=multipart&part=snippet');
    }
    const boundary = /boundary=([^;]+)/.exec(String(req.headers['content-type']))?.[1];
    if (!String(req.headers['content-type']).startsWith('multipart/related') || !boundary) return this.error(res, 400, 'badContent', 'multipart/related expected');
    const parts = bytes.toString('utf8').split(`--${boundary}`).slice(1, -1).map((p) => p.replace(/^\r\n/, '').replace(/\r\n$/, ''));
    if (parts.length !== 2) return this.error(res, 400, 'badContent', 'two parts expected');
    const [metaPart, filePart] = parts.map((p) => p.split('\r\n\r\n')) as [string[], string[]];
    if (!/content-type: application\/json/i.test(metaPart[0] ?? '')) return this.error(res, 400, 'badContent', 'the first part is the JSON snippet');
    const snippet = (JSON.parse(metaPart.slice(1).join('\r\n\r\n')) as { snippet: Record<string, unknown> }).snippet;
    const content = filePart.slice(1).join('\r\n\r\n');
    const videoId = String(snippet['videoId'] ?? '');
    if (!this.videos.some((v) => v.id === videoId)) return this.error(res, 404, 'videoNotFound', `video ${videoId} not found`);
    if (!snippet['language'] || snippet['name'] === undefined) return this.error(res, 400, 'invalidValue', 'snippet.language and snippet.name are required');
    if (!/^(WEBVTT|\uFEFF?\d+\r?\n)/.test(content)) return this.error(res, 400, 'invalidCaptionFormat', 'not a caption file');
    const id = randomBytes(9).toString('base64url');
    this.captions.push({ id, videoId, language: String(snippet['language']), name: String(snippet['name']), content });
    if (this.dropAnswer('yt.caption', res)) return;
    send(res, 200, { kind: 'youtube#caption', id, snippet });
  }

  private async listCaptions(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    this.hits.push({ route: 'yt.listCaptions', method: 'GET', path: url.pathname, bytes: 0 });
    if (this.refuse(req, res)) return;
    const videoId = url.searchParams.get('videoId');
    const items = this.captions.filter((c) => c.videoId === videoId).map((c) => ({ id: c.id, snippet: { videoId, language: c.language, name: c.name } }));
    send(res, 200, { kind: 'youtube#captionListResponse', items });
  }
}
