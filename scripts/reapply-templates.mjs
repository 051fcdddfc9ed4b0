// Applies the element templates the way the Modeler does (camunda-bpmn-js's own modeler and
// element templates modules, headless in jsdom) and reports any change a re-application makes.


/**
 * What decides a templated element's behaviour: job type, retries, the called process and what
 * crosses into and out of it, inputs, outputs, headers.
 */
export function behaviour(bo) {
  const values = bo.extensionElements ? bo.extensionElements.values : [];
  const of = (type) => values.find((v) => v.$type === type);
  const definition = of('zeebe:TaskDefinition');
  const called = of('zeebe:CalledElement');
  const io = of('zeebe:IoMapping');
  const headers = of('zeebe:TaskHeaders');
  const pairs = (list, key, value) => (list || []).map((p) => [p[key], p[value] === undefined ? null : p[value]])
    .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
  return {
    template: [bo.get('zeebe:modelerTemplate'), bo.get('zeebe:modelerTemplateVersion'), bo.get('zeebe:modelerTemplateIcon') || null],
    type: definition && definition.type,
    retries: definition && definition.retries,
    called: called ? [called.processId, called.get('propagateAllParentVariables'), called.get('propagateAllChildVariables')] : null,
    inputs: pairs(io && io.inputParameters, 'target', 'source'),
    outputs: pairs(io && io.outputParameters, 'target', 'source'),
    headers: pairs(headers && headers.values, 'key', 'value')
  };
}

/**
 * The await task reads its previous check back through the input previousStatus, which must name
 * the task's own result variable. Templates cannot derive one field from another, so the build
 * checks the pairing in every shipped process instead.
 */
export function previousCheckProblem(label, elementId, shipped) {
  if (!String(shipped.template[0]).startsWith('io.github.pixversecamunda.AwaitTask')) return null;
  const result = new Map(shipped.headers).get('resultVariable');
  const previous = new Map(shipped.inputs).get('previousStatus');
  return previous === `=${result}` ? null
    : `${label} ${elementId}: Previous result (previousStatus) is ${JSON.stringify(previous)}, not "=${result}" (its result variable)`;
}

function differences(before, after) {
  const found = [];
  for (const key of Object.keys(before)) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      found.push(`${key}: ${JSON.stringify(before[key])} became ${JSON.stringify(after[key])}`);
    }
  }
  return found;
}

/**
 * Re-applies each templated task's template (its newest version) and compares, then applies each
 * task's template to a new task and compares with the shipped task: they may differ only where the
 * template offers a fixed choice (a Dropdown, such as the mode). Returns problems and the saved XML.
 */
export async function reapply(Modeler, xml, templates, label) {
  const problems = [];
  const modeler = new Modeler({ container: document.getElementById('canvas') });
  await modeler.importXML(xml);
  const elementTemplates = modeler.get('elementTemplates');
  elementTemplates.set(templates);
  const registry = modeler.get('elementRegistry');
  const modeling = modeler.get('modeling');
  const elementFactory = modeler.get('elementFactory');
  const root = modeler.get('canvas').getRootElement();
  let tasks = 0;
  for (const element of registry.filter((e) => e.businessObject.get && e.businessObject.get('zeebe:modelerTemplate'))) {
    const id = element.businessObject.get('zeebe:modelerTemplate');
    const newest = elementTemplates.getAll(id).sort((a, b) => b.version - a.version)[0];
    if (!newest) {
      problems.push(`${label} ${element.id}: no template ${id}`);
      continue;
    }
    tasks++;
    const shipped = behaviour(element.businessObject);
    const pairing = previousCheckProblem(label, element.id, shipped);
    if (pairing) problems.push(pairing);
    const reapplied = elementTemplates.applyTemplate(element, newest);
    for (const d of differences(shipped, behaviour(reapplied.businessObject))) {
      problems.push(`${label} ${element.id}: re-applying ${id} v${newest.version} changes ${d}`);
    }
    const fresh = modeling.createShape(elementFactory.createShape({ type: elementTypeOf(newest) }), { x: 50, y: 900 + tasks * 100 }, root);
    const applied = behaviour(elementTemplates.applyTemplate(fresh, newest).businessObject);
    // A Dropdown is a fixed choice of the designer, and so is whatever a choice makes appear.
    const choices = newest.properties.filter((p) => p.type === 'Dropdown' || p.condition);
    const fixed = new Set(choices.filter((p) => p.binding.type === 'zeebe:input').map((p) => p.binding.name));
    const fixedOutputs = new Set(choices.filter((p) => p.binding.type === 'zeebe:output').map((p) => p.binding.source));
    const compare = (kind, shippedPairs, freshPairs, skip) => {
      const before = new Map(shippedPairs);
      const after = new Map(freshPairs);
      for (const name of new Set([...before.keys(), ...after.keys()])) {
        if (!skip(name) && before.get(name) !== after.get(name)) {
          problems.push(`${label} ${element.id}: ${kind} ${name} is ${JSON.stringify(before.get(name))}, a new task from ${id} gets ${JSON.stringify(after.get(name))}`);
        }
      }
    };
    compare('input', shipped.inputs, applied.inputs, (name) => fixed.has(name));
    // Outputs are compared by source: a chosen result variable is the designer's choice.
    const bySource = (pairs) => pairs.map(([target, source]) => [source, target]);
    compare('output', bySource(shipped.outputs), bySource(applied.outputs), (source) => fixedOutputs.has(source));
    const processChoice = choices.some((p) => p.binding.type === 'zeebe:calledElement' && p.binding.property === 'processId');
    if (JSON.stringify((shipped.called || []).slice(processChoice ? 1 : 0)) !== JSON.stringify((applied.called || []).slice(processChoice ? 1 : 0))) {
      problems.push(`${label} ${element.id}: the called element's variable propagation differs from a new element from ${id}`);
    }
    for (const key of ['type', 'retries', 'headers', 'template']) {
      if (JSON.stringify(shipped[key]) !== JSON.stringify(applied[key])) {
        problems.push(`${label} ${element.id}: ${key} differs from a new task from ${id}`);
      }
    }
    modeling.removeShape(registry.get(fresh.id) || fresh);
  }
  const { xml: saved } = await modeler.saveXML({ format: true });
  modeler.destroy();
  return { problems, tasks, xml: saved };
}

/** The element a new one is drawn as before a template is applied: a task, or a call activity for its template. */
export const elementTypeOf = (template) => template.appliesTo.includes('bpmn:CallActivity') ? 'bpmn:CallActivity' : 'bpmn:Task';

/** Applies every template to a new task and returns the XML, for the template lint rules. */
export async function freshTasks(Modeler, templates) {
  const modeler = new Modeler({ container: document.getElementById('canvas') });
  await modeler.createDiagram();
  const elementTemplates = modeler.get('elementTemplates');
  elementTemplates.set(templates);
  const modeling = modeler.get('modeling');
  const elementFactory = modeler.get('elementFactory');
  const root = modeler.get('canvas').getRootElement();
  templates.forEach((template, i) => {
    const task = modeling.createShape(elementFactory.createShape({ type: elementTypeOf(template) }), { x: 200 + 150 * i, y: 300 }, root);
    elementTemplates.applyTemplate(task, template);
  });
  const { xml } = await modeler.saveXML({ format: true });
  modeler.destroy();
  return xml;
}


