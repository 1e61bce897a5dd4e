/** A translation keeps every figure of its source: amounts, dates, document numbers, hotlines, links. */
import { describe, expect, it } from 'vitest';
import { figureMismatches, figuresIn } from '../../engine/translations/figures.js';

describe('figures in legal text', () => {
  it('finds each figure once, with its canonical value', () => {
    const figures = figuresIn('Phạt từ 3.000.000 đồng đến 5.000.000 đồng theo Nghị định 144/2021/NĐ-CP, có hiệu lực từ 15/01/2026; gọi 0215.3.825.113 hoặc 111; xem https://pbgdpl.gov.vn/hoi-dap, 2,5%, 02 năm.');
    expect(figures.map((f) => [f.kind, f.value])).toEqual([
      ['url', 'pbgdpl.gov.vn/hoi-dap'],
      ['documentNumber', '144/2021/NĐ-CP'],
      ['date', '15-1-2026'],
      ['phone', '02153825113'],
      ['number', '3000000'],
      ['number', '5000000'],
      ['number', '111'],
      ['number', '2.5%'],
      ['number', '2'],
    ]);
  });

  it('accepts a translation that carries every figure, in any order', () => {
    expect(figureMismatches('Nữ từ đủ 18 tuổi, nam từ đủ 20 tuổi (Điều 8 khoản 1 điểm a).', 'ꪼꪒ 20 ꪜꪲ, ꪼꪒ 18 ꪜꪲ (ꪒꪲꪉ 8, 1, a).')).toEqual([]);
    expect(figureMismatches('Phạt 5.000.000 đồng.', 'Nplua 5.000.000 nyiaj.')).toEqual([]);
    expect(figureMismatches('Gọi 111 miễn phí.', 'Hu 111 dawb.')).toEqual([]);
  });

  it('names both values when a figure changed', () => {
    expect(figureMismatches('Phạt 5.000.000 đồng.', 'Nplua 500.000 nyiaj.')).toEqual([{ kind: 'number', source: '5.000.000', target: '500.000' }]);
    expect(figureMismatches('Luật số 52/2014/QH13.', 'Txoj cai 52/2014/QH14.')).toEqual([{ kind: 'documentNumber', source: '52/2014/QH13', target: '52/2014/QH14' }]);
    expect(figureMismatches('Từ ngày 01/7/2024.', 'Txij 1/8/2024.')).toEqual([{ kind: 'date', source: '01/7/2024', target: '1/8/2024' }]);
  });

  it('reports a figure the translation lost, and one it invented', () => {
    expect(figureMismatches('Đủ 18 tuổi.', 'Muaj hnub nyoog.')).toEqual([{ kind: 'number', source: '18', target: null }]);
    expect(figureMismatches('Đủ tuổi.', 'Muaj 17 xyoo.')).toEqual([{ kind: 'number', source: null, target: '17' }]);
  });

  it('takes the target language\'s own separators when configured', () => {
    const spaces = { thousands: [' ', '.'], decimal: [',', '.'] };
    expect(figureMismatches('Phạt 5.000.000 đồng, 2,5%.', 'Fine 5 000 000 dong, 2.5%.', spaces)).toEqual([]);
    expect(figureMismatches('Phạt 5.000.000 đồng.', 'Fine 5 000 000 dong.')).not.toEqual([]);
  });
});
