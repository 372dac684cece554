import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A lesson folder made for one end-to-end run, with container names unique to the run so tests
 * (and other engineers' runs on the same engine) never collide. Real lessons are proven by
 * `ctr-learn verify`; here the subject is the app.
 */
export function fixtureLessons(): { dir: string; web: string; ticker: string } {
  const tag = `${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
  const web = `e2e-web-${tag}`;
  const ticker = `e2e-tick-${tag}`;
  const dir = mkdtempSync(join(tmpdir(), 'ctr-e2e-lessons-'));
  const lesson = join(dir, 'e2e-basics');
  mkdirSync(join(lesson, 'files'), { recursive: true });
  writeFileSync(join(lesson, 'files', 'notes.txt'), 'notes\n');
  writeFileSync(
    join(lesson, 'lesson.yaml'),
    `formatVersion: 1
id: e2e-basics
title:
  en: "E2E basics: run a container"
  ko: "E2E 기초: 컨테이너 실행하기"
track: e2e
week: 1
order: 1
requires:
  images: [busybox:latest]
uses:
  containers: [${web}, ${ticker}]
steps:
  - id: run
    title:
      en: Run a container in the background
      ko: 컨테이너를 백그라운드로 실행하기
    checks:
      - id: running
        kind: container
        container: ${web}
        state: running
        hint: detach
        title:
          en: a container named ${web} is running
          ko: ${web} 컨테이너가 실행 중이에요
    hints:
      - id: detach
        en: "Use \`-d\` and \`--name\`."
        ko: "\`-d\` 와 \`--name\` 을 쓰세요."
      - id: command
        en: "Type: \`docker run -d --name ${web} busybox:latest sleep 300\`"
        ko: "입력: \`docker run -d --name ${web} busybox:latest sleep 300\`"
    solution:
      commands:
        - docker run -d --name ${web} busybox:latest sleep 300
  - id: stopped
    title:
      en: Stop it
      ko: 멈추기
    checks:
      - id: exited
        kind: container
        container: ${web}
        state: exited
        hint: stop
    hints:
      - id: stop
        en: "\`docker stop ${web}\`"
        ko: "\`docker stop ${web}\`"
    solution:
      commands:
        - docker stop -t 1 ${web}
`,
  );
  const md = (lang: 'en' | 'ko') =>
    lang === 'en'
      ? `# E2E basics\n\nThe **intro** text.\n\n| option | what it does |\n|---|---|\n| \`-d\` | run in the background |\n\n<!-- step: run -->\n## Run it\n\nRun a container named \`${web}\`.\n\n\`\`\`sh\ndocker run -d --name ${web} busybox:latest sleep 300\n\`\`\`\n\n<!-- step: stopped -->\n## Stop it\n\nStop it.\n`
      : `# E2E 기초\n\n**소개** 글이에요.\n\n| 옵션 | 하는 일 |\n|---|---|\n| \`-d\` | 백그라운드로 실행 |\n\n<!-- step: run -->\n## 실행하기\n\n\`${web}\` 이라는 컨테이너를 실행하세요.\n\n<!-- step: stopped -->\n## 멈추기\n\n멈추세요.\n`;
  writeFileSync(join(lesson, 'en.md'), md('en'));
  writeFileSync(join(lesson, 'ko.md'), md('ko'));
  return { dir, web, ticker };
}
