/**
 * A local TikTok Content Posting API that enforces the documented FILE_UPLOAD
 * contract: creator_info/query, video/init (direct) or inbox/video/init with
 * source_info checked against the chunk rules (5 MB–64 MB chunks — the stricter
 * reading of each: 5 MiB up, 64·10⁶ down —, the last chunk taking the trailing
 * bytes up to 128 MB, total_chunk_count = floor(video_size / chunk_size),
 * 1–1000 chunks, whole upload under 5 MB), chunks PUT strictly in order with
 * exact Content-Range/Content-Length (206, then 201), status/fetch with
 * uploaded_bytes, Bearer tokens, and TikTok's error envelope.
 */
import { createHash, randomBytes } from 'node:crypto';
import type http from 'node:http';
import { bearer, ContractServer, parseContentRange, send } from './common.js';

const MIN_CHUNK = 5 * 1024 * 1024;
const MAX_CHUNK = 64 * 1000 * 1000;
const MAX_FINAL = 128 * 1000 * 1000;

interface Upload {
  publishId: string;
  token: string;
  mode: 'direct' | 'inbox';
  size: number;
  chunk: number;
  total: number;
  nextChunk: number;
  data: Buffer[];
  received: number;
  title: string;
  privacy: string;
  polls: number;
  done: boolean;
}

export interface TikTokServerOptions {
  privacyOptions?: string[];
  maxDurationSec?: number;
  /** An unaudited client may only post privately (SELF_ONLY). */
  unaudited?: boolean;
  maxVideoBytes?: number;
  /** Status polls after the upload before the post is complete. */
  processingPolls?: number;
}

export class TikTokServer extends ContractServer {
  readonly uploads = new Map<string, Upload>();
  readonly posts: { publishId: string; postId?: string; title: string; privacy: string; sha256: string; mode: string }[] = [];

  constructor(readonly options: TikTokServerOptions = {}) {
    super();
  }

  private fail(res: http.ServerResponse, status: number, code: string, message: string) {
    send(res, status, { error: { code, message, log_id: '20240501000000ABCDEF' } });
  }

  private ok(res: http.ServerResponse, data: unknown) {
    send(res, 200, { data, error: { code: 'ok', message: '', log_id: '20240501000000ABCDEF' } });
  }

  private refuse(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    if (this.tokenState(bearer(req)) === 'valid') return false;
    this.fail(res, 401, 'access_token_invalid', 'The access token is invalid or not found in the request.');
    return true;
  }

  protected async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const p = url.pathname;
    if (req.method === 'POST' && p === '/v2/post/publish/creator_info/query/') return this.creatorInfo(req, res);
    if (req.method === 'POST' && p === '/v2/post/publish/video/init/') return this.init(req, res, 'direct');
    if (req.method === 'POST' && p === '/v2/post/publish/inbox/video/init/') return this.init(req, res, 'inbox');
    if (req.method === 'PUT' && p === '/upload/') return this.chunk(req, res, url);
    if (req.method === 'POST' && p === '/v2/post/publish/status/fetch/') return this.status(req, res);
    this.fail(res, 404, 'invalid_params', `no route ${req.method} ${p}`);
  }

  private async creatorInfo(req: http.IncomingMessage, res: http.ServerResponse) {
    if (await this.statusFault('tt.creator', req, res)) return;
    await this.body('tt.creator', req);
    this.hits.push({ route: 'tt.creator', method: 'POST', path: req.url ?? '', bytes: 0 });
    if (this.refuse(req, res)) return;
    this.ok(res, {
      creator_avatar_url: 'https://example.invalid/avatar.jpg',
      creator_username: 'sotuphap.demo',
      creator_nickname: 'Sở Tư pháp',
      privacy_level_options: this.options.privacyOptions ?? ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'],
      comment_disabled: false,
      duet_disabled: false,
      stitch_disabled: false,
      max_video_post_duration_sec: this.options.maxDurationSec ?? 600,
    });
  }

  private async init(req: http.IncomingMessage, res: http.ServerResponse, mode: 'direct' | 'inbox') {
    const route = mode === 'direct' ? 'tt.init' : 'tt.initInbox';
    if (await this.statusFault(route, req, res)) return;
    const { bytes } = await this.body(route, req);
    this.hits.push({ route, method: 'POST', path: req.url ?? '', bytes: bytes.length });
    if (this.refuse(req, res)) return;
    if (!String(req.headers['content-type']).startsWith('application/json')) return this.fail(res, 400, 'invalid_params', 'Content-Type must be application/json');
    const body = JSON.parse(bytes.toString('utf8')) as {
      post_info?: { title?: string; privacy_level?: string };
      source_info?: { source?: string; video_size?: number; chunk_size?: number; total_chunk_count?: number };
    };
    const s = body.source_info ?? {};
    if (s.source !== 'FILE_UPLOAD') return this.fail(res, 400, 'invalid_params', 'source must be FILE_UPLOAD');
    const size = Number(s.video_size);
    const chunk = Number(s.chunk_size);
    const total = Number(s.total_chunk_count);
    const problem = chunkProblem(size, chunk, total, this.options.maxVideoBytes ?? 4 * 1024 ** 3);
    if (problem) return this.fail(res, 400, 'invalid_params', problem);
    let privacy = '';
    let title = '';
    if (mode === 'direct') {
      privacy = String(body.post_info?.privacy_level ?? '');
      title = String(body.post_info?.title ?? '');
      const allowed = this.options.privacyOptions ?? ['PUBLIC_TO_EVERYONE', 'MUTUAL_FOLLOW_FRIENDS', 'FOLLOWER_OF_CREATOR', 'SELF_ONLY'];
      if (!allowed.includes(privacy)) return this.fail(res, 400, 'privacy_level_option_mismatch', `privacy_level ${privacy} is not among the creator's options`);
      if (title.length > 2200) return this.fail(res, 400, 'invalid_params', 'title is longer than 2200');
      if (this.options.unaudited && privacy !== 'SELF_ONLY') {
        return this.fail(res, 403, 'unaudited_client_can_only_post_to_private_accounts', 'Unaudited clients can only post to a private account.');
      }
    }
    const publishId = `v_pub_file~v2-1.${randomBytes(6).toString('hex')}`;
    const token = randomBytes(10).toString('hex');
    this.uploads.set(publishId, { publishId, token, mode, size, chunk, total, nextChunk: 0, data: [], received: 0, title, privacy, polls: 0, done: false });
    this.ok(res, { publish_id: publishId, upload_url: `${this.url}/upload/?upload_id=${publishId}&upload_token=${token}` });
  }

  private async chunk(req: http.IncomingMessage, res: http.ServerResponse, url: URL) {
    if (await this.statusFault('tt.chunk', req, res)) return;
    const upload = this.uploads.get(url.searchParams.get('upload_id') ?? '');
    if (!upload || upload.token !== url.searchParams.get('upload_token')) {
      await this.body('tt.chunk', req);
      return this.fail(res, 404, 'invalid_params', 'unknown upload');
    }
    const range = parseContentRange(req.headers['content-range'] as string | undefined);
    const i = upload.nextChunk;
    const start = i * upload.chunk;
    const end = i === upload.total - 1 ? upload.size : start + upload.chunk;
    const declared = Number(req.headers['content-length']);
    const type = String(req.headers['content-type'] ?? '');
    let problem: string | null = null;
    if (upload.done) problem = 'the upload is already complete';
    else if (!range || range.first === undefined) problem = 'Content-Range is required';
    else if (range.total !== upload.size) problem = `Content-Range total ${range.total} is not video_size ${upload.size}`;
    else if (range.first !== start || range.last !== end - 1) problem = `expected chunk ${i} = bytes ${start}-${end - 1}, got ${range.first}-${range.last}`;
    else if (declared !== end - start) problem = `Content-Length ${declared} is not ${end - start}`;
    else if (!['video/mp4', 'video/webm', 'video/quicktime'].includes(type)) problem = `Content-Type ${type} is not a video type`;
    if (problem) {
      await this.body('tt.chunk', req);
      this.hits.push({ route: 'tt.chunk', method: 'PUT', path: url.pathname, bytes: 0, note: `refused: ${problem}` });
      return this.fail(res, 400, 'invalid_params', problem);
    }
    const { bytes, reset } = await this.body('tt.chunk', req);
    this.hits.push({ route: 'tt.chunk', method: 'PUT', path: url.pathname, bytes: bytes.length, contentRange: String(req.headers['content-range']), note: String(i) });
    if (reset) return; // a cut-off chunk is not stored
    if (bytes.length !== end - start) return this.fail(res, 400, 'invalid_params', 'body length differs');
    upload.data.push(bytes);
    upload.received += bytes.length;
    upload.nextChunk++;
    if (upload.nextChunk < upload.total) {
      res.writeHead(206, { 'Content-Length': '0' });
      res.end();
      return;
    }
    upload.done = true;
    this.posts.push({
      publishId: upload.publishId,
      title: upload.title,
      privacy: upload.privacy,
      mode: upload.mode,
      sha256: createHash('sha256').update(Buffer.concat(upload.data)).digest('hex'),
    });
    if (this.dropAnswer('tt.chunk', res)) return;
    res.writeHead(201, { 'Content-Length': '0' });
    res.end();
  }

  private async status(req: http.IncomingMessage, res: http.ServerResponse) {
    if (await this.statusFault('tt.status', req, res)) return;
    const { bytes } = await this.body('tt.status', req);
    this.hits.push({ route: 'tt.status', method: 'POST', path: req.url ?? '', bytes: bytes.length });
    if (this.refuse(req, res)) return;
    const upload = this.uploads.get(String((JSON.parse(bytes.toString('utf8')) as { publish_id?: string }).publish_id));
    if (!upload) return this.fail(res, 400, 'invalid_publish_id', 'publish_id not found');
    if (!upload.done) return this.ok(res, { status: 'PROCESSING_UPLOAD', uploaded_bytes: upload.received, publicaly_available_post_id: [] });
    upload.polls++;
    if (upload.polls <= (this.options.processingPolls ?? 1)) {
      return this.ok(res, { status: 'PROCESSING_DOWNLOAD', uploaded_bytes: upload.received, publicaly_available_post_id: [] });
    }
    const post = this.posts.find((p) => p.publishId === upload.publishId)!;
    if (upload.mode === 'inbox') return this.ok(res, { status: 'SEND_TO_USER_INBOX', uploaded_bytes: upload.received, publicaly_available_post_id: [] });
    post.postId ??= String(7_300_000_000_000_000_000n + BigInt(this.posts.indexOf(post)));
    const visible = post.privacy === 'PUBLIC_TO_EVERYONE' ? [post.postId] : [];
    this.ok(res, { status: 'PUBLISH_COMPLETE', uploaded_bytes: upload.received, publicaly_available_post_id: visible });
  }
}

function chunkProblem(size: number, chunk: number, total: number, maxBytes: number): string | null {
  if (!Number.isInteger(size) || size <= 0) return 'video_size is required';
  if (size > maxBytes) return `video_size ${size} exceeds the ${maxBytes}-byte limit`;
  if (!Number.isInteger(chunk) || !Number.isInteger(total)) return 'chunk_size and total_chunk_count are required';
  if (total < 1 || total > 1000) return 'total_chunk_count must be 1 to 1000';
  if (size < MIN_CHUNK) return chunk === size && total === 1 ? null : 'a video under 5 MB is uploaded whole';
  if (chunk < MIN_CHUNK || chunk > MAX_CHUNK) {
    if (!(total === 1 && chunk === size && size <= MAX_CHUNK)) return `chunk_size ${chunk} is outside 5 MB–64 MB`;
  }
  if (total !== Math.floor(size / chunk)) return `total_chunk_count ${total} is not floor(${size} / ${chunk})`;
  if (size - (total - 1) * chunk > MAX_FINAL) return 'the final chunk is larger than 128 MB';
  return null;
}
