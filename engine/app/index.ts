/**
 * The application layer: every use case of the studio, once. The command
 * line (cli/) and the UI's API (engine/api/service.ts) call these and
 * nothing below them.
 */
export { checkBriefFile, checkBriefText, labelGaps, validateBrief, type CheckedBrief } from './check.js';
export { editLegalRegister, importLegalRegister, listLegalRegister, type LegalImportOutcome, type LegalRegisterEntry } from './legal.js';
export {
  SAMPLE_BRIEF, createProjectFromBrief, createProjectFromSample, deleteProject, duplicateProject, listBin, listProjects,
  openBrief, renameProject, restoreProject, saveBrief, saveProjectBrief, searchKey,
} from './projects.js';
export { describeTimings, renderBareBrief, renderProject, type RenderOutcome, type RenderRequest } from './build.js';
export { previewFiles, previewMaterial, previewVideo } from './preview.js';
export {
  confirmFigures, editTranslationUnit, exportTranslations, importTranslations, translationFileFormat, translationGrid, translationStatus,
  translationSummary, translationsWithLabels, type LanguageCompleteness, type TranslationFileFormat,
} from './translations.js';
export { listVoiceTargets, recordVoiceTake, voiceClipsFor } from './voices.js';
export {
  PreflightFailed, REPORT_FORMS, approveBuild, preflightMessages, publishJobError, publishProject, publishStatus, writePeriodReport,
  type PublishEvent, type PublishJob, type PublishOutcome,
} from './publishing.js';
export { brandKitOf, checkLocalPath, getSettings, putSettings, setLocalPath, type LocalPathKey } from './settings.js';
export { resolveBuildSettings, type BuildFlags } from './options.js';
export {
  closeStudio, libraryFolder, openStudio, outputDirFor, previewDirFor, readStudio, requireMaterial, withStudio, type Studio,
} from './studio.js';
export { AppSettings, BrandKit } from './settingsSchema.js';
export type { ProgressUpdate } from '../build/format.js';
export { writeCrashLog } from '../crashLog.js';
export { StudioError } from '../errors.js';
export type { Material } from '../model/material.js';
export { userMessage } from '../errorMessage.js';
export { ALL_FORMAT_NAMES } from '../build/registry.js';
export { CHANNEL_IDS } from '../publish/registry.js';
export { addLibraryVoice, listLibraryVoices, readingsOf, removeLibraryVoice, type SpokenLine, type VoiceRecord } from './speech.js';
export { farmTarget, renderProjectOnFarm, runRenderWorker, testFarmQueue, type FarmProgress, type FarmRenderOutcome, type FarmRenderRequest } from './farm.js';
export { briefFileToDocxFile, briefFromDocx, briefToDocx, docxFileNameFor, docxFileToBriefFile, type BriefFromDocx } from './docx.js';
export { cacheUsage, clearCaches, keptCaches, type CacheUsage, type CachesReport } from './caches.js';
