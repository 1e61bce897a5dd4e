/**
 * `npm run lint:layers`: the layer rules of .dependency-cruiser.cjs over the
 * project's own code. dependency-cruiser's command refuses Node 20 (the
 * project's floor) although its API runs on it, so the check runs through the API.
 */
import { createRequire } from 'node:module';
import { cruise } from 'dependency-cruiser';
import extractTSConfig from 'dependency-cruiser/config-utl/extract-ts-config';

const require = createRequire(import.meta.url);
const config = require('../.dependency-cruiser.cjs');
const roots = ['engine', 'renderer', 'cli', 'templates', 'electron'];

const result = await cruise(roots, { ...config.options, validate: true, ruleSet: { forbidden: config.forbidden } }, undefined, {
  tsConfig: extractTSConfig('tsconfig.json'),
});
const { violations, totalCruised } = result.output.summary;
for (const v of violations) {
  const via = v.via?.length ? ` (via ${v.via.map((step) => step.name ?? step).join(' → ')})` : '';
  console.error(`${v.rule.name}: ${v.from} → ${v.to}${via}`);
}
if (violations.length > 0) {
  console.error(`\n${violations.length} layer violation(s); the rules and why are in .dependency-cruiser.cjs.`);
  process.exit(1);
}
console.log(`layers: ${totalCruised} modules, no violation`);
