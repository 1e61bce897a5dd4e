/**
 * The layer rules of docs/ARCHITECTURE.md, checked by `npm run lint:layers`
 * (part of `npm test`). A rule broken here is a design problem, not a style one:
 * fix the import rather than the rule.
 */
const { builtinModules } = require('node:module');

const NODE_BUILTIN = `^(node:)?(${builtinModules.filter((m) => !m.startsWith('_')).map((m) => m.replace(/[/.]/g, '\\$&')).join('|')})$`;

// `serve` is the one command that starts a transport: the HTTP bridge over the
// StudioApi (which is itself a thin caller of engine/app), so it may reach them.
const SERVE_TRANSPORT = ['^engine/api/service\.ts$', '^engine/server/'];

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
      from: { path: '^cli/', pathNot: '^cli/commands/serve\\.ts$' },
      to: { path: '^(engine|templates|renderer|electron)/', pathNot: ['^engine/(app|i18n)/'] },
    },
    {
      name: 'serve-only-transport',
      comment: 'serve starts the HTTP bridge over the StudioApi; besides the application layer it reaches only those.',
      severity: 'error',
      from: { path: '^cli/commands/serve\\.ts$' },
      to: { path: '^(engine|templates|renderer|electron)/', pathNot: ['^engine/(app|i18n)/', ...SERVE_TRANSPORT] },
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
