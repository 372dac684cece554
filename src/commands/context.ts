import { EngineApi } from '../engine/api';
import { resolveEndpoint } from '../engine/endpoint';

/** The engine the way the docker CLI finds it. */
export function connect(): EngineApi {
  return new EngineApi(resolveEndpoint());
}

export { pickLang } from '../i18n/lang';
