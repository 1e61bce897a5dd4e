/**
 * The layer rules of docs/ARCHITECTURE.md, checked by `npm run lint:layers`
 * (part of `npm test`). A rule broken here is a design problem, not a style one:
 * fix the import rather than the rule.
 */
const { builtinModules } = require('node:module');

const NODE_BUILTIN = `^(node:)?(${builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})$`;

// Engine modules today's CLI commands still reach past the application layer.
// Removed when engine/app lands (the integrator deletes this list after merging it).
const KNOWN_CLI_IMPORTS = [
  '^engine/api/service\\.ts$',
  '^engine/api/voice\\.ts$',
  '^engine/brief/import\\.ts$',
  '^engine/build/build\\.ts$',
  '^engine/build/format\\.ts$',
  '^engine/crashLog\\.ts$',
  '^engine/errors\\.ts$',
  '^engine/model/languages\\.ts$',
  '^engine/model/material\\.ts$',
  '^engine/model/records\\.ts$',
  '^engine/publish/approval\\.ts$',
  '^engine/publish/auditLog\\.ts$',
  '^engine/publish/publish\\.ts$',
  '^engine/publish/queue\\.ts$',
  '^engine/publish/registry\\.ts$',
  '^engine/publish/report/collect\\.ts$',
  '^engine/publish/report/write\\.ts$',
  '^engine/publish/secrets\\.ts$',
  '^engine/server/server\\.ts$',
  '^engine/server/uiBuild\\.ts$',
  '^engine/store/durableJsonFile\\.ts$',
  '^engine/store/library\\.ts$',
  '^engine/store/schema\\.ts$',
  '^engine/translations/completeness\\.ts$',
  '^engine/translations/po\\.ts$',
  '^engine/translations/xliff\\.ts$',
];

module.exports = {
  forbidden: [
    {
      name: 'engine-not-to-ui',
      comment: 'The engine is plain Node: it never imports the UI, the Electron shell or the command line.',
      severity: 'error',
      from: { path: '^engine/' },
      to: { path: '^(renderer|electron|cli)/' },
    },
    {
      name: 'core-not-to-publish',
      comment: 'Publishing sits on top of the engine: the model, build, formats, store and helpers never import it (engine/crashLog once did, for redaction).',
      severity: 'error',
      from: { path: '^engine/', pathNot: '^engine/(publish|api|app|server)/' },
      to: { path: '^engine/publish/' },
    },
    {
      name: 'api-not-to-templates',
      comment: 'The API reaches templates only through a format (engine/formats), which owns how they are rendered.',
      severity: 'error',
      from: { path: '^engine/(api|app)/' },
      to: { path: '^templates/' },
    },
    {
      name: 'renderer-no-node',
      comment: 'The renderer runs in a browser: no Node builtin, directly or through anything it imports (engine/api/contract.ts and other pure modules are fine).',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: NODE_BUILTIN, reachable: true },
    },
    {
      name: 'renderer-not-to-hosts',
      comment: 'The renderer reaches the engine only through the StudioApi, never the Electron main process or the CLI.',
      severity: 'error',
      from: { path: '^renderer/' },
      to: { path: '^(electron|cli)/' },
    },
    {
      name: 'cli-only-app-layer',
      comment: 'The command line is a thin caller of the application layer (engine/app) and the messages (engine/i18n).',
      severity: 'error',
      from: { path: '^cli/' },
      to: { path: '^(engine|templates|renderer|electron)/', pathNot: ['^engine/(app|i18n)/', ...KNOWN_CLI_IMPORTS] },
    },
    {
      name: 'templates-not-to-hosts',
      comment: 'Templates render the same in the UI and the export; they never import the CLI or Electron.',
      severity: 'error',
      from: { path: '^templates/' },
      to: { path: '^(cli|electron)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|tests)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};
