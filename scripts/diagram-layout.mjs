// Readability rules for the diagrams: every named event, gateway and flow stores its label
// bounds (so every Modeler draws it in the same place), no label overlaps another label or an
// element, and no sequence flow runs through a label.

const BPMN = 'http://www.omg.org/spec/BPMN/20100524/MODEL';
const BPMNDI = 'http://www.omg.org/spec/BPMN/20100524/DI';
const DC = 'http://www.omg.org/spec/DD/20100524/DC';
const DI = 'http://www.omg.org/spec/DD/20100524/DI';

const EXTERNAL_LABEL = new Set(['startEvent', 'endEvent', 'intermediateCatchEvent', 'intermediateThrowEvent',
  'boundaryEvent', 'exclusiveGateway', 'parallelGateway', 'inclusiveGateway', 'eventBasedGateway', 'sequenceFlow',
  'dataObjectReference', 'dataStoreReference']);
const CONTAINERS = new Set(['subProcess', 'adHocSubProcess', 'transaction', 'participant', 'lane', 'group']);

const bounds = (node) => node && {
  x: +node.getAttribute('x'), y: +node.getAttribute('y'),
  w: +node.getAttribute('width'), h: +node.getAttribute('height')
};
const overlap = (a, b) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
const inside = (a, b) => a.x >= b.x && a.y >= b.y && a.x + a.w <= b.x + b.w && a.y + a.h <= b.y + b.h;

function segmentHitsBox(p, q, box) {
  // Liang-Barsky clipping of the segment against the box.
  let t0 = 0, t1 = 1;
  const dx = q.x - p.x, dy = q.y - p.y;
  const checks = [[-dx, p.x - box.x], [dx, box.x + box.w - p.x], [-dy, p.y - box.y], [dy, box.y + box.h - p.y]];
  for (const [pk, qk] of checks) {
    if (pk === 0) {
      if (qk < 0) return false;
    } else {
      const t = qk / pk;
      if (pk < 0) { if (t > t1) return false; if (t > t0) t0 = t; } else { if (t < t0) return false; if (t < t1) t1 = t; }
    }
  }
  return true;
}

/**
 * @param xml a BPMN file
 * @param guessMissing when true, labels without stored bounds get the Modeler's default place
 *   (centred under the element, 90 wide) instead of being reported: used to count the
 *   overlaps of diagrams that store none
 */
export function layoutProblems(xml, { guessMissing = false } = {}) {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  const elements = new Map();
  for (const node of doc.getElementsByTagNameNS(BPMN, '*')) {
    if (node.getAttribute('id')) elements.set(node.getAttribute('id'), node);
  }
  const shapes = [], labels = [], edges = [], problems = [];
  for (const di of doc.getElementsByTagNameNS(BPMNDI, 'BPMNShape')) {
    const id = di.getAttribute('bpmnElement');
    const element = elements.get(id);
    const own = bounds([...di.children].find((c) => c.localName === 'Bounds'));
    shapes.push({ id, kind: element.localName, box: own });
    const name = element.getAttribute('name');
    if (name && EXTERNAL_LABEL.has(element.localName)) {
      const stored = di.getElementsByTagNameNS(BPMNDI, 'BPMNLabel')[0];
      if (stored) labels.push({ id, box: bounds(stored.getElementsByTagNameNS(DC, 'Bounds')[0]) });
      else if (guessMissing) labels.push({ id, box: { x: own.x + own.w / 2 - 45, y: own.y + own.h + 5, w: 90, h: 14 * Math.ceil(name.length / 15) } });
      else problems.push(`${id}: label "${name}" has no stored bounds`);
    }
  }
  for (const di of doc.getElementsByTagNameNS(BPMNDI, 'BPMNEdge')) {
    const id = di.getAttribute('bpmnElement');
    const element = elements.get(id);
    const points = [...di.getElementsByTagNameNS(DI, 'waypoint')].map((w) => ({ x: +w.getAttribute('x'), y: +w.getAttribute('y') }));
    edges.push({ id, kind: element.localName, points });
    const name = element.getAttribute('name');
    if (name) {
      const stored = di.getElementsByTagNameNS(BPMNDI, 'BPMNLabel')[0];
      if (stored) labels.push({ id, box: bounds(stored.getElementsByTagNameNS(DC, 'Bounds')[0]) });
      else if (guessMissing) {
        const m = points[Math.floor((points.length - 1) / 2)], n = points[Math.floor((points.length - 1) / 2) + 1];
        labels.push({ id, box: { x: (m.x + n.x) / 2 - 30, y: (m.y + n.y) / 2 - 7, w: 60, h: 14 } });
      } else problems.push(`${id}: label "${name}" has no stored bounds`);
    }
  }
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      if (overlap(labels[i].box, labels[j].box)) problems.push(`label of ${labels[i].id} overlaps label of ${labels[j].id}`);
    }
    for (const shape of shapes) {
      if (shape.id === labels[i].id) continue;
      const crossesContainer = CONTAINERS.has(shape.kind) && overlap(labels[i].box, shape.box) && !inside(labels[i].box, shape.box);
      const onShape = !CONTAINERS.has(shape.kind) && shape.kind !== 'textAnnotation' ? overlap(labels[i].box, shape.box) : false;
      const onNote = shape.kind === 'textAnnotation' && overlap(labels[i].box, shape.box);
      if (crossesContainer) problems.push(`label of ${labels[i].id} crosses the border of ${shape.id}`);
      else if (onShape || onNote) problems.push(`label of ${labels[i].id} overlaps ${shape.id}`);
    }
    for (const edge of edges) {
      for (let k = 0; k + 1 < edge.points.length; k++) {
        if (segmentHitsBox(edge.points[k], edge.points[k + 1], labels[i].box)) {
          problems.push(`${edge.kind} ${edge.id} runs through the label of ${labels[i].id}`);
          break;
        }
      }
    }
  }
  return problems;
}
