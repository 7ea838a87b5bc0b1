// Validates Kubernetes manifests against the JSON schemas of the Kubernetes API that the
// kubernetes-models package bundles, with no network: every document of every file given
// (a kustomization.yaml is checked for the files it lists instead). Exits 1 on any invalid
// document or unknown kind, naming the file, the object and what is wrong.
//   node validate.mjs deploy/kubernetes/*.yaml
import { readFileSync, existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseAllDocuments } from "yaml";

let valid = 0;
let invalid = 0;

function fail(where, message) {
  invalid++;
  console.log(`invalid: ${where}: ${message}`);
}

async function validate(file, object, index) {
  const where = `${file}#${index} ${object?.kind ?? "?"} ${object?.metadata?.name ?? ""}`.trim();
  if (!object || typeof object.apiVersion !== "string" || typeof object.kind !== "string") {
    fail(where, "not a Kubernetes object (no apiVersion and kind)");
    return;
  }
  const [group, version] = object.apiVersion.includes("/") ? object.apiVersion.split("/") : [null, object.apiVersion];
  const module = group ? `kubernetes-models/${group}/${version}/${object.kind}` : `kubernetes-models/${version}/${object.kind}`;
  let Model;
  try {
    Model = (await import(module))[object.kind];
  } catch {
    fail(where, `unknown kind ${object.apiVersion} ${object.kind}`);
    return;
  }
  try {
    new Model(object).validate();
    valid++;
  } catch (error) {
    fail(where, error.message);
  }
}

for (const file of process.argv.slice(2)) {
  const text = readFileSync(file, "utf8");
  const documents = parseAllDocuments(text);
  if (basename(file) === "kustomization.yaml") {
    const kustomization = documents[0].toJS();
    for (const resource of kustomization.resources ?? []) {
      if (!existsSync(join(dirname(file), resource))) {
        fail(file, `lists ${resource}, which does not exist`);
      }
    }
    continue;
  }
  let index = 0;
  for (const document of documents) {
    if (document.errors.length > 0) {
      fail(`${file}#${index}`, document.errors.map((error) => error.message).join("; "));
      continue;
    }
    const object = document.toJS();
    if (object !== null) {
      await validate(file, object, index);
    }
    index++;
  }
}

console.log(`${valid} valid, ${invalid} invalid`);
process.exit(invalid === 0 && valid > 0 ? 0 : 1);
