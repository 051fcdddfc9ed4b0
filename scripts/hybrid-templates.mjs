// Makes the "hybrid" variant of each template, as Camunda's connectors ship them: the same
// template with an editable job type, so a task can be served by a second worker pool (for
// example one with another PixVerse account or another storage directory).
// Run `node scripts/hybrid-templates.mjs` after changing a template; the build checks the result.
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export const HYBRID_SUFFIX = '-hybrid';

/** Only a template that sets a job type has a hybrid variant (a call activity has no job). */
export const hasJobType = (template) =>
  template.properties.some((p) => p.binding.type === 'zeebe:taskDefinition' && p.binding.property === 'type');

export function hybridOf(template) {
  const hybrid = structuredClone(template);
  hybrid.id = `${template.id}.hybrid`;
  hybrid.name = `${template.name} (hybrid)`;
  hybrid.description = `${template.description} Hybrid: the job type is editable, for a second worker pool.`;
  hybrid.groups = [{ id: 'taskDefinition', label: 'Job type' }, ...template.groups];
  hybrid.properties = template.properties.map((p) => {
    if (p.binding.type === 'zeebe:taskDefinition' && p.binding.property === 'type') {
      return {
        id: 'jobType', label: 'Job type', group: 'taskDefinition', type: 'String', value: p.value,
        description: `The job type a worker pool subscribes to; ${p.value} is the default workers'; a second pool subscribes to another with camunda.client.worker.override.${p.value}.type.`,
        tooltip: 'Point this task at a second worker pool, for example one with another PixVerse account.',
        binding: p.binding,
        constraints: { notEmpty: true }
      };
    }
    if (p.binding.type === 'zeebe:taskHeader' && p.binding.key === 'elementTemplateId') return { ...p, value: hybrid.id };
    return p;
  });
  return hybrid;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = join(dirname(fileURLToPath(import.meta.url)), '..', 'element-templates');
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && !f.endsWith(`${HYBRID_SUFFIX}.json`))) {
    const template = JSON.parse(readFileSync(join(dir, file), 'utf-8'));
    if (!hasJobType(template)) continue;
    const hybrid = hybridOf(template);
    writeFileSync(join(dir, file.replace(/\.json$/, `${HYBRID_SUFFIX}.json`)), JSON.stringify(hybrid, null, 2) + '\n');
  }
}
