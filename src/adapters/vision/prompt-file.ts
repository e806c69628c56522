import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** A prompt kept in `prompts/NAME.vN.md`: its text, its version (the file's name) and a hash of the text. */
export interface PromptFile {
  version: string;
  text: string;
  /** Changes with every edit, so an edit without a new version still never reuses an old answer. */
  hash: string;
}

export const PROMPTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../prompts');

/** Reads `prompts/<name>.md`; `name` carries the version ("vision-item-analysis.v1"). */
export function loadPromptFile(name: string, directory: string = PROMPTS_DIR): PromptFile {
  if (!/\.v\d+$/.test(name)) throw new RangeError(`A prompt's name ends in its version (".v1"); got "${name}"`);
  const text = readFileSync(path.join(directory, `${name}.md`), 'utf8').trim();
  return { version: name, text, hash: createHash('sha256').update(text).digest('hex').slice(0, 16) };
}
