/**
 * Pictograms for the infographic: a message's icon chosen by its words
 * (Vietnamese keywords → a Tabler icon name, first rule that matches wins, so
 * specific phrases come before general ones), or named in the brief
 * (front matter `pictograms`, docs/brief-format.md). The icons are the
 * MIT-licensed @tabler/icons outline set, read from the installed package
 * when a build needs one, so only the icons used reach an output.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { StudioError } from '../errors.js';

/** Keywords (lower case, whole words) → icon. Extend here; order is priority. */
export const PICTOGRAM_RULES: ReadonlyArray<{ words: string[]; icon: string }> = [
  { words: ['tảo hôn', 'cưỡng ép', 'nghiêm cấm', 'bị cấm', 'vi phạm'], icon: 'ban' },
  { words: ['tuổi'], icon: 'cake' },
  { words: ['tờ khai', 'giấy tờ', 'hồ sơ', 'mẫu đơn'], icon: 'file-text' },
  { words: ['giấy chứng nhận', 'sổ hộ tịch', 'chứng nhận'], icon: 'certificate' },
  { words: ['ủy ban nhân dân', 'ủy ban', 'uỷ ban', 'cơ quan'], icon: 'building-bank' },
  { words: ['có mặt', 'hai người', 'cả hai'], icon: 'users' },
  { words: ['lệ phí', 'miễn phí', 'tiền', 'đồng'], icon: 'coin' },
  { words: ['xử phạt', 'phạt', 'hình sự', 'tòa án'], icon: 'gavel' },
  { words: ['đi học', 'học tập', 'bỏ học', 'trường', 'học sinh'], icon: 'school' },
  { words: ['sức khỏe', 'sức khoẻ', 'mang thai', 'sinh con', 'y tế'], icon: 'heart-rate-monitor' },
  { words: ['tổng đài', 'gọi', 'điện thoại', 'đường dây nóng'], icon: 'phone-call' },
  { words: ['ngày', 'tháng', 'thời hạn'], icon: 'calendar-event' },
  { words: ['đăng ký', 'ký tên', 'ký'], icon: 'writing-sign' },
  { words: ['trẻ em', 'con'], icon: 'mood-kid' },
  { words: ['kết hôn', 'cưới', 'hôn nhân', 'vợ', 'chồng'], icon: 'heart-handshake' },
  { words: ['pháp luật', 'luật', 'quyền'], icon: 'scale' },
];

/** When no keyword matches. */
export const FALLBACK_PICTOGRAM = 'info-circle';

const ICON_NAME = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Lower case, letters and digits only, padded: " kết hôn phải đăng ký " — so keywords match whole words. */
function words(text: string): string {
  return ` ${text.normalize('NFC').toLocaleLowerCase('vi').replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
}

/** The icon for a text by the keyword table (the fallback when none matches). */
export function pictogramFor(text: string): string {
  const padded = words(text);
  for (const rule of PICTOGRAM_RULES) {
    if (rule.words.some((w) => padded.includes(` ${w} `))) return rule.icon;
  }
  return FALLBACK_PICTOGRAM;
}

export interface Pictogram {
  name: string;
  /** The icon's drawing: the SVG elements inside its 24×24 viewBox (stroke = currentColor). */
  body: string;
}

const require = createRequire(import.meta.url);
const cache = new Map<string, Pictogram>();

/** The named outline icon's drawing; an unknown name is the brief's error, said in words. */
export function loadPictogram(name: string): Pictogram {
  const cached = cache.get(name);
  if (cached) return cached;
  let svg: string;
  try {
    if (!ICON_NAME.test(name)) throw new Error('not an icon name');
    svg = readFileSync(require.resolve(`@tabler/icons/outline/${name}.svg`), 'utf8');
  } catch (cause) {
    throw new StudioError('print.unknownPictogram', { name }, { cause });
  }
  const inner = svg.slice(svg.indexOf('>', svg.indexOf('<svg')) + 1, svg.lastIndexOf('</svg>'));
  // The first path of every Tabler icon is an empty 24×24 frame drawn with no stroke.
  const body = inner.replace(/<path stroke="none" d="M0 0h24v24H0z" fill="none"\s*\/>/, '').trim();
  const icon = { name, body };
  cache.set(name, icon);
  return icon;
}
