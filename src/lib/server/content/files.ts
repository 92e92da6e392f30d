/** Reads lessons/ from disk for command-line tools and tests (the app gets the same files bundled by Vite). */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { ContentFile } from '$lib/content/load';

export function readContentFiles(root: string, dir = 'lessons'): ContentFile[] {
	const out: ContentFile[] = [];
	const walk = (abs: string) => {
		for (const entry of readdirSync(abs, { withFileTypes: true })) {
			const path = join(abs, entry.name);
			if (entry.isDirectory()) walk(path);
			else if (/\.(svx|ya?ml|txt)$/.test(entry.name)) {
				out.push({ path: relative(root, path).split(sep).join('/'), text: readFileSync(path, 'utf8') });
			}
		}
	};
	walk(join(root, dir));
	return out.sort((a, b) => a.path.localeCompare(b.path));
}
