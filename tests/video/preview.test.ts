/**
 * The UI's live preview plans the brief's own video with the export's
 * planning code: same size, every dialogue line in the captions, in order.
 */
import { describe, expect, it } from 'vitest';
import { importBriefFile } from '../../engine/brief/import.js';
import { planPreview } from '../../engine/formats/video/index.js';
import { sectionsOfKind } from '../../engine/model/units.js';
import { SAMPLE_BRIEF } from '../helpers/briefs.js';
import { SOURCE_LABELS } from '../../engine/model/labels.js';

describe('video preview plan', () => {
  it("plans the sample's situation at 9:16 with every line captioned in order", async () => {
    const { material } = await importBriefFile(SAMPLE_BRIEF);
    const plan = await planPreview(material!, { language: 'vi', aspect: '9:16', settings: {}, projectDir: null, labels: SOURCE_LABELS });
    expect([plan.width, plan.height, plan.aspect, plan.language]).toEqual([1080, 1920, '9:16', 'vi']);
    const lines = sectionsOfKind(material!, 'situation')[0]!.scenes.flatMap((s) => s.lines.map((l) => l.unit.text));
    const captioned = plan.captions.map((c) => c.lines.join(' ')).join(' ').replace(/\s+/g, ' ');
    let at = 0;
    for (const line of lines) {
      const found = captioned.indexOf(line.split(' ').slice(0, 3).join(' '), at);
      expect(found, line).toBeGreaterThanOrEqual(at);
      at = found;
    }
    // Real speech durations: the sample's 17 lines last well over half a minute.
    expect(plan.durationInFrames / plan.fps).toBeGreaterThan(40);
  });
});
