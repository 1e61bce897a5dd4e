/**
 * The contract between the publish queue and each destination (the WordPress
 * portal, Facebook, YouTube, Zalo, TikTok, or a ready-to-upload package).
 *
 * An adapter never decides whether something may be published (the approval
 * gate does), never stores anything itself (the queue persists the job's
 * progress through `checkpoint`), and never sees a secret it was not given.
 * Uploads are resumable: the adapter records each acknowledged step with
 * `checkpoint` and, when called again with that state after a crash, continues
 * from it; remote ids it created are part of the state, so a job never creates
 * a second post.
 */
import type { Localized, PublishRole } from '../build/format.js';
import type { Material } from '../model/material.js';
import type { OutputEntry } from '../model/records.js';

/** A registered channel's id (see ./registry.ts): wordpress, facebook, youtube, zalo, tiktok, portal-package … */
export type ChannelId = string;

/** The full video or its share version (ChannelPreset.videoVersion). */
export type VideoVersion = 'full' | 'share';

/**
 * Limits a channel documents; checked before anything is sent. Its caption
 * rules are maxCaptionChars here and, for social channels, captionLimitInBytes
 * and maxTitleChars (./channels/presets.ts): the caption is composed to fit them.
 */
export interface ChannelPreset {
  channel: ChannelId;
  /**
   * What the channel takes, by the role a format gives each file
   * (engine/build/format.ts): a feed takes 'video' and 'post-image'. Absent: every role.
   */
  roles?: PublishRole[];
  /** Restricts further to these output formats; absent: any format whose files have an accepted role. */
  formats?: string[];
  /** Preferred aspect ratios, best first ("9:16" for TikTok and Reels). */
  aspects?: string[];
  /**
   * Which version of a built video the channel gets: 'full' (the default) or
   * 'share', the 720p copy of at most 3 MB a minute (engine/formats/video/shareVersion.ts)
   * for channels watched mostly on slow or metered links (Zalo). Shown to
   * people as `publish.videoVersion.<version>` in the message catalogues.
   */
  videoVersion?: VideoVersion;
  maxVideoSeconds?: number;
  maxFileBytes?: number;
  maxCaptionChars?: number;
  /** File extensions the channel accepts. */
  extensions: string[];
}

/** One file to send, chosen from a build's manifest. */
export interface PublishFile {
  output: OutputEntry;
  /** Absolute path on disk. */
  absolutePath: string;
}

export interface PublishRequest {
  material: Material;
  /** Language of this publication. */
  language: string;
  files: PublishFile[];
  /** Post text, already in `language`; the adapter trims nothing: preflight rejects what is too long. */
  caption: string;
  /** Stable per job: sent where the platform supports idempotency, and used in our own state. */
  idempotencyKey: string;
  /**
   * The folder the brief's pictures (image blocks, `src` relative to it) are
   * read from: the project's folder in the library. Absent, a channel that
   * shows them (WordPress) leaves them out.
   */
  picturesDir?: string;
  /**
   * The approval this publication relies on (set by the queue). Packages
   * record it in their manifest; adapters that post need not read it.
   */
  approval?: RequestApproval;
}

export interface RequestApproval {
  by: string;
  role: string;
  /** ISO time of the approval. */
  at: string;
  materialHash: string;
  outputsHash: string;
}

/** Opaque, JSON-serialisable progress of one job on one channel. */
export type ChannelState = Record<string, unknown>;

export interface PublishContext {
  /** State saved by an earlier, interrupted attempt, or {} on the first. */
  state: ChannelState;
  /** Persist progress durably before the next remote step; resolves once it is on disk. */
  checkpoint(state: ChannelState): Promise<void>;
  /** Secret for this channel (token, application password), read from the keyring or environment; never logged. */
  credentials: Record<string, string>;
  /** Base URL of the channel's API (configurable so tests run against local servers). */
  endpoint: string;
  signal: AbortSignal;
  progress(done: number, total: number): void;
  /**
   * Optional cap on upload speed in bytes per second (a user setting for
   * shared provincial connections; the kill test uses it to be mid-upload).
   * Adapters that stream files should honour it (see ./upload.ts); absent means no cap.
   */
  uploadBytesPerSecond?: number;
  /**
   * Folder for ready-to-upload packages (set by the queue): where the
   * 'portal-package' channel writes when no endpoint is configured, and where
   * an adapter whose app the platform has not approved yet may write its own.
   */
  packageDir?: string;
}

export interface PublishResult {
  /** Where people can see it (post URL, video URL, or the package path). */
  url: string;
  /** The platform's ids of what was created, for the record and the report. */
  remoteIds: Record<string, string>;
  /**
   * Set when a ready-to-upload package was written rather than a post (the
   * 'portal-package' channel, or a platform that has not approved the app
   * yet); `url` is then the package's file URL. The record and the report
   * tell the two apart.
   */
  packagePath?: string;
}

export interface PreflightProblem {
  /** i18n key under `diag.publish.` */
  code: string;
  params: Record<string, string | number>;
}

export interface ChannelAdapter {
  readonly id: ChannelId;
  readonly preset: ChannelPreset;
  /**
   * Names of the secrets the adapter reads from `credentials` (e.g. ['user',
   * 'applicationPassword']). Optional: without it the queue passes every
   * secret the store holds for the channel (see ./secrets.ts).
   */
  readonly credentialNames?: readonly string[];
  /** API base used when neither the environment nor the project settings name one. */
  readonly defaultEndpoint?: string;
  /** Problems that make the request unsendable (size, duration, aspect, caption length, format). */
  preflight(request: PublishRequest): PreflightProblem[];
  publish(request: PublishRequest, context: PublishContext): Promise<PublishResult>;
}

/** Where a channel's settings come from: the project's `publish.<channel>` overlaid by the environment (./registry.ts). */
export type ChannelSettings = Record<string, unknown>;

/**
 * A channel describes itself: its words, its limits and caption rules (the
 * preset) and how to make its adapter. Plain data plus a factory that imports
 * the adapter only when the channel is used. A new channel is one folder under
 * ./channels/ exporting one of these, plus one line in ./registry.ts.
 */
export interface ChannelDescriptor {
  id: ChannelId;
  label: Localized;
  preset: ChannelPreset;
  create(settings: ChannelSettings, context: { packageDir: string }): Promise<ChannelAdapter>;
}

/** A failure worth retrying later (network error, 429, 5xx); anything else fails the job. */
export class RetryableError extends Error {
  constructor(
    message: string,
    /** Seconds the server asked us to wait (Retry-After), if any. */
    readonly retryAfterSec?: number,
  ) {
    super(message);
    this.name = 'RetryableError';
  }
}
