// A static single-page app: prerender the empty shell, render everything in the browser.
export const ssr = false;
export const prerender = true;
export const trailingSlash = 'always';
