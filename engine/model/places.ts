/**
 * The places the video draws, and the words that name them in a scene's
 * "Bối cảnh" line. Matching is on whole Vietnamese words WITH their tones:
 * stripping diacritics made "trưởng bản" a school ("trường") and "bàn làm
 * việc" a village ("bản"). A brief can also name a set outright:
 * `Bối cảnh: [classroom] nhà văn hoá thôn, buổi tối`.
 * Read by the importer (so `check` warns) and by the video's set dressing.
 */
export const PLACE_IDS = [
  'stilt-house', 'hearth', 'commune-office', 'classroom',
  'terraced-fields', 'village-road', 'market', 'health-station',
] as const;
export type PlaceId = (typeof PLACE_IDS)[number];

/** Most specific first: the first place with a matching word wins. */
const PLACE_WORDS: Array<[PlaceId, string[]]> = [
  ['health-station', ['trạm y tế', 'y tế', 'bệnh viện', 'phòng khám', 'health station', 'clinic', 'hospital']],
  ['commune-office', ['ủy ban', 'uỷ ban', 'ubnd', 'bộ phận một cửa', 'một cửa', 'trụ sở', 'văn phòng', 'phòng tư pháp', 'hội trường', 'office', 'committee']],
  ['classroom', ['lớp học', 'phòng học', 'trường học', 'trường', 'lớp', 'classroom', 'school']],
  ['market', ['chợ', 'phiên chợ', 'market']],
  ['hearth', ['bếp lửa', 'bếp', 'trong nhà', 'bên trong', 'hearth', 'kitchen', 'inside']],
  ['terraced-fields', ['ruộng bậc thang', 'ruộng', 'nương', 'bậc thang', 'cánh đồng', 'đồi', 'field', 'fields', 'terraces']],
  ['village-road', ['đường', 'ngõ', 'lối', 'đầu bản', 'cổng bản', 'road', 'path', 'street']],
  ['stilt-house', ['nhà sàn', 'sân nhà', 'sân', 'nhà', 'ngoài nhà', 'trước nhà', 'bản', 'thôn', 'stilt house', 'house', 'yard', 'village']],
];

const TIME_WORDS: Array<[TimeOfDayId, string[]]> = [
  ['night', ['đêm', 'khuya', 'night']],
  ['evening', ['tối', 'hoàng hôn', 'chạng vạng', 'evening', 'dusk']],
  ['afternoon', ['chiều', 'afternoon']],
  ['noon', ['trưa', 'noon', 'midday']],
  ['morning', ['sáng', 'bình minh', 'rạng sáng', 'morning', 'dawn']],
];
export type TimeOfDayId = 'morning' | 'noon' | 'afternoon' | 'evening' | 'night';

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A word or phrase standing alone: no letter or digit (of any script) just before or after it. */
const wholeWords = (words: string[]) => new RegExp(`(?<![\\p{L}\\p{M}\\p{N}])(?:${words.map(escape).join('|')})(?![\\p{L}\\p{M}\\p{N}])`, 'u');
const PLACE_PATTERNS = PLACE_WORDS.map(([id, words]) => [id, wholeWords(words)] as const);
const TIME_PATTERNS = TIME_WORDS.map(([id, words]) => [id, wholeWords(words)] as const);

const normal = (text: string) => text.normalize('NFC').toLocaleLowerCase('vi');

/** `[classroom] …`: the set the brief names outright, and the text after it. */
export function explicitPlace(text: string): { id: string; rest: string } | null {
  const m = /^\s*\[([a-z][a-z-]*)\]\s*(.*)$/su.exec(text);
  return m ? { id: m[1]!, rest: m[2]! } : null;
}

export function isPlaceId(id: string): id is PlaceId {
  return (PLACE_IDS as readonly string[]).includes(id);
}

/** The set a place names, or null when none of ours matches. */
export function placeFor(place: string): PlaceId | null {
  const explicit = explicitPlace(place);
  if (explicit) return isPlaceId(explicit.id) ? explicit.id : null;
  const text = normal(place);
  for (const [id, pattern] of PLACE_PATTERNS) if (pattern.test(text)) return id;
  return null;
}

export function timeOfDayFor(text: string | null): TimeOfDayId {
  if (!text) return 'noon';
  const normalised = normal(text);
  for (const [time, pattern] of TIME_PATTERNS) if (pattern.test(normalised)) return time;
  return 'noon';
}

/** Whether a phrase names a time of day (the "buổi tối" part of a Bối cảnh line). */
export function namesTimeOfDay(text: string): boolean {
  const normalised = normal(text);
  return TIME_PATTERNS.some(([, pattern]) => pattern.test(normalised));
}
