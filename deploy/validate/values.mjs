// Checks a Helm chart's values.yaml against its values.schema.json, as Helm does before it
// renders (Helm itself is not available here, so the templates are not rendered).
//   node values.mjs deploy/helm/grapevine
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { parse } from "yaml";

const chart = process.argv[2];
const schema = JSON.parse(readFileSync(join(chart, "values.schema.json"), "utf8"));
delete schema.$schema;
const values = parse(readFileSync(join(chart, "values.yaml"), "utf8"));
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
if (!validate(values)) {
  for (const error of validate.errors) {
    console.log(`invalid: ${chart}/values.yaml${error.instancePath}: ${error.message}`);
  }
  process.exit(1);
}
console.log(`${chart}/values.yaml matches values.schema.json`);
