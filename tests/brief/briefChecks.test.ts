/** What check says about a brief beyond its syntax: the settings the video can draw, and whether the law it cites is in force. */
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

describe('legal validity', () => {
  it('warns at the effective date of a document not yet in force', () => {
    const text = sampleText().replace(/effective: ['"]?2016-01-01['"]?/, 'effective: 2099-07-01');
    expect(text).toContain('2099-07-01');
    const line = text.split('\n').findIndex((l) => l.includes('2099-07-01')) + 1;
    const result = importBriefBytes(Buffer.from(text));
    expect(result.material).toBeTruthy();
    expect(result.diagnostics.filter((d) => d.code === 'legal.notYetInForce')).toEqual([
      expect.objectContaining({ severity: 'warning', line, params: { ref: '60/2014/QH13', date: '01/07/2099' } }),
    ]);
    expect(importBriefBytes(Buffer.from(sampleText())).diagnostics.filter((d) => d.code === 'legal.notYetInForce')).toEqual([]);
  });
});

describe('a situation with no scenes', () => {
  it('is one error, at the first line that needs a scene, not a warning per line', () => {
    const text = sampleText().replace(/\n## Cảnh \d+ — [^\n]*\n/g, '\n');
    const lines = text.split('\n');
    const firstSetting = lines.findIndex((l) => l.startsWith('Bối cảnh:')) + 1;
    const result = importBriefBytes(Buffer.from(text));
    const situationProblems = result.diagnostics.filter((d) => d.code.startsWith('situation.'));
    expect(situationProblems).toEqual([expect.objectContaining({ severity: 'error', code: 'situation.noScenes', line: firstSetting })]);
  });
});
