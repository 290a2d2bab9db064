import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Stage } from '../config.ts';
import type { StageTemplates, Template } from './synthesize.ts';

/**
 * The released templates: what `npm run deploy:accept` wrote after review, committed in
 * `infra/released/<stage>/<stack name>.template.json`. The update-safety check compares every
 * change with them.
 */
export const releasedRoot = fileURLToPath(new URL('../released', import.meta.url));

const suffix = '.template.json';

/** The folder of a stage's released templates. */
export function releasedDir(root: string, stage: Stage): string {
  return join(root, stage);
}

/** A stage's released templates by stack name; undefined when none was ever accepted. */
export function readReleased(root: string, stage: Stage): StageTemplates | undefined {
  const dir = releasedDir(root, stage);
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((file) => file.endsWith(suffix));
  if (files.length === 0) return undefined;
  return Object.fromEntries(
    files.map((file) => [file.slice(0, -suffix.length), JSON.parse(readFileSync(join(dir, file), 'utf8')) as Template]),
  );
}

/**
 * Makes `templates` the stage's released templates: one pretty-printed file per stack (so that a
 * review reads a line diff), and none left for a stack the app no longer has.
 */
export function writeReleased(root: string, stage: Stage, templates: StageTemplates): void {
  const dir = releasedDir(root, stage);
  mkdirSync(dir, { recursive: true });
  for (const file of readdirSync(dir)) {
    if (file.endsWith(suffix) && !(file.slice(0, -suffix.length) in templates)) rmSync(join(dir, file));
  }
  for (const [stack, template] of Object.entries(templates)) {
    writeFileSync(join(dir, `${stack}${suffix}`), `${JSON.stringify(template, null, 2)}\n`);
  }
}
