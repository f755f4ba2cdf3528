import type { SiteView } from '../core/view/site-view.ts';

const VIRTUAL_ID = 'virtual:laurel/site';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

/**
 * A Vite plugin that hands the pages their data as the module `virtual:laurel/site`. The data is
 * computed once by the integration from the same loader the CLI uses, so pages never read
 * content files themselves.
 */
export function virtualSitePlugin(getView: () => SiteView) {
  return {
    name: 'laurel:virtual-site',
    resolveId(id: string) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id: string) {
      return id === RESOLVED_ID ? `export const site = ${JSON.stringify(getView())};` : undefined;
    },
  };
}
