import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { entriesOf, tarOf } from '../../helpers/tar';
import { API, IMAGE, type Attempt, type Ctx } from './attempt';

const TAG = /tag|image|existed|not part|outside|name/i;
const BUILD = /build|network|host|remote|context|url/i;
const [repoOf, tagOf] = [(ref: string) => ref.split(':')[0], (ref: string) => ref.split(':')[1]];
const tagCall = (repo: string, tag: string) => ({ method: 'POST', path: `${API}/images/${IMAGE}/tag?repo=${encodeURIComponent(repo)}&tag=${tag}` });

/** A `docker save` of busybox whose manifest names `refs`: `docker load` of it moves those tags. */
async function archiveNaming(c: Ctx, refs: string[], file: string): Promise<Buffer> {
  const saved = await c.lab.engine.request('GET', `/images/${IMAGE}/get`);
  const entries = (await entriesOf(saved.body)).filter((e) => e.name !== 'repositories');
  const files: Record<string, Buffer> = {};
  for (const e of entries) {
    if (e.name === 'manifest.json') {
      const manifest = JSON.parse(e.content.toString('utf8')) as { RepoTags: string[] }[];
      manifest[0].RepoTags = refs;
      files[e.name] = Buffer.from(JSON.stringify(manifest));
    } else files[e.name] = e.content;
  }
  const tar = await tarOf(files);
  writeFileSync(join(c.ws, file), tar);
  return tar;
}

const layer = async (c: Ctx) => {
  const t = await tarOf({ 'hello.txt': 'imported\n' });
  writeFileSync(join(c.ws, 'layer.tar'), t);
  return t;
};
const context = () => tarOf({ Dockerfile: `FROM ${IMAGE}\nRUN true\n` });
const build = async (query: string) => ({ method: 'POST', path: `${API}/build?${query}`, body: await context(), headers: { 'Content-Type': 'application/x-tar' } });

export const imageAttempts: Attempt[] = [
  { id: 'tag busybox onto the outside tag', cls: 'tags and images', says: TAG,
    cli: ({ o }) => ['tag', IMAGE, o.unusedTag], api: ({ o }) => tagCall(repoOf(o.unusedTag), tagOf(o.unusedTag)) },
  { id: 'tag onto library/<outside tag>', cls: 'tags and images', says: TAG,
    cli: ({ o }) => ['tag', IMAGE, `library/${o.unusedTag}`], api: ({ o }) => tagCall(`library/${repoOf(o.unusedTag)}`, tagOf(o.unusedTag)) },
  { id: 'tag onto docker.io/library/<outside tag>', cls: 'tags and images', says: TAG,
    cli: ({ o }) => ['tag', IMAGE, `docker.io/library/${o.unusedTag}`], api: ({ o }) => tagCall(`docker.io/library/${repoOf(o.unusedTag)}`, tagOf(o.unusedTag)) },
  { id: 'tag onto index.docker.io/<outside tag>', cls: 'tags and images', says: TAG,
    cli: ({ o }) => ['tag', IMAGE, `index.docker.io/${o.unusedTag}`], api: ({ o }) => tagCall(`index.docker.io/${repoOf(o.unusedTag)}`, tagOf(o.unusedTag)) },
  { id: 'retag the shared busybox:latest', cls: 'tags and images', says: TAG,
    cli: ({ o }) => ['tag', o.unusedTag, 'busybox:latest'], api: ({ o }) => ({ method: 'POST', path: `${API}/images/${o.unusedTag}/tag?repo=busybox&tag=latest` }) },
  { id: 'rmi the outside tag', cls: 'tags and images', says: TAG, cli: ({ o }) => ['rmi', o.tag], api: ({ o }) => ({ method: 'DELETE', path: `${API}/images/${o.tag}` }) },
  { id: 'rmi library/<outside tag>', cls: 'tags and images', says: TAG,
    cli: ({ o }) => ['rmi', `library/${o.tag}`], api: ({ o }) => ({ method: 'DELETE', path: `${API}/images/library/${o.tag}` }) },
  { id: 'rmi docker.io/library/<outside tag>', cls: 'tags and images', says: TAG,
    cli: ({ o }) => ['rmi', `docker.io/library/${o.tag}`], api: ({ o }) => ({ method: 'DELETE', path: `${API}/images/docker.io/library/${o.tag}` }) },
  { id: 'rmi -f of the outside image by id', cls: 'tags and images', says: TAG,
    cli: ({ o }) => ['rmi', '-f', o.unusedImageId], api: ({ o }) => ({ method: 'DELETE', path: `${API}/images/${o.unusedImageId}?force=1&noprune=0` }) },
  // The filter keeps a forwarded prune from reaching the shared engine's other images: the label is only on this lab's outside image.
  { id: 'image prune -a', cls: 'tags and images', says: TAG, expect: 'untouched',
    cli: ({ o }) => ['image', 'prune', '-a', '-f', '--filter', `label=${o.label}`],
    api: ({ o }) => ({ method: 'POST', path: `${API}/images/prune?filters=${encodeURIComponent(JSON.stringify({ dangling: ['false'], label: [o.label] }))}` }) },
  { id: 'pull onto the outside tag', cls: 'tags and images', says: TAG,
    cli: ({ o }) => ['pull', o.unusedTag], api: ({ o }) => ({ method: 'POST', path: `${API}/images/create?fromImage=${repoOf(o.unusedTag)}&tag=${tagOf(o.unusedTag)}` }) },
  { id: 'pull onto library/<outside tag>', cls: 'tags and images', says: TAG,
    cli: ({ o }) => ['pull', `library/${o.unusedTag}`], api: ({ o }) => ({ method: 'POST', path: `${API}/images/create?fromImage=library/${repoOf(o.unusedTag)}&tag=${tagOf(o.unusedTag)}` }) },
  { id: 'import onto the outside tag', cls: 'tags and images', says: TAG,
    cli: async (c) => (await layer(c), ['import', join(c.ws, 'layer.tar'), c.o.unusedTag]),
    api: async (c) => ({ method: 'POST', path: `${API}/images/create?fromSrc=-&repo=${repoOf(c.o.unusedTag)}&tag=${tagOf(c.o.unusedTag)}`, body: await layer(c), headers: { 'Content-Type': 'application/x-tar' } }) },
  { id: 'import onto docker.io/library/<outside tag>', cls: 'tags and images', says: TAG,
    cli: async (c) => (await layer(c), ['import', join(c.ws, 'layer.tar'), `docker.io/library/${c.o.unusedTag}`]),
    api: async (c) => ({ method: 'POST', path: `${API}/images/create?fromSrc=-&repo=docker.io/library/${repoOf(c.o.unusedTag)}&tag=${tagOf(c.o.unusedTag)}`, body: await layer(c), headers: { 'Content-Type': 'application/x-tar' } }) },
  { id: 'load an archive naming the outside tag', cls: 'tags and images', says: TAG,
    cli: async (c) => (await archiveNaming(c, [c.o.unusedTag], 'load1.tar'), ['load', '-i', join(c.ws, 'load1.tar')]),
    api: async (c) => ({ method: 'POST', path: `${API}/images/load?quiet=1`, body: await archiveNaming(c, [c.o.unusedTag], 'load1.tar'), headers: { 'Content-Type': 'application/x-tar' } }) },
  { id: 'load an archive naming library/<outside tag>', cls: 'tags and images', says: TAG,
    cli: async (c) => (await archiveNaming(c, [`library/${c.o.unusedTag}`], 'load2.tar'), ['load', '-i', join(c.ws, 'load2.tar')]),
    api: async (c) => ({ method: 'POST', path: `${API}/images/load?quiet=1`, body: await archiveNaming(c, [`docker.io/library/${c.o.unusedTag}`], 'load2.tar'), headers: { 'Content-Type': 'application/x-tar' } }) },
  // Like a remote build context: the engine fetches the URL from the host's network.
  { id: 'import from a URL (the engine fetches it)', cls: 'tags and images', says: /url|remote|import|source|fromSrc/i,
    cli: ({ o }) => ['import', 'http://127.0.0.1:1/ctrl-atk.tar', `${o.prefix}-fromurl:1`],
    api: ({ o }) => ({ method: 'POST', path: `${API}/images/create?fromSrc=${encodeURIComponent('http://127.0.0.1:1/ctrl-atk.tar')}&repo=${o.prefix}-fromurl&tag=2` }) },
  { id: 'commit a sandbox container onto the outside tag', cls: 'tags and images', says: TAG,
    cli: ({ own, o }) => ['commit', own, `library/${o.unusedTag}`], api: ({ own, o }) => ({ method: 'POST', path: `${API}/commit?container=${own}&repo=${repoOf(o.unusedTag)}&tag=${tagOf(o.unusedTag)}`, body: {} }) },
  { id: 'build -t library/<outside tag>', cls: 'tags and images', says: TAG,
    cli: ({ o }) => ['build', '-q', '-t', `library/${o.unusedTag}`, '.'], api: ({ o }) => build(`t=${encodeURIComponent(`docker.io/library/${o.unusedTag}`)}`) },
];

export const buildAttempts: Attempt[] = [
  { id: 'build --network host', cls: 'builds', says: BUILD,
    cli: ({ o }) => ['build', '-q', '--network', 'host', '-t', `${o.prefix}-hostnet:1`, '.'], api: ({ o }) => build(`networkmode=host&t=${o.prefix}-hostnet:2`) },
  { id: 'build --network container:<outside>', cls: 'builds', says: BUILD,
    cli: ({ o }) => ['build', '-q', '--network', `container:${o.running}`, '.'], api: ({ o }) => build(`networkmode=container:${o.running}`) },
  { id: 'build from a remote context URL', cls: 'builds', says: BUILD,
    // The CLI fetches a URL or git context itself and sends the tar: only the raw API sends remote=.
    api: () => ({ method: 'POST', path: `${API}/build?remote=${encodeURIComponent('http://127.0.0.1:1/ctrl-atk-context.tar')}` }) },
  // Go reads the first of a repeated query key, other parsers the last: a rule and the engine must never disagree.
  { id: 'build with networkmode twice (bridge, then host)', cls: 'builds', says: /twice|once|repeat|build|network/i,
    api: ({ o }) => build(`networkmode=bridge&networkmode=host&t=${o.prefix}-twice:1`) },
  { id: 'build from a remote git context', cls: 'builds', says: BUILD,
    api: () => ({ method: 'POST', path: `${API}/build?remote=${encodeURIComponent('git://127.0.0.1:1/ctrl-atk.git')}` }) },
];
