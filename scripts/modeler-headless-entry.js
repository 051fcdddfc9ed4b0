// Bundled for the browser by check-modeler-files.mjs and run in jsdom: the Camunda 8 Modeler's own
// modeler with its element templates modules, as the desktop and web Modeler embed it.
export { default as Modeler } from 'camunda-bpmn-js/lib/camunda-cloud/Modeler';
