import FIELDS from './fields.json';

/** A model's strict check of one object: the JSON-schema errors kubernetes-models reports. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  message?: string;
}
type Validate = (data: Record<string, unknown>) => SchemaError[];

/** How a model class validates: it throws a ValidationError whose `errors` are ajv's. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each model types its own data; ours is unchecked YAML
const viaModel = (load: () => Promise<new (data: any) => { validate(): void }>) => async (): Promise<Validate> => {
  const Model = await load();
  return (data) => {
    try {
      new Model(data).validate();
      return [];
    } catch (err) {
      const errors = (err as { errors?: SchemaError[] }).errors;
      if (!errors) throw err;
      return errors;
    }
  };
};

/**
 * The kinds ctr-learn knows (scripts/kube-fields.mjs lists the same): `apiVersion/kind` → the
 * kubernetes-models class, loaded only when a manifest of that kind is read.
 */
const MODELS: Record<string, () => Promise<Validate>> = {
  'v1/Pod': viaModel(async () => (await import('kubernetes-models/v1/Pod')).Pod),
  'v1/Service': viaModel(async () => (await import('kubernetes-models/v1/Service')).Service),
  'v1/ConfigMap': viaModel(async () => (await import('kubernetes-models/v1/ConfigMap')).ConfigMap),
  'v1/Secret': viaModel(async () => (await import('kubernetes-models/v1/Secret')).Secret),
  'v1/PersistentVolume': viaModel(async () => (await import('kubernetes-models/v1/PersistentVolume')).PersistentVolume),
  'v1/PersistentVolumeClaim': viaModel(async () => (await import('kubernetes-models/v1/PersistentVolumeClaim')).PersistentVolumeClaim),
  'v1/Namespace': viaModel(async () => (await import('kubernetes-models/v1/Namespace')).Namespace),
  'apps/v1/Deployment': viaModel(async () => (await import('kubernetes-models/apps/v1/Deployment')).Deployment),
  'apps/v1/ReplicaSet': viaModel(async () => (await import('kubernetes-models/apps/v1/ReplicaSet')).ReplicaSet),
  'node.k8s.io/v1/RuntimeClass': viaModel(async () => (await import('kubernetes-models/node.k8s.io/v1/RuntimeClass')).RuntimeClass),
};

export const KNOWN_KINDS: Record<string, string> = Object.fromEntries(Object.keys(MODELS).map((k) => {
  const i = k.lastIndexOf('/');
  return [k.slice(i + 1), k.slice(0, i)];
}));

export function modelFor(apiVersion: string, kind: string): (() => Promise<Validate>) | undefined {
  return MODELS[`${apiVersion}/${kind}`];
}

/**
 * Every field of every type the known kinds use, from the models' attribute types:
 * "" a value, "T" an object of type T, "[]X" a list, "{}X" a map; "!" first: required.
 */
export const FIELD_TYPES: Record<string, Record<string, string>> = FIELDS.types;
export const KIND_TYPES: Record<string, string> = FIELDS.kinds;
