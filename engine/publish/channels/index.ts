/**
 * The social channels: Facebook Page, YouTube, Zalo Official Account and
 * TikTok adapters, their presets, the variant choice and the ready-to-upload
 * fallback. The publish queue constructs an adapter from the channel's
 * settings and calls preflight() then publish() with the job's context.
 */
export { FacebookAdapter, FACEBOOK_GRAPH_URL, FACEBOOK_GRAPH_VERSION, type FacebookOptions } from './facebook/adapter.js';
export { YouTubeAdapter, YOUTUBE_API_URL, YOUTUBE_CHUNK_UNIT, type YouTubeOptions } from './youtube/adapter.js';
export { TikTokAdapter, TIKTOK_API_URL, planChunks, type TikTokOptions, type TikTokPrivacy } from './tiktok/adapter.js';
export { ZaloAdapter, ZALO_API_URL, type ZaloOptions } from './zalo/adapter.js';
export { FACEBOOK_PRESET, YOUTUBE_PRESET, YOUTUBE_SHORTS_PRESET, TIKTOK_PRESET, ZALO_PRESET, SOCIAL_PRESETS, type SocialPreset } from './presets.js';
export { chooseVariant, chooseFile, aspectOf, subtitleFiles, type VariantChoice, type MediaKind } from './variants.js';
export { checkRequest, captionLength } from './preflight.js';
export { writeReadyPackage, packageName, type ReadyPackage } from './readyPackage.js';
export { redact } from './redact.js';
export { CHANNEL_MESSAGES } from './messages.js';
export type { CommonChannelOptions } from './adapterKit.js';
