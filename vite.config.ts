import { sveltekit } from '@sveltejs/kit/vite';
import { svelteTesting } from '@testing-library/svelte/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig(({ isSsrBuild }) => ({
	plugins: [sveltekit()],
	// In the browser, everything from node_modules (Svelte's runtime, kit's client, devalue) in
	// one chunk: fewer requests, and one gzip dictionary instead of five. See tests/bench.
	// Vite's preload helper too: two chunks use it (kit's app and the read-aloud button's lazy
	// import), which would otherwise put it in a file of its own on every lesson page.
	build: isSsrBuild ? {} : { rolldownOptions: { output: { codeSplitting: { groups: [{ name: 'framework', test: /node_modules|vite\/preload-helper/ }] } } } },
	// the lesson page's script (src/lib/enhance/lesson.ts) is built as a "worker" for its address:
	// an ES module, so the read-aloud player stays a chunk of its own, loaded when used. That
	// pipeline runs none of SvelteKit's or Svelte's plugins: nothing it imports may be a .svelte
	// file or $app/$env (tests/unit/enhance-imports.test.ts)
	worker: { format: 'es' },
	server: { fs: { allow: ['lessons'] } },
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					environment: 'node',
					include: ['tests/unit/**/*.test.ts'],
					exclude: ['tests/unit/server/db/**']
				}
			},
			{
				extends: true,
				test: {
					// every database test runs on both engines: SQLite and a throwaway PostgreSQL
					name: 'db',
					environment: 'node',
					include: ['tests/unit/server/db/**/*.test.ts'],
					globalSetup: ['tests/unit/server/db/pg-setup.ts'],
					hookTimeout: 60_000
				}
			},
			{
				extends: true,
				plugins: [svelteTesting()],
				test: {
					name: 'component',
					environment: 'jsdom',
					include: ['tests/component/**/*.test.ts'],
					setupFiles: ['tests/component/setup.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					environment: 'node',
					include: ['tests/e2e/**/*.test.ts'],
					globalSetup: ['tests/e2e/global-setup.ts'],
					// Browser tests wait on pages more than they compute: three files at a time, each
					// on its own server, keep two cores busy. After the other projects (groupOrder).
					maxWorkers: 3,
					sequence: { groupOrder: 1 },
					// each page's axe now runs in three themes: the slowest files passed 60 s on a loaded CI machine
					testTimeout: 120_000,
					hookTimeout: 120_000
				}
			}
		]
	}
}));
