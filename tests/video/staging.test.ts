import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../../engine/brief/diagnostics.js';
import { backgroundFor, dressFor, genderFor, puppetFor, sceneSets, timeOfDayFor, voicesFor } from '../../engine/formats/video/staging.js';
import type { Character, SituationSection } from '../../engine/model/material.js';
import { ARCHETYPES } from '../../engine/model/material.js';
import { edit, materialFrom, sampleText } from './fixtures.js';

const situation = (m: Awaited<ReturnType<typeof materialFrom>>) => m.sections.find((s) => s.kind === 'situation') as SituationSection;

describe('settings from the Bối cảnh line', () => {
  it.each([
    ['sân nhà sàn', 'stilt-house'],
    ['trong nhà, bên bếp lửa', 'hearth'],
    ['Bộ phận một cửa, Ủy ban nhân dân xã', 'commune-office'],
    ['lớp học', 'classroom'],
    ['ruộng bậc thang', 'terraced-fields'],
    ['đường vào bản', 'village-road'],
    ['phiên chợ', 'market'],
    ['trạm y tế xã', 'health-station'],
  ])('%s → %s', (place, id) => {
    expect(backgroundFor(place)).toBe(id);
  });

  it('knows no background for a place it has no picture of', () => {
    expect(backgroundFor('bờ biển')).toBeNull();
  });

  it.each([
    ['buổi sáng', 'morning'],
    ['buổi trưa', 'noon'],
    ['buổi chiều', 'afternoon'],
    ['chập tối', 'evening'],
    ['ban đêm', 'night'],
    [null, 'noon'],
  ])('time of day %s → %s', (text, time) => {
    expect(timeOfDayFor(text)).toBe(time);
  });

  it('gives the sample its stilt house, hearth and yard, and keeps the place for a scene without a setting', async () => {
    const warnings: Diagnostic[] = [];
    const sets = sceneSets(situation(await materialFrom(sampleText())), (d) => warnings.push(d));
    expect(sets.map((s) => s.background)).toEqual(['stilt-house', 'hearth', 'stilt-house', 'stilt-house']);
    expect(sets.map((s) => s.timeOfDay)).toEqual(['morning', 'noon', 'afternoon', 'afternoon']);
    expect(warnings).toEqual([]);
  });

  it('warns about an unknown place with its line, and uses the neutral set', async () => {
    const text = edit(sampleText(), 'Bối cảnh: sân nhà sàn, buổi sáng.', 'Bối cảnh: bờ biển, buổi sáng.');
    const warnings: Diagnostic[] = [];
    const sets = sceneSets(situation(await materialFrom(text)), (d) => warnings.push(d));
    expect(sets[0]!.background).toBe('neutral');
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ severity: 'warning', code: 'video.unknownSetting', params: { scene: 1, place: 'bờ biển' } });
    expect(warnings[0]!.line).toBe(text.split('\n').findIndex((l) => l.includes('bờ biển')) + 1);
  });
});

describe('casting', () => {
  const character = (archetype: string | null, name = 'Hùng'): Character => ({
    id: `c-${name}`, name, role: archetype === null ? 'narrator' : 'character', archetype, knownArchetype: true, loc: { line: 3, col: 1 },
  });

  it('dresses civilians for the uplands when the audience is an ethnic minority, officials always in uniform', async () => {
    const m = await materialFrom(sampleText());
    const dress = dressFor(m, sceneSets(situation(m), () => {}), {});
    expect(dress).toBe('upland');
    const none = () => {};
    expect(puppetFor(character('young-man'), dress, none)).toEqual({ archetype: 'young-man', dress: 'upland', gender: 'male' });
    expect(puppetFor(character('official-woman', 'Chị Hoa'), dress, none)).toEqual({ archetype: 'official-woman', dress: 'uniform', gender: 'female' });
    expect(puppetFor(character('police-officer'), 'lowland', none).dress).toBe('uniform');
  });

  it('dresses for the lowlands when the project says so', async () => {
    const m = await materialFrom(sampleText());
    expect(dressFor(m, sceneSets(situation(m), () => {}), { video: { dress: 'lowland' } })).toBe('lowland');
  });

  it('draws an unknown archetype as the neutral figure and warns with its line', () => {
    const warnings: Diagnostic[] = [];
    const spec = puppetFor(character('dragon', 'Rồng'), 'lowland', (d) => warnings.push(d));
    expect(spec.archetype).toBe('neutral');
    expect(warnings).toEqual([{ severity: 'warning', code: 'video.unknownArchetype', params: { name: 'Rồng', archetype: 'dragon' }, line: 3, col: 1 }]);
  });

  it('knows every archetype of the brief format', () => {
    for (const a of ARCHETYPES) {
      const warnings: Diagnostic[] = [];
      expect(puppetFor(character(a), 'lowland', (d) => warnings.push(d)).archetype).toBe(a);
      expect(warnings).toEqual([]);
    }
  });

  it('takes a teacher’s gender from the form of address', () => {
    expect(genderFor(character('teacher', 'Thầy Minh'))).toBe('male');
    expect(genderFor(character('teacher', 'Cô Lan'))).toBe('female');
  });

  it('gives every character and the narrator a voice of its own', async () => {
    const m = await materialFrom(sampleText());
    const voices = voicesFor(situation(m), { video: { accent: 'south' } });
    expect(voices.size).toBe(5);
    const keys = [...voices.values()].map((v) => `${v.gender}/${v.pitch}`);
    expect(new Set(keys).size).toBe(5);
    for (const v of voices.values()) expect(v.accent).toBe('south');
  });
});
