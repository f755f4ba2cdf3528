import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project root (this checkout). */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * `../shared` beside the checkout: the Open Badges schemas, contexts, examples and third-party
 * credentials that some tests read. CI has it; a user with only the project does not, and those
 * tests then skip with the reason below.
 */
export const SHARED = path.resolve(PROJECT_ROOT, '..', 'shared');
export const HAS_SHARED = existsSync(path.join(SHARED, 'ob3'));
export const NO_SHARED_REASON = `skipped: ${SHARED} (the shared Open Badges test data) is absent`;

/** A test title that says, when ../shared is absent, why the test is skipped. */
export function needsShared(title: string): string {
  return HAS_SHARED ? title : `${title} (${NO_SHARED_REASON})`;
}
