// The Modeler's view of the project's files, run by `mvn verify` before the Java tests:
// - element-templates/**/*.json pass the Modeler's template validator; hybrid variants are what
//   scripts/hybrid-templates.mjs makes of their templates;
// - bpmn/*.bpmn pass the Modeler's linter, including the element-templates rules that paint
//   fields red, and the readability rules of diagram-layout.mjs;
// - re-applying each task's template in camunda-bpmn-js (the Modeler's own modeler, headless)
//   changes nothing, and a new task from the template is what the shipped task is; the
//   re-applied processes go to target/reapplied/ for the engine test ReappliedTemplatesTest;
// - forms/*.form pass Camunda's form linting.
// Exits non-zero on any error or warning.
import { build } from 'esbuild';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { installHeadlessDom } from './headless-dom.mjs';
import { layoutProblems } from './diagram-layout.mjs';
import { reapply, freshTasks } from './reapply-templates.mjs';
import { hybridOf, hasJobType, HYBRID_SUFFIX } from './hybrid-templates.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'target', 'modeler-checks');
mkdirSync(out, { recursive: true });
const common = { bundle: true, format: 'esm', logLevel: 'error', loader: { '.css': 'empty' } };
await build({
  ...common,
  entryPoints: [join(root, 'scripts', 'modeler-checks-entry.js')],
  platform: 'node',
  outfile: join(out, 'checks.mjs'),
  banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" }
});
await build({ ...common, entryPoints: [join(root, 'scripts', 'modeler-headless-entry.js')], platform: 'browser', outfile: join(out, 'modeler.mjs') });
installHeadlessDom();
const { Linter, validateZeebe, getZeebeSchemaVersion, CloudElementTemplatesLinterPlugin, FormLinter } =
  await import(pathToFileURL(join(out, 'checks.mjs')).href);
const { Modeler } = await import(pathToFileURL(join(out, 'modeler.mjs')).href);

let problems = 0;
const problem = (text) => { problems++; console.error(text); };
const list = (dir, ext) => existsSync(join(root, dir)) ? readdirSync(join(root, dir)).filter((f) => f.endsWith(ext)).sort() : [];

// Templates
const templates = [];
for (const dir of ['element-templates', 'element-templates/versioned']) {
  for (const file of list(dir, '.json')) {
    const text = readFileSync(join(root, dir, file), 'utf-8');
    const { valid, errors, warnings } = validateZeebe(text);
    for (const e of [...(errors || []), ...(warnings || [])]) problem(`${dir}/${file}: ${e.dataPath || e.instancePath || '/'} ${e.message}`);
    console.log(`${dir}/${file}: ${valid && !(warnings || []).length ? 'valid' : 'INVALID'} (schema ${getZeebeSchemaVersion()})`);
    templates.push({ file: `${dir}/${file}`, json: JSON.parse(text) });
  }
}
for (const { file, json } of templates.filter((t) => t.file.split('/').length === 2 && !t.file.endsWith(`${HYBRID_SUFFIX}.json`) && hasJobType(t.json))) {
  const hybridFile = file.replace(/\.json$/, `${HYBRID_SUFFIX}.json`);
  const hybrid = templates.find((t) => t.file === hybridFile);
  if (!hybrid) problem(`${file}: no hybrid variant ${hybridFile} (node scripts/hybrid-templates.mjs writes it)`);
  else if (JSON.stringify(hybrid.json) !== JSON.stringify(hybridOf(json))) problem(`${hybridFile}: not what scripts/hybrid-templates.mjs makes of ${file}; run it`);
}
const allTemplates = templates.map((t) => t.json);
// Every version ever shipped stays: a diagram made with an old version keeps its template.
for (const { file, json } of templates.filter((t) => t.file.split('/').length === 2)) {
  // The hybrid variants were first shipped with version 2.
  for (let v = json.id.endsWith('.hybrid') ? 2 : 1; v < json.version; v++) {
    if (!allTemplates.some((t) => t.id === json.id && t.version === v)) problem(`${file}: version ${v} of ${json.id} is missing from element-templates/versioned/`);
  }
}

// Diagrams
const linter = new Linter({ modeler: 'desktop', type: 'cloud', plugins: [CloudElementTemplatesLinterPlugin(allTemplates)] });
// Findings accepted on purpose, each for one element: the review task is a job-based user task
// because Zeebe Process Test's in-memory engine completes user tasks only as jobs (a Camunda user
// task needs the REST API, which that engine lacks), so the review process could not be tested.
const ACCEPTED = [{ element: 'review_take', rule: 'camunda-compat/zeebe-user-task' }];
const accepted = (r) => ACCEPTED.some((a) => a.element === r.id && a.rule === r.rule);
const lint = async (label, xml) => {
  const reports = (await linter.lint(xml)).filter((r) => r.category !== 'info' && !accepted(r));
  for (const r of reports) problem(`${label}: ${r.category} ${r.id}: ${r.message} (${r.rule})`);
  return reports.length;
};
const reappliedDir = join(root, 'target', 'reapplied');
mkdirSync(reappliedDir, { recursive: true });
let reappliedTasks = 0;
// bpmn/examples/ holds examples that use the templates (deployed by the tests, not by the workers).
const diagrams = ['bpmn', 'bpmn/examples'].flatMap((dir) => list(dir, '.bpmn').map((file) => ({ dir, file })));
for (const { dir, file: name } of diagrams) {
  const file = `${dir}/${name}`.replace(/^bpmn\//, '');
  const xml = readFileSync(join(root, 'bpmn', file), 'utf-8');
  if (!/modeler:executionPlatformVersion=/.test(xml)) {
    problem(`bpmn/${file}: no modeler:executionPlatformVersion, so the Modeler would not lint it`);
    continue;
  }
  const linted = await lint(`bpmn/${file}`, xml);
  const layout = layoutProblems(xml);
  layout.forEach((p) => problem(`bpmn/${file}: ${p}`));
  const result = await reapply(Modeler, xml, allTemplates, `bpmn/${file}`);
  result.problems.forEach(problem);
  reappliedTasks += result.tasks;
  mkdirSync(dirname(join(reappliedDir, file)), { recursive: true });
  writeFileSync(join(reappliedDir, file), result.xml);
  await lint(`re-applied bpmn/${file}`, result.xml);
  console.log(`bpmn/${file}: ${linted} lint problem(s), ${layout.length} layout problem(s), ${result.tasks} templated task(s) re-applied with ${result.problems.length} change(s)`);
}
const fresh = await freshTasks(Modeler, allTemplates.filter((t) => templates.find((f) => f.json === t).file.split('/').length === 2));
const freshProblems = await lint('new tasks from each template', fresh);
console.log(`new tasks from each current template: ${freshProblems} lint problem(s)`);

// Forms
for (const file of list('forms', '.form')) {
  // The form linter checks nothing for a form that names no execution platform version.
  if (!JSON.parse(readFileSync(join(root, 'forms', file), 'utf-8')).executionPlatformVersion) {
    problem(`forms/${file}: no executionPlatformVersion, so the form linter would check nothing`);
  }
  const reports = await new FormLinter().lint(readFileSync(join(root, 'forms', file), 'utf-8'));
  for (const r of reports) problem(`forms/${file}: ${r.message} (${r.rule || r.id})`);
  console.log(`forms/${file}: ${reports.length ? reports.length + ' problem(s)' : 'no problems'}`);
}

console.log(`${templates.length} template file(s), ${reappliedTasks} templated task(s) re-applied into target/reapplied/`);
if (problems) console.error(`${problems} problem(s) found`);
// The headless modeler leaves editor timers behind: end here rather than wait for them.
process.exit(problems ? 1 : 0);
