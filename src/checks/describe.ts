import { say, stateWord } from '../i18n/evidence';
import { sayKube } from '../kube/say';
import { sayLive } from '../kube/live/say';
import type { Check, Lang } from '../lessons/schema';

/** A short title for a check whose lesson gives none, in the learner's language. */
export function describeCheck(c: Check, lang: Lang = 'en'): string {
  switch (c.kind) {
    case 'container': return say(lang, 'titleContainer', { container: c.container, state: stateWord(lang, c.state) });
    case 'restart': return say(lang, 'titleRestart', { container: c.container });
    case 'port': return say(lang, 'titlePort', { container: c.container, port: c.containerPort });
    case 'http': return say(lang, 'titleHttp', { port: c.port });
    case 'env': return say(lang, 'titleEnv', { container: c.container, name: c.name });
    case 'mount': return say(lang, 'titleMount', { container: c.container, destination: c.destination });
    case 'volume-file': return say(lang, 'titleVolumeFile', { path: c.path, volume: c.volume });
    case 'container-file': return say(lang, 'titleContainerFile', { path: c.path, container: c.container });
    case 'network': return say(lang, 'titleNetwork', { network: c.network });
    case 'attached': return say(lang, 'titleAttached', { container: c.container, network: c.network });
    case 'reach': return say(lang, 'titleReach', { from: c.from, to: c.to, expect: say(lang, c.expect) });
    case 'image': return say(lang, 'titleImage', { image: c.image });
    case 'registry-tag': return say(lang, 'titleRegistryTag', { repository: c.repository, tag: c.tag });
    case 'health': return say(lang, 'titleHealth', { container: c.container, status: c.status });
    case 'stop': return say(lang, 'titleStop', { container: c.container });
    case 'logs': return say(lang, 'titleLogs', { container: c.container, stream: c.stream });
    case 'command': return say(lang, 'titleCommand', { container: c.container });
    case 'log-config': return say(lang, 'titleLogConfig', { container: c.container });
    case 'question': return say(lang, 'titleQuestion');
    case 'workspace-file': return say(lang, 'titleWorkspaceFile', { path: c.path });
    case 'published-http': return say(lang, 'titlePublishedHttp', { container: c.container, port: c.containerPort });
    // kube
    case 'manifest': return sayKube(lang, 'titleManifest', { file: c.file ?? sayKube(lang, 'allYaml') });
    case 'kube-probe': return sayKube(lang, 'titleProbe', { field: `${c.probe}Probe`, object: c.object });
    case 'kube-hook': return sayKube(lang, 'titleHook', { hook: c.hook, object: c.object });
    case 'kube-image': return sayKube(lang, 'titleImage', { object: c.object });
    case 'kube-selector': return sayKube(lang, 'titleSelector', { object: c.object });
    case 'kube-env': return sayKube(lang, 'titleEnv', { name: c.name, object: c.object });
    case 'kube-volume': return sayKube(lang, 'titleVolume', { mountPath: c.mountPath, object: c.object });
    case 'kube-field': return sayKube(lang, 'titleField', { path: c.path, object: c.object });
    // lessons-images
    case 'digest': return say(lang, 'titleDigest', { repository: c.repository, tag: c.tag });
    // kube-replay
    case 'pod-replay': return say(lang, 'titlePodReplay', { object: c.object, scenario: say(lang, c.scenario === 'start' ? 'replayStart' : c.scenario === 'delete' ? 'replayDelete' : c.scenario === 'crash' ? 'replayCrash' : 'replayLiveness') });
    case 'run-config': return say(lang, 'titleRunConfig', { subject: c.container ?? c.image ?? '' });
    // kube-live
    case 'kube-live': return sayLive(lang, 'liveTitle', { object: c.object });
  }
}
