import type { SiteView } from '../core/view/site-view.ts';

const VIRTUAL_ID = 'virtual:laurel/site';
const RESOLVED_ID = `\0${VIRTUAL_ID}`;

/** Where the integration leaves the page data for the virtual module to pick up. */
const GLOBAL_KEY = 'laurel:site-view';

/**
 * A Vite plugin that hands the pages their data as the module `virtual:laurel/site`. The data is
 * computed once by the integration from the same loader the CLI uses, so pages never read
 * content files themselves.
 *
 * The module's code never changes: it reads the data from a global the integration sets in the
 * same process (Astro renders static pages in the process that runs the integration). So the
 * pages' dependency graph is the same from one build to the next whatever the content, which is
 * what lets Astro's incremental build reuse a page whose own data did not change (see
 * page-keys-node.ts); with the data inlined, one new award would re-render every page. (Astro's
 * `experimental.parallelPrerender`, which renders in other threads, cannot see the global.)
 */
export function virtualSitePlugin(getView: () => SiteView) {
  (globalThis as Record<symbol, unknown>)[Symbol.for(GLOBAL_KEY)] = getView;
  return {
    name: 'laurel:virtual-site',
    resolveId(id: string) {
      return id === VIRTUAL_ID ? RESOLVED_ID : undefined;
    },
    load(id: string) {
      if (id !== RESOLVED_ID) return undefined;
      return [
        `const view = globalThis[Symbol.for(${JSON.stringify(GLOBAL_KEY)})]?.();`,
        'if (!view) throw new Error("virtual:laurel/site is only available in a Laurel build");',
        'export const site = view;',
      ].join('\n');
    },
  };
}
