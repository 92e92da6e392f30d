/**
 * The lesson page's script is built by Vite's worker pipeline (`?worker&url`), which does not
 * run SvelteKit's or Svelte's plugins: nothing it imports, however deep, may be a `.svelte` file
 * or a `$app/`/`$env/` module, or the build breaks or differs from the page. This walks its imports.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { expect, test } from 'vitest';

const SRC = resolve('src');

function resolveImport(from: string, spec: string): string | null {
	const base = spec.startsWith('$lib/') ? join(SRC, 'lib', spec.slice(5)) : spec.startsWith('.') ? resolve(dirname(from), spec) : null;
	if (!base) return null;
	for (const file of [base, `${base}.ts`, join(base, 'index.ts')]) if (existsSync(file) && file.match(/\.(ts|svelte|css)$/)) return file;
	throw new Error(`${from}: cannot resolve ${spec}`);
}

test('the lesson page script imports no .svelte file and no $app or $env module', () => {
	const seen = new Set<string>();
	const bad: string[] = [];
	const walk = (file: string) => {
		if (seen.has(file)) return;
		seen.add(file);
		if (!file.endsWith('.ts')) return;
		const imports = [...readFileSync(file, 'utf8').matchAll(/(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g)];
		for (const spec of imports.map((m) => m[1] ?? m[2]!)) {
			if (/^\$(app|env)\//.test(spec) || spec.endsWith('.svelte')) bad.push(`${file.slice(SRC.length + 1)} imports ${spec}`);
			const next = resolveImport(file, spec);
			if (next) walk(next);
		}
	};
	walk(join(SRC, 'lib/enhance/lesson.ts'));
	expect(seen.size).toBeGreaterThan(5);
	expect(bad).toEqual([]);
});
