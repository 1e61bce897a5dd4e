/**
 * What each social channel accepts, from the platforms' own documentation
 * (the page is cited on each preset). Preflight checks a request against
 * these before anything is sent; `chooseVariant` uses the aspect lists, best
 * first, to pick the build output that suits the channel.
 *
 * `extensions`, `maxFileBytes` and `aspects` of the shared ChannelPreset
 * describe video posts; a channel that also takes still images (photo posts,
 * article images) lists those limits in the image fields.
 */
import type { ChannelPreset, VideoVersion } from '../channel.js';

export interface SocialPreset extends ChannelPreset {
  /** Which version of a video this channel gets (ChannelPreset.videoVersion); every social preset says. */
  videoVersion: VideoVersion;
  /** Video file extensions (lower case, with the dot). */
  videoExtensions: string[];
  /** Image file extensions for photo posts; empty when the channel takes no images. */
  imageExtensions: string[];
  /** Aspect ratios for image posts, best first. */
  imageAspects: string[];
  maxImageBytes?: number;
  /** Title field limit (YouTube title, Zalo article title), in characters. */
  maxTitleChars?: number;
  /** The caption limit counts UTF-8 bytes rather than characters (YouTube description). */
  captionLimitInBytes?: boolean;
  /** Where the numbers come from. */
  docs: string[];
}

const MB = 1000 * 1000;
const GB = 1000 * MB;

/**
 * Facebook Page feed: videos (MP4) through the Resumable Upload API, photos through /{page-id}/photos.
 * Videos up to 10 GB and 240 minutes; photos under 4 MB as JPEG/PNG/GIF/TIFF/HEIF/WebP; a post's
 * text up to 63,206 characters. Feed videos look best square or landscape, photos 4:5 or square.
 */
export const FACEBOOK_PRESET: SocialPreset = {
  channel: 'facebook',
  roles: ['video', 'post-image'],
  // The full video: Facebook takes up to 10 GB and makes its own lower renditions for slow viewers.
  videoVersion: 'full',
  aspects: ['1:1', '16:9'],
  // The Resumable Upload API takes video/mp4 only.
  videoExtensions: ['.mp4'],
  imageExtensions: ['.jpg', '.jpeg', '.png'],
  imageAspects: ['4:5', '1:1'],
  extensions: ['.mp4', '.jpg', '.jpeg', '.png'],
  maxVideoSeconds: 240 * 60,
  maxFileBytes: 10 * GB,
  maxImageBytes: 4 * MB,
  maxCaptionChars: 63_206,
  docs: [
    'https://developers.facebook.com/docs/video-api/guides/publishing',
    'https://developers.facebook.com/docs/graph-api/guides/upload',
    'https://developers.facebook.com/docs/graph-api/reference/page/photos/',
    'https://developers.facebook.com/docs/pages-api/posts',
  ],
};

/**
 * YouTube: videos.insert takes files up to 256 GB (video/* or application/octet-stream); a title of
 * at most 100 characters and a description of at most 5,000 bytes. Accounts that have not verified
 * their phone number may upload 15 minutes at most; verified ones up to 12 hours.
 */
export const YOUTUBE_PRESET: SocialPreset = {
  channel: 'youtube',
  roles: ['video'],
  // The full 1080p video: YouTube transcodes every upload into adaptive renditions itself.
  videoVersion: 'full',
  aspects: ['16:9'],
  videoExtensions: ['.mp4', '.mov', '.webm', '.avi', '.m4v'],
  imageExtensions: [],
  imageAspects: [],
  extensions: ['.mp4', '.mov', '.webm', '.avi', '.m4v'],
  maxVideoSeconds: 15 * 60,
  maxFileBytes: 256 * 1024 * 1024 * 1024,
  maxCaptionChars: 5000,
  captionLimitInBytes: true,
  maxTitleChars: 100,
  docs: [
    'https://developers.google.com/youtube/v3/docs/videos/insert',
    'https://developers.google.com/youtube/v3/docs/videos#resource',
    'https://developers.google.com/youtube/v3/guides/using_resumable_upload_protocol',
    'https://support.google.com/youtube/answer/71673 (15-minute limit for unverified accounts)',
  ],
};

/** A verified channel may upload up to 12 hours. */
export const YOUTUBE_VERIFIED_MAX_SECONDS = 12 * 60 * 60;

/** YouTube Shorts: vertical or square, at most 3 minutes (same upload protocol). */
export const YOUTUBE_SHORTS_PRESET: SocialPreset = {
  ...YOUTUBE_PRESET,
  aspects: ['9:16', '1:1'],
  maxVideoSeconds: 180,
  docs: [...YOUTUBE_PRESET.docs, 'https://support.google.com/youtube/answer/15424877 (Shorts: up to 3 minutes, square or vertical)'],
};

/**
 * TikTok Content Posting API: MP4 (recommended), WebM or MOV up to 4 GB; the creator's own maximum
 * duration comes from creator_info/query (10 minutes is the common ceiling); a caption ("title") of
 * up to 2,200 UTF-16 code units. Vertical 9:16 is what the feed shows full screen.
 */
export const TIKTOK_PRESET: SocialPreset = {
  channel: 'tiktok',
  roles: ['video'],
  // The full video: TikTok recommends 1080×1920 (4 GB allowed) and re-encodes for playback.
  videoVersion: 'full',
  aspects: ['9:16'],
  videoExtensions: ['.mp4', '.webm', '.mov'],
  imageExtensions: [],
  imageAspects: [],
  extensions: ['.mp4', '.webm', '.mov'],
  maxVideoSeconds: 10 * 60,
  maxFileBytes: 4 * 1024 * 1024 * 1024,
  maxCaptionChars: 2200,
  docs: [
    'https://developers.tiktok.com/doc/content-posting-api-media-transfer-guide',
    'https://developers.tiktok.com/doc/content-posting-api-reference-direct-post',
    'https://developers.tiktok.com/doc/content-posting-api-reference-upload-video',
  ],
};

/**
 * Zalo Official Account articles: a video for a video article up to 50 MB (MP4 or AVI); images are
 * referenced by URL (at most 1 MB each); a title of at most 150 characters, a description of at most
 * 300. The official pages (developers.zalo.me/docs/official-account/bai-viet/...) were not in the
 * search corpus; the numbers are those Zalo's SDKs repeat from them.
 */
export const ZALO_PRESET: SocialPreset = {
  channel: 'zalo',
  roles: ['video', 'post-image'],
  // The share version: one 50 MB upload with no resume, to viewers mostly on mobile data (issue 19).
  videoVersion: 'share',
  aspects: ['16:9', '1:1', '9:16'],
  videoExtensions: ['.mp4', '.avi'],
  imageExtensions: ['.jpg', '.jpeg', '.png'],
  imageAspects: ['4:5', '1:1', '9:16'],
  extensions: ['.mp4', '.avi', '.jpg', '.jpeg', '.png'],
  maxFileBytes: 50 * MB,
  maxImageBytes: 1 * MB,
  maxCaptionChars: 300,
  maxTitleChars: 150,
  docs: [
    'https://developers.zalo.me/docs/official-account/bai-viet/tao-bai-viet',
    'https://github.com/zaloplatform/zalo-java-sdk (CreateVideoArticle, UploadVideoForArticle, CheckStatusVideo, GetArticleId)',
  ],
};

export const SOCIAL_PRESETS = {
  facebook: FACEBOOK_PRESET,
  youtube: YOUTUBE_PRESET,
  tiktok: TIKTOK_PRESET,
  zalo: ZALO_PRESET,
} as const;
