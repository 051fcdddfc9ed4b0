// Bundled by check-modeler-files.mjs: @camunda/linting ships sources that Node cannot import directly.
export { Linter } from '@camunda/linting';
export { validateZeebe, getZeebeSchemaVersion } from '@bpmn-io/element-templates-validator';
