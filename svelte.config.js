import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipAsync } from '@gfx/zopfli';
import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { mdsvex } from 'mdsvex';

/**
 * adapter-node, whose precompressed .gz copies of the browser's files are then remade with
 * Zopfli: the same gzip format every browser reads, about 3 % smaller than zlib's best (1.2 KB
 * of a lesson page's 40 KB JavaScript budget, see tests/bench). Only smaller results are kept.
 * @param {import('@sveltejs/adapter-node').AdapterOptions} [options]
 * @returns {import('@sveltejs/kit').Adapter}
 */
function nodeWithZopfli(options) {
	const node = adapter(options);
	return {
		...node,
		async adapt(builder) {
			await node.adapt(builder);
			const dir = join(options?.out ?? 'build', 'client');
			const files = (await readdir(dir, { recursive: true })).filter((f) => f.endsWith('.gz'));
			builder.log.minor(`Recompressing ${files.length} files with Zopfli`);
			await Promise.all(
				files.map(async (file) => {
					const gz = join(dir, file);
					const smaller = await gzipAsync(await readFile(gz.slice(0, -3)), { numiterations: 15 });
					if (smaller.length < (await readFile(gz)).length) await writeFile(gz, smaller);
				})
			);
		}
	};
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	extensions: ['.svelte', '.svx'],
	preprocess: [vitePreprocess(), mdsvex({ extensions: ['.svx'] })],
	// Runes mode for every component of ours, even one with no rune in it: a single component in
	// legacy mode switches on Svelte's legacy code paths for the whole bundle (more JavaScript on
	// every page). Libraries in node_modules, and lessons (compiled by mdsvex, on the server only),
	// keep the mode they were written for.
	compilerOptions: { runes: true },
	vitePlugin: {
		dynamicCompileOptions: ({ filename }) =>
			filename.includes('/node_modules/') || filename.endsWith('.svx') ? { runes: undefined } : undefined
	},
	kit: {
		adapter: nodeWithZopfli(),
		// The browser asks the server which route a link goes to, instead of loading a table of
		// every route up front: less JavaScript on every first page (see tests/bench).
		router: { resolution: 'server' },
		alias: { $lessons: 'lessons' },
		// The cross-site form check is ours (src/lib/server/csrf.ts): the same rule, except for the
		// two addresses an LMS posts an LTI login and launch to.
		csrf: { trustedOrigins: ['*'] },
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
