// Checks element-templates/*.json with Camunda Modeler's template validator and bpmn/*.bpmn with
// the Modeler's BPMN linter (@camunda/linting). Exits non-zero on any error or warning.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const bundle = join(root, 'target', 'modeler-checks', 'bundle.mjs');
mkdirSync(dirname(bundle), { recursive: true });
await build({
  entryPoints: [join(root, 'scripts', 'modeler-checks-entry.js')],
  bundle: true,
  platform: 'node',
  format: 'esm',
  outfile: bundle,
  logLevel: 'error',
  loader: { '.css': 'empty' },
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" }
});
const { Linter, validateZeebe, getZeebeSchemaVersion } = await import(pathToFileURL(bundle).href);

let problems = 0;
const list = (dir, ext) => readdirSync(join(root, dir)).filter(f => f.endsWith(ext)).sort();

for (const file of list('element-templates', '.json')) {
  const text = readFileSync(join(root, 'element-templates', file), 'utf-8');
  const { valid, errors, warnings } = validateZeebe(text);
  for (const e of [...(errors || []), ...(warnings || [])]) {
    problems++;
    console.error(`element-templates/${file}: ${e.dataPath || e.instancePath || '/'} ${e.message}`);
  }
  console.log(`element-templates/${file}: ${valid && !(warnings || []).length ? 'valid' : 'INVALID'} (schema ${getZeebeSchemaVersion()})`);
}

const linter = new Linter({ modeler: 'desktop', type: 'cloud' });
for (const file of list('bpmn', '.bpmn')) {
  const xml = readFileSync(join(root, 'bpmn', file), 'utf-8');
  if (!/modeler:executionPlatformVersion=/.test(xml)) {
    problems++;
    console.error(`bpmn/${file}: no modeler:executionPlatformVersion, so the Modeler would not lint it`);
    continue;
  }
  const reports = await linter.lint(xml);
  for (const r of reports) {
    problems++;
    console.error(`bpmn/${file}: ${r.category} ${r.id}: ${r.message} (${r.rule})`);
  }
  console.log(`bpmn/${file}: ${reports.length ? reports.length + ' problem(s)' : 'no problems'}`);
}

if (problems) {
  console.error(`${problems} problem(s) found`);
  process.exit(1);
}
