/**
 * The fallback for a channel whose app the platform has not approved yet (or
 * that the settings mark as manual): a folder with the chosen file(s), the
 * post text, the title where the channel has one, and a README in Vietnamese
 * telling the publisher how to upload by hand — plus the same folder as a zip,
 * handy to send to whoever holds the account's phone.
 *
 * Written under a temporary name and renamed, so a crash never leaves a
 * half-package that looks finished; a package that already exists for the
 * same job is reused, so calling again creates nothing twice.
 */
import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import yazl from 'yazl';
import type { ChannelId, PublishFile, PublishRequest } from '../channel.js';
import { writeFolderAtomically, writeStreamDurably } from '../../fs/durable.js';

export interface ReadyPackage {
  dir: string;
  zip: string;
}

export interface PackageInput {
  channel: ChannelId;
  request: PublishRequest;
  /** Main media first, then subtitles or other sidecars. */
  files: PublishFile[];
  /** Parent folder for packages. */
  packageDir: string;
  /** The title the channel would have got (YouTube, Zalo), if any. */
  title?: string;
  /** Why the package was made instead of a post, for the README. */
  reason: 'notApproved' | 'manual';
}

const CHANNEL_NAMES: Record<ChannelId, string> = {
  facebook: 'Facebook',
  youtube: 'YouTube',
  tiktok: 'TikTok',
  zalo: 'Zalo OA',
  wordpress: 'WordPress',
  'portal-package': 'Cổng thông tin',
};

export const CAPTION_FILE = 'noi-dung-bai-dang.txt';
export const TITLE_FILE = 'tieu-de.txt';
export const README_FILE = 'HUONG-DAN.txt';

export function packageName(input: Pick<PackageInput, 'channel' | 'request'>): string {
  const key = input.request.idempotencyKey.replace(/[^A-Za-z0-9-]/g, '').slice(0, 12) || 'job';
  return `${input.request.material.id}-${input.channel}-${input.request.language}-${key}`;
}

export async function writeReadyPackage(input: PackageInput): Promise<ReadyPackage> {
  const dir = path.join(input.packageDir, packageName(input));
  const zip = `${dir}.zip`;
  await mkdir(input.packageDir, { recursive: true });
  if (!(await exists(dir))) {
    await writeFolderAtomically(dir, async (temp) => {
      for (const f of input.files) await copyFile(f.absolutePath, path.join(temp, path.basename(f.absolutePath)));
      await writeFile(path.join(temp, CAPTION_FILE), input.request.caption.endsWith('\n') ? input.request.caption : `${input.request.caption}\n`);
      if (input.title !== undefined) await writeFile(path.join(temp, TITLE_FILE), `${input.title}\n`);
      await writeFile(path.join(temp, README_FILE), readme(input));
    });
  }
  if (!(await exists(zip))) await zipFolder(dir, zip, entriesOf(input));
  return { dir, zip };
}

function entriesOf(input: PackageInput): string[] {
  return [
    ...input.files.map((f) => path.basename(f.absolutePath)),
    CAPTION_FILE,
    ...(input.title !== undefined ? [TITLE_FILE] : []),
    README_FILE,
  ];
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}

/** Zips the folder's files (media stored as they are, already compressed; text deflated), fsynced before the rename. */
async function zipFolder(dir: string, zipPath: string, names: string[]): Promise<void> {
  const zip = new yazl.ZipFile();
  for (const name of names) zip.addFile(path.join(dir, name), name, { compress: /\.(txt|srt|vtt)$/.test(name) });
  zip.end();
  await writeStreamDurably(zipPath, zip.outputStream);
}

function readme(input: PackageInput): string {
  const name = CHANNEL_NAMES[input.channel];
  const media = input.files[0] ? path.basename(input.files[0].absolutePath) : '';
  const subtitles = input.files.slice(1).map((f) => path.basename(f.absolutePath));
  const why =
    input.reason === 'notApproved'
      ? `Ứng dụng Luật Studio chưa được ${name} duyệt để đăng tự động, nên bài đăng đã được chuẩn bị sẵn để bạn tự đăng.`
      : `Kênh ${name} được đặt ở chế độ đăng thủ công, nên bài đăng đã được chuẩn bị sẵn để bạn tự đăng.`;
  const lines = [
    `GÓI ĐĂNG TẢI THỦ CÔNG — ${name}`,
    '',
    `Tài liệu: ${input.request.material.title.text}`,
    `Ngôn ngữ: ${input.request.language}`,
    `Tạo lúc: ${new Date().toISOString()}`,
    '',
    why,
    '',
    'Trong gói này:',
    `  - ${media}: tệp cần đăng`,
    ...subtitles.map((s) => `  - ${s}: tệp phụ đề`),
    `  - ${CAPTION_FILE}: nội dung bài đăng (sao chép và dán nguyên văn)`,
    ...(input.title !== undefined ? [`  - ${TITLE_FILE}: tiêu đề`] : []),
    '',
    'Cách đăng:',
    ...(STEPS[input.channel] ?? genericSteps)(media).map((s, i) => `  ${i + 1}. ${s}`),
    '',
    'Tệp đã được kiểm tra theo giới hạn của kênh (dung lượng, thời lượng, tỉ lệ khung hình, độ dài nội dung) trước khi tạo gói.',
    'Sau khi đăng, hãy dán đường liên kết của bài đăng vào Luật Studio để lưu vào hồ sơ phát hành.',
    '',
  ];
  return lines.join('\n');
}

/** For a channel without its own steps below. */
const genericSteps = (media: string): string[] => [
  `Mở trang đăng bài của kênh bằng tài khoản của đơn vị và tải lên tệp ${media}.`,
  `Mở ${CAPTION_FILE}, sao chép toàn bộ và dán vào ô nội dung.`,
  'Xem lại bản xem trước rồi đăng.',
];

const STEPS: Partial<Record<ChannelId, (media: string) => string[]>> = {
  facebook: (media) => [
    'Mở Meta Business Suite (business.facebook.com) hoặc Trang Facebook của đơn vị, chọn "Tạo bài viết".',
    `Chọn "Ảnh/video" và tải lên tệp ${media}.`,
    `Mở ${CAPTION_FILE}, sao chép toàn bộ và dán vào ô nội dung.`,
    'Xem lại bản xem trước rồi bấm "Đăng".',
  ],
  youtube: (media) => [
    'Mở YouTube Studio (studio.youtube.com) bằng tài khoản kênh của đơn vị, bấm "Tạo" rồi "Tải video lên".',
    `Chọn tệp ${media}.`,
    `Dán nội dung ${TITLE_FILE} vào ô "Tiêu đề" và nội dung ${CAPTION_FILE} vào ô "Mô tả".`,
    'Ở mục "Phụ đề", chọn ngôn ngữ và tải lên tệp phụ đề .srt hoặc .vtt đi kèm (nếu có).',
    'Chọn chế độ hiển thị rồi bấm "Xuất bản".',
  ],
  tiktok: (media) => [
    `Chép tệp ${media} vào điện thoại, hoặc mở tiktok.com/upload trên máy tính, bằng tài khoản TikTok của đơn vị.`,
    'Trong ứng dụng TikTok, bấm "+" rồi "Tải lên" và chọn video.',
    `Dán nội dung ${CAPTION_FILE} vào phần mô tả.`,
    'Chọn ai được xem video, rồi bấm "Đăng".',
  ],
  zalo: (media) => [
    'Đăng nhập trang quản trị Zalo Official Account (oa.zalo.me) của đơn vị, vào mục "Bài viết" và chọn "Tạo bài viết".',
    `Dán nội dung ${TITLE_FILE} vào tiêu đề và nội dung ${CAPTION_FILE} vào phần mô tả.`,
    `Tải lên tệp ${media} vào bài viết.`,
    'Xem trước, rồi bấm "Đăng".',
  ],
  wordpress: (media) => [`Tải tệp ${media} lên trang quản trị cổng thông tin và dán nội dung ${CAPTION_FILE}.`],
  'portal-package': (media) => [`Tải tệp ${media} lên cổng thông tin và dán nội dung ${CAPTION_FILE}.`],
};
