// Generate src/kube/fields.json: every field of the Kubernetes objects the lessons use, walked from
// kubernetes-models' attribute types (its .d.ts files) with the TypeScript checker. The models'
// validators report wrong types, enums and required fields but accept any unknown field
// (`readinesProbe`); src/kube/validate.ts walks this table to catch those, like a strict API server.
// Run `node scripts/kube-fields.mjs` after upgrading kubernetes-models; test/kube checks it is current.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, relative } from 'node:path';
import ts from 'typescript';

/** apiVersion/kind → the model's module under kubernetes-models (the kinds ctr-learn lessons teach). */
export const KINDS = {
  'v1/Pod': 'v1/Pod',
  'v1/Service': 'v1/Service',
  'v1/ConfigMap': 'v1/ConfigMap',
  'v1/Secret': 'v1/Secret',
  'v1/PersistentVolume': 'v1/PersistentVolume',
  'v1/PersistentVolumeClaim': 'v1/PersistentVolumeClaim',
  'v1/Namespace': 'v1/Namespace',
  'apps/v1/Deployment': 'apps/v1/Deployment',
  'apps/v1/ReplicaSet': 'apps/v1/ReplicaSet',
  'node.k8s.io/v1/RuntimeClass': 'node.k8s.io/v1/RuntimeClass',
};

const require = createRequire(import.meta.url);
const root = dirname(require.resolve('kubernetes-models/package.json'));
const nodeModules = dirname(root);
const files = Object.values(KINDS).map((m) => `${root}/${m}.d.ts`);
const program = ts.createProgram(files, { strict: true, noEmit: true, skipLibCheck: true });
const checker = program.getTypeChecker();

const types = {};
const nameOf = (t) => {
  const decl = t.symbol?.declarations?.[0];
  const file = relative(nodeModules, decl.getSourceFile().fileName).replace(/\.d\.ts$/, '').replace(/^kubernetes-models\//, '').replace(/^@kubernetes-models\//, '@');
  return `${file}#${t.symbol.name}`;
};
const isObject = (t) => !!(t.flags & ts.TypeFlags.Object) && !checker.isArrayType(t) && t.symbol && (t.symbol.flags & (ts.SymbolFlags.Interface | ts.SymbolFlags.Class)) && checker.getPropertiesOfType(t).length > 0;

/** A field's type: "" (a value: string, number, enum, int-or-string, quantity), "T" an object, "[]…" a list, "{}…" a map. */
function describe(t) {
  t = checker.getNonNullableType(t);
  if (t.isUnion()) {
    const objs = t.types.filter(isObject);
    if (objs.length === 1 && objs.length === t.types.length) return describe(objs[0]);
    return '';
  }
  if (checker.isArrayType(t)) return `[]${describe(checker.getTypeArguments(t)[0])}`;
  const index = checker.getIndexInfoOfType(t, ts.IndexKind.String);
  if (index && checker.getPropertiesOfType(t).length === 0) return `{}${describe(index.type)}`;
  if (isObject(t)) return walk(t);
  return '';
}

function walk(t) {
  const name = nameOf(t);
  if (types[name]) return name;
  const fields = {};
  types[name] = fields;
  for (const p of checker.getPropertiesOfType(t)) {
    const decl = p.valueDeclaration ?? p.declarations?.[0];
    if (!decl) continue;
    const required = !(p.flags & ts.SymbolFlags.Optional);
    fields[p.name] = (required ? '!' : '') + describe(checker.getTypeOfSymbolAtLocation(p, decl));
  }
  return name;
}

const kinds = {};
for (const [kind, mod] of Object.entries(KINDS)) {
  const sf = program.getSourceFile(`${root}/${mod}.d.ts`);
  const sym = checker.getSymbolAtLocation(sf);
  const iface = checker.getExportsOfModule(sym).find((s) => s.name === `I${mod.split('/').pop()}`);
  kinds[kind] = walk(checker.getDeclaredTypeOfSymbol(iface));
}
const version = require('kubernetes-models/package.json').version;
const out = new URL('../src/kube/fields.json', import.meta.url);
writeFileSync(out, JSON.stringify({ source: `kubernetes-models ${version}`, kinds, types }, null, 0) + '\n');
console.log(`${Object.keys(types).length} types, ${Object.values(types).reduce((n, f) => n + Object.keys(f).length, 0)} fields → src/kube/fields.json`);
