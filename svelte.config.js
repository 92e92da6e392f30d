import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	extensions: ['.svelte', '.svx'],
	preprocess: [vitePreprocess(), mdsvex({ extensions: ['.svx'] })],
	kit: {
		adapter: adapter(),
		// The browser asks the server which route a link goes to, instead of loading a table of
		// every route up front: less JavaScript on every first page (see tests/bench).
		router: { resolution: 'server' },
		alias: { $lessons: 'lessons' },
		// The Content-Security-Policy of every page. Kit sends it as a header on server-rendered
		// pages (every page here), adding a fresh nonce for its own inline start-up script; 'auto'
		// would use hashes in a <meta> tag for a prerendered page, where frame-ancestors is ignored.
		// The other headers, and a policy for non-page responses, come from hooks.server.ts.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				// no 'unsafe-inline', no 'unsafe-eval': only our own bundles and kit's nonced script run
				'script-src': ['self'],
				// no <style> elements but our own stylesheets (kit would nonce any it inlined)
				'style-src': ['self'],
				// style attributes only: kit's route announcer (a hidden live region it adds after
				// hydration) carries one, which we cannot change. An attribute can hold no selector, and
				// url() in it is still bound by img-src/font-src, so this allows little.
				'style-src-attr': ['unsafe-inline'],
				'img-src': ['self', 'data:'],
				'font-src': ['self'],
				'connect-src': ['self'],
				'form-action': ['self'],
				'base-uri': ['self'],
				'object-src': ['none'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
