import type { Args } from '../cli/args';
import { paint, println } from '../cli/output';
import { quickCatalog } from '../lessons/cache';
import { findLesson } from '../lessons/find';
import { openProgress } from '../progress/store';
import { openSandbox } from '../sandbox';
import { keptText, labBackText } from '../sandbox/kept-text';
import { runInteractive } from '../proc/run';
import { workspaceFor } from '../workspace/workspace';
import { connect, pickLang } from './context';
import { invocation, pathWith, writeCtrLearnWrapper } from './shell-path';

/**
 * Your own terminal inside the sandbox: a shell whose docker CLI talks to the sandbox proxy.
 * With --print, print the DOCKER_HOST to export in another terminal and keep the sandbox open
 * until Ctrl-C. Either way, ending it removes what was created in it.
 */
export async function run(args: Args): Promise<number> {
  const { lessons } = await quickCatalog();
  const { store } = openProgress();
  const lesson = findLesson(lessons, args.positionals[0] ?? store.data().lastLesson ?? lessons[0]?.id ?? '');
  const api = connect();
  const lang = pickLang(args, store.data().lang);
  // Like the app: the learner's kept lab is taken over, and kept again when the shell closes.
  const sandbox = await openSandbox(api, { lessonId: lesson.id, lang, adopt: true });
  const ws = workspaceFor(lesson);
  if (sandbox.adoptedFrom && !args.flags.print) println(paint('muted', labBackText(lang, sandbox.adoptedFrom.lastUsedAt)));
  const finish = async () => {
    const kept = await sandbox.keep();
    api.close();
    println(paint('muted', keptText(lang, kept, lesson.id)));
  };
  if (args.flags.print) {
    println(`export DOCKER_HOST=${sandbox.dockerHost} CTR_LEARN_SESSION=${sandbox.sessionId}`);
    println(paint('muted', `# lesson ${lesson.id}, workspace ${ws}. Keep this running; Ctrl-C closes the sandbox.`));
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await finish();
    return 0;
  }
  const shell = process.env.SHELL || '/bin/sh';
  println(paint('accent', `Sandbox for ${lesson.id}: docker here talks to ${sandbox.dockerHost}. Type exit to leave.`));
  // `ctr-learn` works in this shell even when this one was started as `node bin/ctr-learn.js` or
  // `npm start`: a wrapper running this same binary comes first on its PATH (else: the full command).
  const wrapperDir = writeCtrLearnWrapper();
  const ctrLearn = wrapperDir ? 'ctr-learn' : invocation();
  println(paint('muted', `Workspace: ${ws}. Check your work: ${ctrLearn} check ${lesson.id}`));
  const code = await runInteractive(shell, [], {
    description: 'your shell',
    cwd: ws,
    env: { DOCKER_HOST: sandbox.dockerHost, CTR_LEARN_SESSION: sandbox.sessionId, CTR_LEARN_LESSON: lesson.id, ...(wrapperDir ? { PATH: pathWith(wrapperDir) } : {}) },
  });
  await finish();
  return code;
}
