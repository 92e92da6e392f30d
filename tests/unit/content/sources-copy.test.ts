/** The project's copy of the five articles must equal ../shared/sources byte for byte. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const shared = join(process.cwd(), '..', 'shared', 'sources');
const ours = join(process.cwd(), 'lessons', 'sources');
const hasShared = existsSync(shared);
if (!hasShared) console.warn(`Skipping the byte-for-byte source comparison: ${shared} does not exist on this machine.`);

describe('lessons/sources', () => {
	it.runIf(hasShared)('holds exactly the articles of ../shared/sources, byte for byte', () => {
		const txt = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.txt')).sort();
		expect(txt(ours)).toEqual(txt(shared));
		for (const f of txt(shared)) {
			expect(readFileSync(join(ours, f)).equals(readFileSync(join(shared, f))), `${f} differs from ../shared/sources`).toBe(true);
		}
	});

	it('has a metadata file beside every article', () => {
		const names = readdirSync(ours);
		for (const f of names.filter((n) => n.endsWith('.txt'))) {
			const meta = names.filter((n) => n.endsWith('.yaml')).map((n) => readFileSync(join(ours, n), 'utf8'));
			expect(meta.some((m) => m.includes(`file: ${f}`)), `${f} has no metadata`).toBe(true);
		}
	});
});
