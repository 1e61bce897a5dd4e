/**
 * The StudioApi: the one contract between the UI and the engine. Both
 * transports (Electron IPC through the preload, and the local HTTP bridge of
 * `luat-studio serve`) carry exactly these methods, and the engine validates
 * every input against these schemas before it acts.
 *
 * This file imports only zod, the model's zod records and the settings
 * schemas (engine/app/settingsSchema.ts), never Node, so the
 * renderer may import it for its types and for the method names.
 */
import { z } from 'zod';
import { OutputEntry, ProjectRecord, VoiceClipRecord } from '../model/records.js';
import { AppSettings, BrandKit, FarmSettings, PrintShopSettings } from '../app/settingsSchema.js';

const id = z.string().min(1).max(200);
const language = z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/);
/** Brief texts are capped like brief files (2 MiB), with room for multi-byte characters. */
const briefText = z.string().max(4 * 1024 * 1024);

/** A brief problem, already in the user's language, where the CLI would report it. */
export const ApiDiagnostic = z.object({
  severity: z.enum(['error', 'warning']),
  code: z.string(),
  message: z.string(),
  line: z.number().int().positive().optional(),
  col: z.number().int().positive().optional(),
});
export type ApiDiagnostic = z.infer<typeof ApiDiagnostic>;

/** What the editor's outline shows of a Material. */
export const OutlineSection = z.object({
  id: z.string(),
  kind: z.enum(['content', 'keyMessages', 'qa', 'situation', 'audiobook', 'quiz']),
  heading: z.string(),
  line: z.number().int().positive(),
  /** Blocks, messages, Q&A pairs, scenes or chapters, depending on the kind. */
  items: z.number().int().nonnegative(),
});
export const Outline = z.object({
  id: z.string(),
  title: z.string(),
  subtitle: z.string().nullable(),
  issuer: z.string(),
  sourceLanguage: z.string(),
  targetLanguages: z.array(z.string()),
  legalBasis: z.array(z.object({ ref: z.string(), title: z.string(), articles: z.array(z.string()) })),
  sections: z.array(OutlineSection),
  units: z.number().int().nonnegative(),
});
export type Outline = z.infer<typeof Outline>;

export const Validation = z.object({
  valid: z.boolean(),
  diagnostics: z.array(ApiDiagnostic),
  outline: Outline.nullable(),
});
export type Validation = z.infer<typeof Validation>;

/** A brief being edited: a project's, or a draft that never validated (so it has no project yet). */
export const BriefRef = z.union([z.object({ projectId: id }), z.object({ draftId: id })]);
export type BriefRef = z.infer<typeof BriefRef>;

export const Completeness = z.object({
  language: z.string(),
  total: z.number().int(),
  translated: z.number().int(),
  stale: z.number().int(),
  missing: z.number().int(),
  percent: z.number().int(),
  /** Labels (engine/model/labels.ts) not yet translated in this language: it cannot be built until there are none. */
  labelsMissing: z.array(z.string()).optional(),
});
export type Completeness = z.infer<typeof Completeness>;

export const ProjectSummary = ProjectRecord.extend({
  sourceLanguage: z.string(),
  targetLanguages: z.array(z.string()),
  /** A saved draft differs from the last valid brief. */
  hasDraft: z.boolean(),
  translations: z.array(Completeness),
});
export type ProjectSummary = z.infer<typeof ProjectSummary>;

export const DraftSummary = z.object({
  draftId: z.string(),
  fileName: z.string(),
  updatedAt: z.string(),
  errors: z.number().int(),
});
export type DraftSummary = z.infer<typeof DraftSummary>;

export const TranslationRow = z.object({
  unitId: z.string(),
  role: z.string(),
  /** Heading of the section the unit stands under, or speaker, for context. */
  context: z.string().nullable(),
  source: z.string(),
  target: z.string(),
  state: z.enum(['current', 'review', 'stale', 'missing']),
  /** For a stale row: the source text the translation was made from. */
  translatedFrom: z.string().nullable(),
});
export type TranslationRow = z.infer<typeof TranslationRow>;

/** A registered format's name (engine/build/registry.ts); the engine rejects one it does not know. Safe in a path. */
export const FormatName = z.string().regex(/^[a-z][a-z0-9-]{0,39}$/);

/** A word in both languages of the app, from a format's or a channel's descriptor; the UI shows the one of its locale. */
export const Localized = z.object({ vi: z.string(), en: z.string() });

/** What the UI knows of a format: its words, its variants and how to preview it (engine/build/format.ts). */
export const FormatInfo = z.object({
  name: z.string(),
  available: z.boolean(),
  label: Localized,
  preview: z.enum(['document', 'player', 'audio']),
  variants: z.array(z.object({ id: z.string(), label: Localized, role: z.string() })),
});
export type FormatInfo = z.infer<typeof FormatInfo>;

/** `videoVersion`: which version of a video the channel's preset sends (the share version for Zalo). */
export const CachesReport = z.object({
  caches: z.array(z.object({ id: z.string(), label: Localized, hint: Localized, bytes: z.number(), files: z.number() })),
  /** The studio's cache folder, to find it in the file manager. */
  folder: z.string(),
  runningBuilds: z.number(),
});

export const ChannelInfo = z.object({ id: z.string(), label: Localized, videoVersion: z.enum(['full', 'share']) });
export type FormatName = z.infer<typeof FormatName>;
export const AspectName = z.enum(['16:9', '9:16', '1:1']);

/** An output file the UI can show or open: `url` is served by the bridge (or the app's file handler). */
export const OutputFile = OutputEntry.extend({ url: z.string() });
export type OutputFile = z.infer<typeof OutputFile>;

export const JobStatus = z.enum(['queued', 'running', 'done', 'failed', 'cancelled']);
/** A render farm job's unit (engine/farm/units.ts): its state and the worker (`host:pid`) rendering it. */
export const FarmUnitView = z.object({
  key: z.string(),
  format: z.string(),
  language: z.string(),
  aspect: z.string().nullable(),
  state: z.enum(['waiting', 'active', 'done', 'failed']),
  fraction: z.number().min(0).max(1),
  worker: z.string().nullable(),
});
export type FarmUnitView = z.infer<typeof FarmUnitView>;
export const Job = z.object({
  id: z.string(),
  projectId: z.string(),
  title: z.string(),
  /** A render goes to the outputs folder and the render history; a preview to the project's preview folder. */
  purpose: z.enum(['render', 'preview']),
  formats: z.array(z.string()),
  languages: z.array(z.string()),
  aspects: z.array(z.string()),
  status: JobStatus,
  /** 0..1 over the whole job. */
  fraction: z.number().min(0).max(1),
  /** Current step, in the user's language where the format gives one. */
  label: z.string(),
  /** Estimated seconds left (weighted by the work of each step); null until it can be said. */
  remainingSec: z.number().nonnegative().nullable().optional(),
  error: z.string().nullable(),
  warnings: z.array(z.string()),
  outputs: z.array(OutputFile),
  /** Absolute output folder, for "show in folder". */
  outDir: z.string(),
  /** Rendered on the department's render farm (docs/render-farm.md) rather than this PC; its units once planned. */
  farm: z.boolean().optional(),
  units: z.array(FarmUnitView).optional(),
  queuedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Job = z.infer<typeof Job>;

export { AppSettings, BrandKit, PrintShopSettings } from '../app/settingsSchema.js';

/** The settings screen's view: the studio's settings and, with a project, its brand kit and print-shop choices. */
export const SettingsView = z.object({ app: AppSettings, brand: BrandKit.nullable(), printShop: PrintShopSettings.nullable() });
export type SettingsView = z.infer<typeof SettingsView>;

export const VoiceTarget = z.object({
  /** Text unit id of a dialogue line, or `chapter:<n>`. */
  target: z.string(),
  kind: z.enum(['line', 'chapter']),
  /** Speaker name, or chapter heading. */
  label: z.string(),
  text: z.string(),
  clip: VoiceClipRecord.extend({ url: z.string(), current: z.boolean() }).nullable(),
});
export type VoiceTarget = z.infer<typeof VoiceTarget>;

export const PreviewFile = z.object({
  format: z.string(),
  language: z.string(),
  variant: z.string(),
  url: z.string(),
  kind: z.enum(['pdf', 'image', 'audio', 'video', 'other']),
  width: z.number().optional(),
  height: z.number().optional(),
  pages: z.number().optional(),
  durationSec: z.number().optional(),
  /** Audiobook chapters with their start in seconds, when the file carries them. */
  chapters: z.array(z.object({ title: z.string(), startSec: z.number() })).optional(),
});
export type PreviewFile = z.infer<typeof PreviewFile>;

/** A project in the library's bin, restorable. */
export const BinEntry = z.object({ binId: z.string(), projectId: z.string(), title: z.string(), deletedAt: z.string() });
export type BinEntry = z.infer<typeof BinEntry>;

export const Approval = z.object({
  at: z.string(),
  by: z.string(),
  role: z.string(),
  /** Number of approved files and the hash over them, as recorded in the audit log. */
  files: z.number().int(),
  outputsHash: z.string(),
  /** Each approved file and its sha256: what exactly was approved. */
  outputs: z.array(z.object({ path: z.string(), sha256: z.string() })),
});
export type Approval = z.infer<typeof Approval>;

/** One entry of the legal register (engine/legal/register.ts). */
export const LegalEntry = z.object({
  ref: z.string().min(1).max(200),
  status: z.enum(['in-force', 'amended', 'replaced', 'repealed']),
  by: z.string().max(200).nullable(),
  from: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).nullable(),
  source: z.string().min(1).max(2000),
  note: z.string().max(2000).nullable(),
});
export type LegalEntry = z.infer<typeof LegalEntry>;

export const CHANNEL_NAMES = ['wordpress', 'facebook', 'youtube', 'zalo', 'tiktok', 'portal-package'] as const;
export const PublishJobView = z.object({
  id: z.string(),
  channel: z.string(),
  language: z.string(),
  status: z.enum(['queued', 'running', 'retrying', 'done', 'failed']),
  attempts: z.number().int(),
  /** Where it was published, or null. */
  url: z.string().nullable(),
  /** For package channels: the file written, ready to hand over. */
  packagePath: z.string().nullable(),
  /** Why it failed or waits, in the user's language, secrets removed. */
  error: z.string().nullable(),
  updatedAt: z.string(),
});
export type PublishJobView = z.infer<typeof PublishJobView>;

const projectRef = z.object({ projectId: id });
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/).max(200);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const empty = z.object({}).strict();

/** Every method: its input and output schema. Method names read `area.verb`. */
export const methods = {
  'app.info': {
    input: empty,
    output: z.object({
      version: z.string(),
      locale: z.enum(['vi', 'en']),
      formats: z.array(FormatInfo),
      channels: z.array(ChannelInfo),
      languages: z.array(z.object({ code: z.string(), nameVi: z.string(), nameEn: z.string() })),
      libraryDir: z.string(),
    }),
  },
  'projects.list': {
    input: z.object({ query: z.string().max(200).optional() }),
    output: z.object({ projects: z.array(ProjectSummary), drafts: z.array(DraftSummary) }),
  },
  'projects.createFromBrief': {
    input: z.object({ fileName: z.string().min(1).max(500), text: briefText }),
    output: z.object({ project: ProjectRecord.nullable(), draftId: z.string().nullable(), validation: Validation }),
  },
  'projects.createFromSample': {
    /** replace: false refuses (ui.sampleExists) when the sample's project exists, so the UI can ask first. */
    input: z.object({ replace: z.boolean().optional() }).strict(),
    output: z.object({ project: ProjectRecord }),
  },
  'projects.duplicate': {
    /** newId: the copy's brief id (default `<id>-2`, `-3` …); title: the copy's title (default the same). */
    input: z.object({ projectId: id, newId: slug.optional(), title: z.string().trim().min(1).max(300).optional() }),
    output: z.object({ project: ProjectRecord }),
  },
  'projects.rename': {
    input: z.object({ projectId: id, title: z.string().trim().min(1).max(300) }),
    output: z.object({ project: ProjectRecord }),
  },
  'projects.delete': {
    input: projectRef,
    output: BinEntry,
  },
  'projects.bin': {
    input: empty,
    output: z.object({ entries: z.array(BinEntry) }),
  },
  'projects.restore': {
    input: z.object({ binId: id }),
    output: z.object({ project: ProjectRecord }),
  },
  'briefs.validate': {
    input: z.object({ text: briefText }),
    output: Validation,
  },
  'briefs.open': {
    input: BriefRef,
    output: z.object({
      ref: BriefRef,
      /** What the editor shows: the draft when there is one, else the saved brief. */
      text: z.string(),
      /** The last valid brief (empty for a draft with no project). */
      savedText: z.string(),
      isDraft: z.boolean(),
      validation: Validation,
    }),
  },
  'briefs.save': {
    input: z.object({ ref: BriefRef, text: briefText }),
    output: z.object({
      /** 'brief': the Material was updated; 'draft': the text was kept as a draft because it has errors. */
      saved: z.enum(['brief', 'draft']),
      /** Where the brief now lives: a draft that validates becomes a project. */
      ref: BriefRef,
      validation: Validation,
    }),
  },
  'briefs.fromDocx': {
    /** A Word file (base64) → brief text to review, with what the conversion could not keep. */
    input: z.object({ fileName: z.string().min(1).max(500), base64: z.string().min(1).max(30 * 1024 * 1024) }),
    output: z.object({ text: z.string(), diagnostics: z.array(ApiDiagnostic) }),
  },
  'briefs.toDocx': {
    input: z.object({ text: briefText, fileName: z.string().min(1).max(500).optional() }),
    output: z.object({ fileName: z.string(), base64: z.string() }),
  },
  'preview.material': {
    input: z.object({ projectId: id, language: language.optional() }),
    output: z.object({ language: z.string(), complete: z.boolean(), material: z.unknown() }),
  },
  'preview.video': {
    input: z.object({ projectId: id, language: language.optional(), aspect: AspectName.optional() }),
    output: z.object({
      /** The VideoPlan the composition draws (templates/video/plan.ts). */
      plan: z.unknown(),
      /** false: the engine cannot plan this material's video yet; the plan is the demo. */
      fromMaterial: z.boolean(),
      situations: z.number().int(),
    }),
  },
  'preview.files': {
    input: z.object({ projectId: id, format: FormatName, language: language.optional() }),
    output: z.object({ files: z.array(PreviewFile), job: Job.nullable() }),
  },
  'preview.build': {
    input: z.object({ projectId: id, format: FormatName, language: language.optional() }),
    output: Job,
  },
  'translations.summary': {
    input: projectRef,
    output: z.object({ languages: z.array(Completeness) }),
  },
  'translations.grid': {
    input: z.object({ projectId: id, language }),
    output: z.object({ language: z.string(), sourceLanguage: z.string(), rows: z.array(TranslationRow), completeness: Completeness }),
  },
  'translations.put': {
    input: z.object({ projectId: id, language, unitId: id, text: z.string().max(20_000) }),
    output: z.object({ row: TranslationRow, completeness: Completeness }),
  },
  'translations.confirmFigures': {
    input: z.object({ projectId: id, language, unitId: id, note: z.string().trim().min(1).max(2_000) }),
    output: z.object({ row: TranslationRow, completeness: Completeness }),
  },
  'translations.export': {
    input: z.object({ projectId: id, language, format: z.enum(['xliff', 'po']).default('xliff') }),
    output: z.object({ fileName: z.string(), content: z.string() }),
  },
  'translations.import': {
    input: z.object({ projectId: id, language: language.optional(), fileName: z.string().min(1).max(500), content: z.string().max(20 * 1024 * 1024) }),
    output: z.object({
      applied: z.number().int(),
      stale: z.number().int(),
      unchanged: z.number().int(),
      rejected: z.array(z.object({ unitId: z.string(), message: z.string() })),
      problems: z.array(z.object({ message: z.string(), line: z.number().optional() })),
      completeness: z.array(Completeness),
    }),
  },
  'voice.list': {
    input: z.object({ projectId: id, language }),
    output: z.object({ targets: z.array(VoiceTarget) }),
  },
  'voice.put': {
    input: z.object({
      projectId: id,
      language,
      target: id,
      /** The recording, base64; the UI converts it to WAV first (ffmpeg.wasm). */
      audioBase64: z.string().min(1).max(70 * 1024 * 1024),
      extension: z.enum(['wav', 'mp3', 'ogg', 'opus', 'webm', 'm4a', 'flac']),
    }),
    output: VoiceTarget,
  },
  'voice.machine': {
    /** The line spoken by the machine voice, written to a preview file the UI plays. */
    input: z.object({ projectId: id, language, target: id }),
    output: z.object({ url: z.string() }),
  },
  'render.start': {
    input: z.object({
      projectId: id,
      formats: z.array(FormatName).min(1),
      languages: z.array(language),
      aspects: z.array(AspectName).default([]),
      /** On the render farm of the settings (`farm.queue`, `farm.sharedDir`) instead of this PC. */
      farm: z.boolean().default(false),
    }),
    output: Job,
  },
  'farm.test': {
    /** The settings' "Test connection": the address parsed and its Redis answering within a few seconds. */
    input: z.object({ queue: z.string().max(300) }),
    /** `workers`: the render workers waiting on that queue now, by name (HOST:PID). */
    output: z.object({ address: z.string(), workers: z.array(z.string()) }),
  },
  'cache.usage': {
    /** The settings' "Storage on this PC": what the studio keeps to make the next build faster (engine/app/caches.ts). */
    input: z.object({}),
    output: CachesReport,
  },
  'cache.clear': {
    /** Clears the caches named (all when none is); refused while a build runs on this PC. */
    input: z.object({ ids: z.array(z.string().max(60)).max(20).default([]) }),
    output: CachesReport.extend({ freedBytes: z.number() }),
  },
  'render.jobs': {
    input: z.object({ projectId: id.optional() }),
    output: z.object({ jobs: z.array(Job) }),
  },
  'render.cancel': {
    input: z.object({ jobId: id }),
    output: Job,
  },
  'outputs.list': {
    input: projectRef,
    output: z.object({
      renders: z.array(z.object({
        id: z.string(),
        status: z.string(),
        startedAt: z.string(),
        finishedAt: z.string().nullable(),
        outDir: z.string(),
        outputs: z.array(OutputFile),
      })),
    }),
  },
  'outputs.locate': {
    input: z.object({ url: z.string().min(1).max(2000) }),
    output: z.object({ path: z.string() }),
  },
  'publish.approve': {
    /** Approves the project's last build (its outputs folder) as it is now. No folder is named through the API. */
    input: z.object({ projectId: id, by: z.string().trim().min(1).max(200), role: z.string().trim().min(1).max(200) }),
    output: Approval,
  },
  'publish.start': {
    /** Publishes the approved build to the channels; resolves when every job is done or failed. */
    input: z.object({
      projectId: id,
      channels: z.array(z.enum(CHANNEL_NAMES)).min(1),
      languages: z.array(language).default([]),
    }),
    output: z.object({ jobs: z.array(PublishJobView), alreadyPublished: z.array(PublishJobView) }),
  },
  'publish.status': {
    input: projectRef,
    output: z.object({ approval: Approval.nullable(), jobs: z.array(PublishJobView) }),
  },
  'publish.overview': {
    /** The build as it is now (files and hashes), every approval and every publish event of the project. */
    input: projectRef,
    output: z.object({
      build: z.object({
        outDir: z.string(),
        files: z.array(z.object({ path: z.string(), sha256: z.string(), format: z.string(), language: z.string(), variant: z.string(), bytes: z.number() })),
      }).nullable(),
      approvals: z.array(Approval),
      events: z.array(z.object({
        at: z.string(), jobId: z.string(), channel: z.string(), language: z.string(), event: z.string(),
        attempt: z.number().optional(), approvedBy: z.string(), url: z.string().nullable(), error: z.string().nullable(),
      })),
    }),
  },
  'publish.reportFiles': {
    /** The period report as files for the browser to download (base64). */
    input: z.object({ from: isoDate, to: isoDate, forms: z.array(z.enum(['csv', 'xlsx', 'pdf'])).default([]) }),
    output: z.object({
      files: z.array(z.object({ fileName: z.string(), base64: z.string() })),
      materials: z.number().int(), produced: z.number().int(), published: z.number().int(),
    }),
  },
  'settings.putLogo': {
    /** A logo picked in a file dialog (PNG, JPEG or SVG, base64), kept in the project folder. */
    input: z.object({ projectId: id, fileName: z.string().min(1).max(500), base64: z.string().min(1).max(14 * 1024 * 1024) }),
    output: SettingsView,
  },
  'legal.list': {
    input: z.object({}),
    output: z.object({ entries: z.array(LegalEntry) }),
  },
  'legal.put': {
    /** Adds or replaces the entry for (ref, status, by); `remove` deletes it. */
    input: z.object({ entry: LegalEntry, remove: z.boolean().default(false) }),
    output: z.object({ entries: z.array(LegalEntry) }),
  },
  'legal.import': {
    /** A .csv (UTF-8 text) or .xlsx (base64) file, columns as in docs/legal-register.md. */
    input: z.object({ fileName: z.string().min(1).max(500), content: z.string().max(15 * 1024 * 1024), encoding: z.enum(['utf8', 'base64']).default('utf8') }),
    output: z.object({ rows: z.number().int(), added: z.number().int(), updated: z.number().int(), total: z.number().int() }),
  },
  'settings.get': {
    input: z.object({ projectId: id.optional() }),
    output: SettingsView,
  },
  'settings.put': {
    /**
     * Programs and folders (the browser, the output folder, the logo file) are not set through the API: a
     * page must never name a program the studio will run, or a folder it will write to. They come from the
     * settings file, command-line options, or the desktop app's own file dialogs (StudioService.setLocalPath).
     */
    input: z.object({
      app: AppSettings.pick({ locale: true, speechEngine: true }).extend({
        // Queue and split length, replaced together; the farm's shared folder is a local path: never from a page (StudioService.setLocalPath).
        farm: FarmSettings.pick({ queue: true, splitVideoSeconds: true }).strict(),
      }).partial().strict().optional(),
      projectId: id.optional(),
      brand: BrandKit.omit({ logoPath: true }).strict().optional(),
      printShop: PrintShopSettings.strict().optional(),
    }).strict(),
    output: SettingsView,
  },
} as const;

/**
 * The largest request body each method takes over HTTP, in bytes, checked
 * before the body is read (Content-Length) and while it streams. Methods not
 * named here take DEFAULT_BODY_LIMIT. A method whose input may be large adds
 * its line here.
 */
export const DEFAULT_BODY_LIMIT = 1024 * 1024;
const MiB = 1024 * 1024;
export const BODY_LIMITS: { readonly [M in MethodName]?: number } = {
  // Brief texts: up to 4 Mi characters, 3 bytes each in UTF-8 at worst.
  'projects.createFromBrief': 13 * MiB,
  'briefs.validate': 13 * MiB,
  'briefs.save': 13 * MiB,
  // XLIFF/PO files: 20 Mi characters.
  'translations.import': 61 * MiB,
  // A recording: 70 MiB of base64.
  'voice.put': 71 * MiB,
  // A Word file: 20 MiB (engine/docx/zip.ts) as base64, capped at 30 Mi characters; a brief text going to Word.
  'briefs.fromDocx': 31 * MiB,
  'briefs.toDocx': 13 * MiB,
};

export function bodyLimitOf(method: MethodName): number {
  return BODY_LIMITS[method] ?? DEFAULT_BODY_LIMIT;
}

export type MethodName = keyof typeof methods;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];
export type InputOf<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type OutputOf<M extends MethodName> = z.output<(typeof methods)[M]['output']>;

/** The whole API as a TypeScript interface, derived from the schemas above. */
export type StudioApi = { [M in MethodName]: (input: InputOf<M>) => Promise<OutputOf<M>> };

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}

/** What every call returns over a transport: a value, or an error already in the user's language. */
export type ApiResult<T = unknown> = { ok: true; value: T } | { ok: false; error: ApiError };
export interface ApiError {
  /** i18n key (StudioError code), or `api.badInput` / `api.unknownMethod` / `api.unexpected`. */
  code: string;
  message: string;
}

/** Pushed to the UI: job progress and ends. */
export type StudioEvent = { type: 'job'; job: Job };
