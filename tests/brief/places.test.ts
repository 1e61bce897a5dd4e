/** Settings are recognised by whole words with their tones, or named outright; check warns for the rest. */
import { describe, expect, it } from 'vitest';
import { importBriefBytes } from '../../engine/brief/import.js';
import { placeFor, timeOfDayFor } from '../../engine/model/places.js';
import { sampleText } from '../helpers/briefs.js';

describe('places by whole words', () => {
  it.each([
    ['sân nhà trưởng bản', 'stilt-house'],
    ['bàn làm việc của cán bộ tư pháp, trụ sở UBND xã', 'commune-office'],
    ['trường tiểu học xã', 'classroom'],
    ['lớp học', 'classroom'],
    ['phiên chợ phiên', 'market'],
    ['[classroom] nhà văn hoá thôn', 'classroom'],
    ['Trạm Y tế xã', 'health-station'],
  ])('%s → %s', (place, id) => {
    expect(placeFor(place)).toBe(id);
  });

  it.each(['bờ suối', 'bàn làm việc', '[bo-suoi] bờ suối'])('%s is none of ours', (place) => {
    expect(placeFor(place)).toBeNull();
  });

  it('reads the time of day from words with tones', () => {
    expect(timeOfDayFor('buổi tối')).toBe('evening');
    expect(timeOfDayFor('đêm khuya')).toBe('night');
    expect(timeOfDayFor('tôi')).toBe('noon');
  });

  it('check warns at the Bối cảnh line and names the sets it draws', () => {
    const text = sampleText().replace('Bối cảnh: sân nhà sàn, buổi sáng.', 'Bối cảnh: bờ suối, buổi tối.');
    const line = text.split('\n').findIndex((l) => l.startsWith('Bối cảnh: bờ suối')) + 1;
    const result = importBriefBytes(Buffer.from(text));
    const warning = result.diagnostics.find((d) => d.code === 'situation.unknownPlace');
    expect(warning).toMatchObject({ severity: 'warning', line, params: { place: 'bờ suối' } });
    expect(result.material?.sections.find((s) => s.kind === 'situation')).toBeTruthy();
    const evening = result.material!.sections.flatMap((s) => (s.kind === 'situation' ? s.scenes : []))[0]!.setting;
    expect(evening).toMatchObject({ place: 'bờ suối', timeOfDay: 'buổi tối' });
  });
});
