declare module 'virtual:laurel/site' {
  export const site: import('./core/view/site-view.ts').SiteView;
}
