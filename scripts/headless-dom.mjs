// A jsdom window good enough for bpmn-js: jsdom has no SVG geometry, so the few SVG matrix and
// transform calls that diagram-js makes get a minimal stand-in. Nothing here is asserted on;
// the checks read the XML the modeler saves.
import { JSDOM } from 'jsdom';

class Matrix {
  constructor(a = 1, b = 0, c = 0, d = 1, e = 0, f = 0) { Object.assign(this, { a, b, c, d, e, f }); }
  multiply(m) {
    return new Matrix(this.a * m.a + this.c * m.b, this.b * m.a + this.d * m.b,
      this.a * m.c + this.c * m.d, this.b * m.c + this.d * m.d,
      this.a * m.e + this.c * m.f + this.e, this.b * m.e + this.d * m.f + this.f);
  }
  inverse() {
    const det = this.a * this.d - this.b * this.c;
    return new Matrix(this.d / det, -this.b / det, -this.c / det, this.a / det,
      (this.c * this.f - this.d * this.e) / det, (this.b * this.e - this.a * this.f) / det);
  }
  translate(x, y) { return this.multiply(new Matrix(1, 0, 0, 1, x, y)); }
  scale(s) { return this.multiply(new Matrix(s, 0, 0, s, 0, 0)); }
}

class Transform {
  constructor(m = new Matrix()) { this.matrix = m; this.type = 1; }
  setMatrix(m) { this.matrix = new Matrix(m.a, m.b, m.c, m.d, m.e, m.f); }
  setTranslate(x, y) { this.matrix = new Matrix(1, 0, 0, 1, x, y); }
  setScale(x, y) { this.matrix = new Matrix(x, 0, 0, y, 0, 0); }
  setRotate(deg, cx = 0, cy = 0) {
    const r = deg * Math.PI / 180;
    this.matrix = new Matrix(1, 0, 0, 1, cx, cy)
      .multiply(new Matrix(Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), 0, 0))
      .multiply(new Matrix(1, 0, 0, 1, -cx, -cy));
  }
}

class TransformList {
  constructor() { this.items = []; }
  get numberOfItems() { return this.items.length; }
  getItem(i) { return this.items[i]; }
  clear() { this.items = []; }
  appendItem(t) { this.items.push(t); return t; }
  initialize(t) { this.items = [t]; return t; }
  consolidate() {
    if (!this.items.length) return null;
    return this.initialize(new Transform(this.items.reduce((acc, t) => acc.multiply(t.matrix), new Matrix())));
  }
  createSVGTransformFromMatrix(m) { const t = new Transform(); t.setMatrix(m); return t; }
}

export function installHeadlessDom() {
  const dom = new JSDOM('<!doctype html><html><body><div id="canvas"></div></body></html>', { pretendToBeVisual: true });
  const w = dom.window;
  const lists = new WeakMap();
  Object.defineProperty(w.SVGElement.prototype, 'transform', {
    configurable: true,
    get() {
      if (!lists.has(this)) lists.set(this, { baseVal: new TransformList() });
      return lists.get(this);
    }
  });
  const svg = w.SVGSVGElement.prototype;
  svg.createSVGMatrix = () => new Matrix();
  svg.createSVGTransform = () => new Transform();
  svg.createSVGTransformFromMatrix = (m) => { const t = new Transform(); t.setMatrix(m); return t; };
  w.SVGElement.prototype.getBBox = () => ({ x: 0, y: 0, width: 0, height: 0 });
  w.SVGElement.prototype.getScreenCTM = () => new Matrix();
  w.SVGElement.prototype.getCTM = () => new Matrix();
  w.SVGElement.prototype.getComputedTextLength = () => 0;
  // Text is measured on a canvas; an approximate width is all label layout needs here.
  w.HTMLCanvasElement.prototype.getContext = () => ({ font: '', measureText: (text) => ({ width: 6 * String(text).length }) });
  w.SVGMatrix = Matrix;
  w.CSS = { escape: (s) => String(s).replace(/([^a-zA-Z0-9_-])/g, '\\$1') };
  class NoObserver { observe() {} unobserve() {} disconnect() {} }
  w.IntersectionObserver = w.ResizeObserver = NoObserver;
  for (const key of ['window', 'document', 'navigator', 'Element', 'HTMLElement', 'SVGElement', 'SVGMatrix',
    'Node', 'Event', 'KeyboardEvent', 'MouseEvent', 'CustomEvent', 'DOMParser', 'XMLSerializer',
    'getComputedStyle', 'requestAnimationFrame', 'cancelAnimationFrame', 'MutationObserver', 'CSS',
    'IntersectionObserver', 'ResizeObserver', 'Window', 'HTMLInputElement', 'DocumentFragment', 'Text']) {
    Object.defineProperty(globalThis, key, { value: key === 'window' ? w : w[key], configurable: true, writable: true });
  }
  return w;
}
