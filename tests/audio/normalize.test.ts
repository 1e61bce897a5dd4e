import ESpeakNg from 'espeak-ng';
import { describe, expect, it } from 'vitest';
import { normalizeForSpeech } from '../../engine/speech/normalize/index.js';
import { applyPronunciations } from '../../engine/speech/normalize/lexicon.js';
import { readAddress } from '../../engine/speech/normalize/rules.js';

const north = (text: string) => normalizeForSpeech(text, { language: 'vi' });
const south = (text: string) => normalizeForSpeech(text, { language: 'vi', accent: 'south' });

/** [written, read (northern)]: every row of issue 16's table first, then each rule. */
const NORTH: Array<[string, string]> = [
  // The table
  ['5.000.000 đồng', 'năm triệu đồng'],
  ['300.000 đồng', 'ba trăm nghìn đồng'],
  ['15/01/2026', 'ngày mười lăm tháng một năm hai nghìn không trăm hai mươi sáu'],
  ['UBND, BHYT', 'ủy ban nhân dân, bảo hiểm y tế'],
  ['02 năm, 03 tháng', 'hai năm, ba tháng'],
  ['113, 111', 'một một ba, một một một'],
  ['0215.3.825.113', 'không hai một năm, ba, tám hai năm, một một ba'],
  ['https://pbgdpl.moj.gov.vn', 'pê bê gờ dê pê lờ chấm mờ o di chấm gờ o vê chấm vê nờ'],
  // Numbers and money
  ['1.500.000 đồng', 'một triệu năm trăm nghìn đồng'],
  ['2,5', 'hai phẩy năm'],
  ['1.500.000,75', 'một triệu năm trăm nghìn phẩy bảy mươi lăm'],
  ['500.000đ', 'năm trăm nghìn đồng'],
  ['20.000 VNĐ', 'hai mươi nghìn đồng'],
  ['5 triệu VNĐ', 'năm triệu đồng'],
  ['105 người', 'một trăm linh năm người'],
  ['1.000.000.000 đồng', 'một tỷ đồng'],
  ['2.1', 'hai chấm một'],
  ['50%', 'năm mươi phần trăm'],
  ['2,5 %', 'hai phẩy năm phần trăm'],
  ['50m2', 'năm mươi mét vuông'],
  ['60 km/h', 'sáu mươi ki lô mét trên giờ'],
  // Dates and times
  ['ngày 15/01/2026', 'ngày mười lăm tháng một năm hai nghìn không trăm hai mươi sáu'],
  ['01/7/2024', 'ngày mồng một tháng bảy năm hai nghìn không trăm hai mươi tư'],
  ['ngày 01', 'ngày mồng một'],
  ['ngày 20/11', 'ngày hai mươi tháng mười một'],
  ['tháng 4', 'tháng tư'],
  ['tháng 01/2024', 'tháng một năm hai nghìn không trăm hai mươi tư'],
  ['ngày 1 tháng 4 năm 2025', 'ngày mồng một tháng tư năm hai nghìn không trăm hai mươi lăm'],
  ['7h30', 'bảy giờ ba mươi phút'],
  ['7h', 'bảy giờ'],
  ['14:45', 'mười bốn giờ bốn mươi lăm phút'],
  ['7h30 - 11h', 'bảy giờ ba mươi phút đến mười một giờ'],
  // Ranges, ordinals, headings, article references
  ['15-20', 'mười lăm đến hai mươi'],
  ['từ 18 đến 20 tuổi', 'từ mười tám đến hai mươi tuổi'],
  ['thứ 2', 'thứ hai'],
  ['lần thứ 4', 'lần thứ tư'],
  ['hạng thứ 1', 'hạng thứ nhất'],
  ['Chương II', 'chương hai'],
  ['Điều IV', 'điều bốn'],
  ['Quốc hội khóa XV', 'quốc hội khóa mười lăm'],
  ['II. Quy định chung', 'hai. quy định chung'],
  ['Điều 8 khoản 2 điểm a', 'điều tám khoản hai điểm a'],
  ['điểm b khoản 1 Điều 5', 'điểm bê khoản một điều năm'],
  // Phones and hotlines
  ['Gọi 1900 1234', 'gọi một chín không không, một hai ba bốn'],
  ['18001567', 'một tám không không, một năm sáu bảy'],
  ['0912345678', 'không chín một hai, ba bốn năm, sáu bảy tám'],
  ['đường dây nóng 1022', 'đường dây nóng một không hai hai'],
  ['113 người', 'một trăm mười ba người'],
  ['+84 912 345 678', 'cộng tám bốn, chín một hai, ba bốn năm, sáu bảy tám'],
  // Legal document numbers
  ['Luật số 52/2014/QH13', 'luật số năm mươi hai năm hai nghìn không trăm mười bốn của quốc hội khóa mười ba'],
  ['Nghị định 144/2021/NĐ-CP', 'nghị định một trăm bốn mươi tư năm hai nghìn không trăm hai mươi mốt của chính phủ'],
  ['144/2021/NĐ-CP', 'một trăm bốn mươi tư năm hai nghìn không trăm hai mươi mốt nghị định của chính phủ'],
  ['Thông tư số 01/2024/TT-BTP', 'thông tư số một năm hai nghìn không trăm hai mươi tư của bộ tư pháp'],
  ['Quyết định số 12/QĐ-UBND', 'quyết định số mười hai của ủy ban nhân dân'],
  ['Nghị định số 100/2019/NĐ-CP ngày 30/12/2019 của Chính phủ', 'nghị định số một trăm năm hai nghìn không trăm mười chín ngày ba mươi tháng mười hai năm hai nghìn không trăm mười chín của chính phủ'],
  ['Thông tư liên tịch 01/2016/TTLT-BTP-BCA', 'thông tư liên tịch một năm hai nghìn không trăm mười sáu của bộ tư pháp, bộ công an'],
  ['TTLT-BTP-BCA', 'thông tư liên tịch bộ tư pháp bộ công an'],
  ['NĐ-CP', 'nghị định chính phủ'],
  // Abbreviations
  ['HĐND, CCCD, BHXH, MTTQ, VNeID', 'hội đồng nhân dân, căn cước công dân, bảo hiểm xã hội, mặt trận tổ quốc, vê nờ e ai đi'],
  ['CSGT, THCS, THPT', 'cảnh sát giao thông, trung học cơ sở, trung học phổ thông'],
  ['TP. Hà Nội', 'thành phố hà nội'],
  ['TP.HCM', 'thành phố hồ chí minh'],
  ['TT. Phú Mỹ', 'thị trấn phú mỹ'],
  ['giấy tờ v.v.', 'giấy tờ vân vân'],
  ['bằng B2', 'bằng bê hai'],
  ['P. Chiềng Lề, TP. Sơn La; Q.1, TP.HCM', 'phường chiềng lề, thành phố sơn la; quận một, thành phố hồ chí minh'],
  ['Luật HN&GĐ', 'luật hôn nhân và gia đình'],
  ['500 USD', 'năm trăm đô la mỹ'],
  ['ABC', 'a bê xê'],
  ['LUẬT HÔN NHÂN VÀ GIA ĐÌNH', 'luật hôn nhân và gia đình'],
  ['email, Zalo', 'i meo, da lô'],
  // Addresses and symbols
  ['hotro@moj.gov.vn', 'hotro a còng mờ o di chấm gờ o vê chấm vê nờ'],
  ['www.chinhphu.vn/tin-tuc', 'vê kép vê kép vê kép chấm chinhphu chấm vê nờ gạch chéo tin gạch ngang tuc'],
  ['500 nghìn đồng/tháng', 'năm trăm nghìn đồng một tháng'],
  ['vợ/chồng', 'vợ hoặc chồng'],
  ['cha & mẹ', 'cha và mẹ'],
  ['5g muối, 7g30, 8ha', 'năm gam muối, bảy giờ ba mươi phút, tám héc ta'],
  ['loại C, phụ lục D, Chương XII', 'loại xê, phụ lục dê, chương mười hai'],
  ['30.000đ/thẻ, 2 lần/năm', 'ba mươi nghìn đồng một thẻ, hai lần một năm'],
  ['1/3 số hộ, 24/7, tỷ lệ 1:2', 'một phần ba số hộ, hai mươi tư trên bảy, tỷ lệ một trên hai'],
  ['trong 05 ngày làm việc', 'trong năm ngày làm việc'],
  ['SĐT: 098 765 4321', 'số điện thoại: không chín tám, bảy sáu năm, bốn ba hai một'],
  ['Email: tuphap@sonla.gov.vn', 'i meo: tuphap a còng sonla chấm gờ o vê chấm vê nờ'],
];

const SOUTH: Array<[string, string]> = [
  ['300.000 đồng', 'ba trăm ngàn đồng'],
  ['105 người', 'một trăm lẻ năm người'],
  ['500 nghìn đồng', 'năm trăm ngàn đồng'],
  ['ngày 01', 'ngày mùng một'],
  ['2026', 'hai ngàn không trăm hai mươi sáu'],
];

describe('Vietnamese normaliser (northern)', () => {
  it.each(NORTH)('%s → %s', (written, read) => {
    expect(north(written)).toBe(read);
  });
});

describe('Vietnamese normaliser (southern voice)', () => {
  it.each(SOUTH)('%s → %s', (written, read) => {
    expect(south(written)).toBe(read);
  });
});

describe('normaliser output', () => {
  const passage =
    'Theo Điều 8 Luật Hôn nhân và gia đình 2014 (Luật số 52/2014/QH13), UBND xã phạt 5.000.000 đồng từ ngày 01/7/2024; ' +
    'gọi 113 hoặc 0215.3.825.113, xem https://pbgdpl.moj.gov.vn, gửi CCCD, BHYT lúc 7h30.';

  it('leaves no digit, no capital and no Latin-only abbreviation for espeak-ng to read in English', () => {
    const out = north(passage);
    expect(out).not.toMatch(/\d/);
    expect(out).toBe(out.toLocaleLowerCase('vi'));
    for (const abbreviation of ['ubnd', 'cccd', 'bhyt', 'qh', 'https']) expect(out).not.toMatch(new RegExp(`\\b${abbreviation}\\b`));
  });

  it('keeps espeak-ng on its Vietnamese voice: no "(en)" switch in its phonemes, where the raw text had several', async () => {
    const phonemes = async (text: string) => {
      const out: string[] = [];
      await ESpeakNg({ arguments: ['-v', 'vi', '-q', '-x', text], print: (s: string) => out.push(s), printErr: () => {} });
      return out.join(' ');
    };
    expect((await phonemes(passage)).match(/\(en\)/g)?.length ?? 0).toBeGreaterThan(1);
    const spoken = await phonemes(north(passage));
    expect(spoken.length).toBeGreaterThan(100);
    expect(spoken).not.toMatch(/\((?!vi\))[a-z-]+\)/);
  }, 120_000);

  it('is stable: normalising its own output changes nothing', () => {
    const once = north(passage);
    expect(north(once)).toBe(once);
  });

  it('leaves other languages to their lexicon', () => {
    expect(normalizeForSpeech('UBND 5.000', { language: 'en' })).toBe('UBND 5.000');
    expect(normalizeForSpeech('Hmong 5', { language: 'hnj', lexicon: [{ written: 'Hmong', spoken: 'Hmôngz', language: 'hnj' }] })).toBe('Hmôngz 5');
  });

  it('reads an address mark by mark', () => {
    expect(readAddress('a_b-c@x.vn')).toBe('a gạch dưới bê gạch ngang xê a còng ích chấm vê nờ');
  });
});

describe('pronunciation lexicon', () => {
  const lexicon = [
    { written: 'Mường Tè', spoken: 'mường tè huyện', language: 'vi' },
    { written: 'CA', spoken: 'công an', language: 'vi' },
    { written: 'hmông', spoken: 'mông', language: 'vi' },
    { written: 'Mường', spoken: 'mừơng', language: 'vi' },
    { written: 'UBND', spoken: 'ủy ban', language: 'vi' },
    { written: 'xin chào', spoken: 'hello', language: 'en' },
  ];

  it('matches whole words only, longer entries first', () => {
    expect(applyPronunciations('Huyện Mường Tè, người Mường, Mườngx', lexicon)).toBe('Huyện mường tè huyện, người mừơng, Mườngx');
  });

  it('is case-aware: lower-case entries match any case, capitalised ones exactly', () => {
    expect(applyPronunciations('CA xã, ca trực, HMÔNG, Hmông', lexicon)).toBe('công an xã, ca trực, mông, mông');
  });

  it('runs before the normaliser and only for its own language', () => {
    expect(normalizeForSpeech('UBND xã', { language: 'vi', lexicon })).toBe('ủy ban xã');
    expect(normalizeForSpeech('xin chào', { language: 'vi', lexicon })).toBe('xin chào');
  });
});

describe('"Đọc là" per unit of a Material', () => {
  it('gives every unit with the words the voice says, using the lexicon', async () => {
    const { unitReadings } = await import('../../engine/speech/normalize/readings.js');
    const { sampleMaterial } = await import('./helpers.js');
    const material = sampleMaterial();
    const readings = unitReadings(material, { language: 'vi', lexicon: [{ language: 'vi', written: 'Sơn La', spoken: 'sơn la tỉnh' }] });
    expect(readings.length).toBeGreaterThan(20);
    expect(readings.find((r) => r.unitId === material.issuer.id)!.spoken).toBe('sở tư pháp tỉnh sơn la tỉnh');
    const fine = readings.find((r) => r.text.includes('10.000.000 đồng'))!;
    expect(fine.spoken).toContain('mười triệu đồng đến ba mươi triệu đồng');
    expect(fine.spoken).toContain('đến hai năm');
    expect(readings.every((r) => !/\d/.test(r.spoken))).toBe(true);
  });
});
