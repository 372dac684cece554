import { chunked, wire } from '../../helpers/raw-engine';
import { ATTEMPT_LABEL, type Outside } from '../../helpers/attack-lab';
import { API, IMAGE, type Attempt } from './attempt';

/**
 * The engine decodes JSON bodies with Go's encoding/json: keys match without regard to case (with
 * Unicode folding: "ſ" U+017F folds to "s"), the last of duplicated keys wins, and it reads the
 * body whatever the framing headers say. The CLI cannot send any of these: raw API only.
 */
const create = (json: string, headers: Record<string, string> = { 'Content-Type': 'application/json' }) => ({
  method: 'POST',
  path: `${API}/containers/create`,
  body: json,
  headers,
});
/** The attempt's marker label finds the container even if the sandbox forwarded the body unread. */
const marked = (o: Outside) => `"Labels":{"${ATTEMPT_LABEL}":"${o.prefix}"}`;
const body = (o: Outside, hostConfigJson: string, key = 'HostConfig') => `{"Image":"${IMAGE}","Cmd":["true"],${marked(o)},"${key}":${hostConfigJson}}`;
const RULE = /bind|mount|cap|privileged|security|seccomp|pid|namespace|key|spell|body|content|json|unknown|field/i;

export const bodyAttempts: Attempt[] = [
  { id: 'lower-case "hostconfig" with a bind of /etc', cls: 'request bodies', says: RULE, api: ({ o }) => create(body(o, '{"Binds":["/etc:/x"]}', 'hostconfig')) },
  { id: 'upper-case "HOSTCONFIG" with CapAdd', cls: 'request bodies', says: RULE, api: ({ o }) => create(body(o, '{"CapAdd":["SYS_ADMIN"]}', 'HOSTCONFIG')) },
  { id: '"Capadd"', cls: 'request bodies', says: RULE, api: ({ o }) => create(body(o, '{"Capadd":["SYS_ADMIN"]}')) },
  { id: '"capadd"', cls: 'request bodies', says: RULE, api: ({ o }) => create(body(o, '{"capadd":["SYS_ADMIN"]}')) },
  { id: '"Bindſ" (long s folds to Binds)', cls: 'request bodies', says: RULE, api: ({ o }) => create(body(o, '{"Bindſ":["/:/h"]}')) },
  { id: '"ſecurityOpt" (long s) seccomp=unconfined', cls: 'request bodies', says: RULE, api: ({ o }) => create(body(o, '{"ſecurityOpt":["seccomp=unconfined"]}')) },
  { id: '"PrivilegeD"', cls: 'request bodies', says: RULE, api: ({ o }) => create(body(o, '{"PrivilegeD":true}')) },
  { id: '"pidmode":"host"', cls: 'request bodies', says: RULE, api: ({ o }) => create(body(o, '{"pidmode":"host"}')) },
  { id: 'duplicated "Binds" (the last one wins in Go)', cls: 'request bodies', says: RULE, api: ({ o }) => create(body(o, '{"Binds":[],"Binds":["/:/h"]}')) },
  { id: '"HostConfig" then "hostConfig" (Go merges both)', cls: 'request bodies', says: RULE,
    api: ({ o }) => create(`{"Image":"${IMAGE}","Cmd":["true"],${marked(o)},"HostConfig":{"Binds":[]},"hostConfig":{"Binds":["/etc:/x"]}}`) },
  { id: 'volume create with "driveropts" spelled in lower case', cls: 'request bodies', says: /opt|driver|bind|device|key|body/i,
    api: ({ o }) => ({ method: 'POST', path: `${API}/volumes/create`, body: `{"Name":"${o.prefix}-lcvol","driveropts":{"type":"none","o":"bind","device":"/etc"}}`, headers: { 'Content-Type': 'application/json' } }) },
  { id: 'network connect with "container" in lower case (outside container to own network)', cls: 'request bodies', says: /network|not part|outside|key|body/i,
    api: ({ o }) => ({ method: 'POST', path: `${API}/networks/bridge/connect`, body: `{"container":"${o.running}"}`, headers: { 'Content-Type': 'application/json' } }) },
  { id: 'Transfer-Encoding: chunked body', cls: 'request bodies', says: RULE,
    api: ({ o }) => ({ ...create(body(o, '{"Binds":["/etc:/x"]}')), headers: { 'Content-Type': 'application/json', 'Content-Length': '', 'Transfer-Encoding': 'chunked' } }) },
  { id: 'Content-Type: text/plain with a JSON body', cls: 'request bodies', says: RULE, api: ({ o }) => create(body(o, '{"Binds":["/etc:/x"]}'), { 'Content-Type': 'text/plain' }) },
  { id: 'no Content-Type with a JSON body', cls: 'request bodies', says: RULE, api: ({ o }) => create(body(o, '{"Binds":["/etc:/x"]}'), { 'Content-Type': '' }) },
  { id: 'Content-Type: Application/JSON (Go matches media types without case)', cls: 'request bodies', says: RULE,
    api: ({ o }) => create(body(o, '{"Binds":["/etc:/x"]}'), { 'Content-Type': 'Application/JSON' }) },
  { id: 'Upgrade: tcp on POST /containers/create', cls: 'request bodies', says: RULE,
    api: ({ o }) => ({ bytes: [wire('POST', `${API}/containers/create`, { 'Content-Type': 'application/json', Connection: 'Upgrade', Upgrade: 'tcp' }, body(o, '{"Binds":["/etc:/x"]}'))], allowed: 0 }) },
  { id: 'Content-Length and Transfer-Encoding both', cls: 'request bodies', says: RULE,
    api: ({ o }) => ({ bytes: [wire('POST', `${API}/containers/create`, { 'Content-Type': 'application/json', 'Content-Length': '2', 'Transfer-Encoding': 'chunked' }, chunked(body(o, '{"Binds":["/etc:/x"]}')))], allowed: 0 }) },
  { id: 'JSON-escaped key "\\u0042inds"', cls: 'request bodies', says: RULE, api: ({ o }) => create(body(o, '{"\\u0042inds":["/etc:/x"]}')) },
];
