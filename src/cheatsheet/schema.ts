import { z } from 'zod';
import type { ExampleSpec } from './types';

/**
 * The cheat sheet format: the single source of truth for validation. The runtime types the fast
 * path uses (types.ts) are checked against it below, so the two cannot drift apart.
 *
 * One YAML file per section under cheatsheet/, e.g. cheatsheet/images.yaml:
 *
 *   formatVersion: 1
 *   section: images
 *   title: { en: Images, ko: 이미지 }
 *   order: 2
 *   entries:
 *     - id: rmi
 *       command: docker rmi <image:image>
 *       description: { en: Remove an image, ko: 이미지 삭제 }
 *       tags: [image, delete]
 *       example:
 *         setup: [docker tag busybox:1.36 @@gone:1]
 *         run: docker rmi @@gone:1
 *
 * A learner's personal file (cheatsheet.yaml in the config folder) has the same shape; its
 * `section`, `title` and `order` may be left out.
 */
export const FORMAT_VERSION = 1;

/** Text in both languages. */
export const Text = z.object({ en: z.string().min(1), ko: z.string().min(1) }).strict();

const Id = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lowercase id (a-z, 0-9, -)');

/**
 * A setup or cleanup step: one docker command line; the same with its output kept for later
 * commands; or a wait until an HTTP URL answers 2xx.
 */
const Step = z.union([
  z.string().min(1),
  z
    .object({
      run: z.string().min(1),
      /** Later commands get this command's trimmed output as @@NAME (upper case, not PORT…). */
      capture: z.string().regex(/^(?!(REG)?PORT\d*$)[A-Z][A-Z0-9_]*$/, 'an upper-case name that is not PORT…'),
      /** What a learner sees in its place in the example line, e.g. `demo@sha256:…`. */
      shows: z.string().min(1).optional(),
    })
    .strict(),
  z
    .object({
      /** e.g. http://127.0.0.1:@@PORT/v2/ — polled until it answers 2xx. */
      wait: z.string().regex(/^http:\/\/127\.0\.0\.1:/, 'only http://127.0.0.1:… (send test traffic to this machine only)'),
      /** Give up after this long. */
      withinMs: z.number().int().min(100).max(30_000).default(10_000),
    })
    .strict(),
]);

/**
 * The concrete command CI runs for this entry, on the real engine. In every command and file of an
 * example, `@@name` becomes a name unique to the test run (so parallel runs never collide, and
 * learners see plain `name`), and `@@PORT`, `@@PORT2`… become free host ports.
 * Commands run without a shell in a fresh temporary folder (`$(pwd)` is that folder).
 */
const Example = z
  .object({
    /** Files written into the temporary folder first: relative path → content. */
    files: z.record(z.string(), z.string()).default({}),
    /** Commands that create what `run` needs. Each must succeed. */
    setup: z.array(Step).default([]),
    /** The entry's command with every placeholder filled in. Must exit 0. */
    run: z.string().min(1),
    /**
     * Why `run` has words the entry's command does not (e.g. a `--filter` that keeps a prune to the
     * test's own objects). Required when it has any.
     */
    why: z.string().min(1).optional(),
    /** Run `run` in a pseudo-terminal (for `-it`, and for prompts such as `docker login`). */
    tty: z.boolean().default(false),
    /** Typed into `run`'s standard input (its terminal when `tty`). */
    input: z.string().optional(),
    /**
     * For commands that follow output until interrupted (`stats`, `logs -f`): stop it after this
     * long and count it as a success if it had not failed by then.
     */
    stopAfterMs: z.number().int().min(100).max(10_000).optional(),
    /** The output of `run` (stdout and stderr) must contain this text. */
    outputIncludes: z.string().optional(),
    /** Commands that remove what setup and run created. They run even when run failed. */
    cleanup: z.array(Step).default([]),
  })
  .strict();

/** For an entry that cannot run on the CI machines at all: say why (shown by the CI test). */
const Skipped = z.object({ skip: z.string().min(10, 'say why this entry cannot run in CI') }).strict();

export const Entry = z
  .object({
    /** Unique within the whole cheat sheet; shown in `--json` output and used by the UI. */
    id: Id,
    /**
     * The command as a learner types it, with typed placeholders `<name:type>`, e.g.
     * `docker run -d -p <hostPort:port>:<containerPort:port> <image:image>` (types: template.ts).
     * A placeholder called `name` is a new object the command creates (`--name <name:container>`);
     * any other refers to an existing one, which ctr-learn may fill in from the learner's engine.
     * A Dockerfile instruction (`EXPOSE <port:port>`) or a kubectl command also fits.
     */
    command: z.string().min(1),
    /** One line in each language. */
    description: Text,
    /** Words people search with that the command and description do not contain. */
    tags: z.array(z.string().min(1)).default([]),
    /** Ids of the lessons that practise this command. */
    lessons: z.array(Id).default([]),
    /** How CI proves this entry works on a real engine; see Example. */
    example: z.union([Skipped, Example]).optional(),
  })
  .strict();

export const SheetFile = z
  .object({
    /** The content format; ctr-learn refuses versions it does not know. */
    formatVersion: z.literal(FORMAT_VERSION),
    /** The section id; the file is named after it (images.yaml has section: images). */
    section: Id.optional(),
    /** The section heading. */
    title: Text.optional(),
    /** Position of the section when the whole sheet is printed. */
    order: z.number().int().min(0).optional(),
    entries: z.array(Entry).min(1),
  })
  .strict();
export type SheetFile = z.infer<typeof SheetFile>;
export type EntryData = z.infer<typeof Entry>;

// The hand-written runtime types must accept what the schema produces.
type Assignable<A extends B, B> = A;
export type _ExampleFits = Assignable<NonNullable<EntryData['example']>, ExampleSpec>;
