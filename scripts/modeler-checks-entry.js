// Bundled by check-modeler-files.mjs: @camunda/linting ships sources that Node cannot import directly.
export { Linter } from '@camunda/linting';
export { validateZeebe, getZeebeSchemaVersion } from '@bpmn-io/element-templates-validator';
// The Modeler's "element-templates/validate" lint rules: what paints template fields red.
export { CloudElementTemplatesLinterPlugin } from 'bpmn-js-element-templates';
export { FormLinter } from '@camunda/form-linting';
