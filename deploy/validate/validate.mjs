// Validates Kubernetes manifests against the JSON schemas of the Kubernetes API that the
// kubernetes-models package bundles, with no network: every document of every file given
// (a kustomization.yaml is checked for the files it lists instead). The schemas allow fields
// they do not know, which Kubernetes would drop without a word (a misspelt `replicas`, a probe
// one level too deep), so every object also goes through the typed models of the Kubernetes
// API's own JavaScript client and back: a field that does not survive is unknown. Exits 1 on any
// invalid document, unknown kind or unknown field, naming the file, the object and what is wrong.
//   node validate.mjs deploy/kubernetes/*.yaml
import { readFileSync, existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseAllDocuments } from "yaml";
// The generated models alone: the client's entry point loads its HTTP stack too.
import * as models from "@kubernetes/client-node/dist/gen/models/ObjectSerializer.js";

// The paths of the fields of original that known lacks.
function unknownFields(original, known, path, found) {
  if (Array.isArray(original)) {
    original.forEach((item, i) => unknownFields(item, Array.isArray(known) ? known[i] : undefined, `${path}[${i}]`, found));
  } else if (original !== null && typeof original === "object") {
    for (const key of Object.keys(original)) {
      if (known === null || typeof known !== "object" || !(key in known)) {
        found.push(`${path}.${key}`.replace(/^\./, ""));
      } else {
        unknownFields(original[key], known[key], `${path}.${key}`, found);
      }
    }
  }
  return found;
}

function strictly(object) {
  const version = object.apiVersion.split("/").pop();
  const type = version.charAt(0).toUpperCase() + version.slice(1) + object.kind;
  if (typeof models[type]?.getAttributeTypeMap !== "function") {
    return [`no model ${type} to check its fields against`];
  }
  const { ObjectSerializer } = models;
  const known = ObjectSerializer.serialize(ObjectSerializer.deserialize(object, type), type);
  return unknownFields(object, known, "", []).map((field) => `unknown field ${field}`);
}

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
  } catch (error) {
    fail(where, error.message);
    return;
  }
  const unknown = strictly(object);
  if (unknown.length > 0) {
    fail(where, unknown.join("; "));
    return;
  }
  valid++;
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
