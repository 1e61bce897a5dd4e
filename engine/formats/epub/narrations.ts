/**
 * The narration of a whole brief, one per language, made by the audiobook's
 * pipeline (engine/formats/audiobook/narration.ts: the same script rules,
 * voices, recorded clips, speech cache and mastering) and shared by the
 * formats that play along with the text (the read-along EPUB, the e-lecture)
 * through the build's shared resources, so a build of both speaks once.
 *
 * Unlike the audiobook, which follows the brief's chapter plan, a read-along
 * narration reads every section in the brief's order, so every paragraph on
 * the page has its voice.
 */
import type { BuildContext } from '../../build/format.js';
import { workFolder } from '../../media/files.js';
import type { Material } from '../../model/material.js';
import { neuralVoiceFor } from '../../speech/neural/voiceChoice.js';
import { voiceClipsFromSettings, type SpeechRegistry } from '../../speech/registry.js';
import { buildSpeechRegistry } from '../../build/speech.js';
import type { VoiceClipSource } from '../../speech/speechEngine.js';
import { AudiobookSettings } from '../audiobook/index.js';
import { canVoice, narrate, type Narration } from '../audiobook/narration.js';
import { buildScript, type ScriptPart } from '../audiobook/script.js';

export interface Voicing {
  registry: SpeechRegistry;
  clips: VoiceClipSource | null;
  settings: AudiobookSettings;
  workDir: string;
}

/** The speech registry, recorded clips and a work folder for one build (shared by the formats of that build). */
export function voicing(ctx: BuildContext): Promise<Voicing> {
  return ctx.shared.get(
    'narration-voicing',
    async () => {
      const work = await workFolder('narration');
      const parsed = AudiobookSettings.safeParse(ctx.settings['audiobook'] ?? {});
      return {
        // The build's one registry and cache (engine/build/speech.ts): lines the audiobook or the video spoke are not spoken again.
        registry: await buildSpeechRegistry(ctx),
        clips: voiceClipsFromSettings(ctx.settings),
        settings: parsed.success ? parsed.data : AudiobookSettings.parse({}),
        workDir: work.dir,
        dispose: work.dispose,
      };
    },
    async (v) => v.dispose(),
  );
}

/** The script of `material` read section by section in the brief's order. */
export function readAlongScript(ctx: BuildContext, v: Voicing, material: Material, language: string): ScriptPart[] {
  const unplanned: Material = { ...material, sections: material.sections.filter((s) => s.kind !== 'audiobook') };
  return buildScript(unplanned, {
    language,
    voices: { accent: v.settings.accent, rate: v.settings.rate, neural: (speaker) => neuralVoiceFor(ctx.settings, speaker) },
    canSynthesize: v.registry.engineFor(language) !== null,
    speakerNames: v.settings.speakerNames,
    clips: v.clips,
    qa: v.settings.qa,
  });
}

/**
 * The read-along narration of `language`, or null when no engine speaks it and
 * some line has no recording. Computed once per build and language.
 */
export async function readAlongNarration(ctx: BuildContext, language: string): Promise<Narration | null> {
  const v = await voicing(ctx);
  return ctx.shared.get(
    `narration-read-along:${language}`,
    async () => {
      const parts = readAlongScript(ctx, v, ctx.materialFor(language), language);
      if (!canVoice(parts, v.registry, v.clips, language)) return null;
      return narrate(parts, { registry: v.registry, clips: v.clips, language, workDir: v.workDir, name: `read-along-${language}`, signal: ctx.signal });
    },
    async () => {},
  );
}
