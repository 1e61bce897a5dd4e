/**
 * Which built files a channel takes: by the role each format gives its files
 * (engine/build/format.ts), narrowed by the preset's formats when it names some.
 */
import { ALL_FORMAT_NAMES, formatsWithRoles, publishRoleOf } from '../build/registry.js';
import type { ChannelPreset } from './channel.js';

export function presetTakes(preset: ChannelPreset, entry: { format: string; variant: string }): boolean {
  if (preset.formats && !preset.formats.includes(entry.format)) return false;
  if (!preset.roles) return true;
  const role = publishRoleOf(entry);
  return role !== undefined && preset.roles.includes(role);
}

/** The formats a channel takes, for messages ("TikTok takes: video"). */
export function formatsTaken(preset: ChannelPreset): string[] {
  return preset.formats ?? (preset.roles ? formatsWithRoles(preset.roles) : [...ALL_FORMAT_NAMES]);
}
