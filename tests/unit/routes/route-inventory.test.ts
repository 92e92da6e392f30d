/**
 * The route inventory lists exactly what `src/routes` serves: every page, every form action
 * and every endpoint method. A route added without an entry fails here, so the authorization
 * matrix and the fuzz tests (which walk the inventory) cannot silently miss it.
 */
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, test } from 'vitest';
import { routeInventory } from '../../../src/lib/server/route-inventory';

const ROOT = join(process.cwd(), 'src/routes');
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'fallback'];

const pageServers = import.meta.glob<{ actions?: Record<string, unknown> }>('/src/routes/**/+page.server.ts');
const endpoints = import.meta.glob<Record<string, unknown>>('/src/routes/**/+server.ts');

/** "/teacher/(x)/classes/[class]" → "/teacher/classes/[class]" (groups do not appear in URLs) */
function routeId(dir: string): string {
	const parts = relative(ROOT, dir).split(sep).filter((p) => p && !/^\(.*\)$/.test(p));
	return '/' + parts.join('/');
}

function walk(dir: string, found: { pages: Set<string>; endpoints: Set<string> }) {
	for (const entry of readdirSync(dir, { withFileTypes: true })) {
		if (entry.isDirectory()) walk(join(dir, entry.name), found);
		else if (/^\+page(@.*)?\.(svelte|ts|server\.ts|svx)$/.test(entry.name)) found.pages.add(routeId(dir));
		else if (/^\+server\.ts$/.test(entry.name)) found.endpoints.add(routeId(dir));
	}
	return found;
}

/** what `src/routes` serves, as "PAGE /x", "ACTION /x ?/name" and "GET /x.csv" lines */
async function served(): Promise<string[]> {
	const { pages, endpoints: eps } = walk(ROOT, { pages: new Set(), endpoints: new Set() });
	const lines = [...pages].map((id) => `PAGE ${id}`);
	for (const [file, load] of Object.entries(pageServers)) {
		const id = routeId(join(process.cwd(), file.replace(/\/\+page\.server\.ts$/, '')));
		for (const action of Object.keys((await load()).actions ?? {})) lines.push(`ACTION ${id} ?/${action}`);
	}
	for (const [file, load] of Object.entries(endpoints)) {
		const id = routeId(join(process.cwd(), file.replace(/\/\+server\.ts$/, '')));
		const mod = await load();
		for (const method of METHODS.filter((m) => m in mod)) lines.push(`${method} ${id}`);
		if (!eps.has(id)) lines.push(`ENDPOINT? ${id}`);
	}
	return lines.sort();
}

function listed(): string[] {
	const lines: string[] = [];
	for (const r of routeInventory) {
		if (r.page) lines.push(`PAGE ${r.id}`);
		for (const action of Object.keys(r.actions ?? {})) lines.push(`ACTION ${r.id} ?/${action}`);
		for (const method of Object.keys(r.endpoint ?? {})) lines.push(`${method} ${r.id}`);
	}
	return lines.sort();
}

describe('route inventory', () => {
	// imports every route module: slow on a busy machine
	test('lists every page, form action and endpoint in src/routes, and nothing else', { timeout: 60_000 }, async () => {
		const actual = await served();
		const inventory = listed();
		const missing = actual.filter((l) => !inventory.includes(l));
		const stale = inventory.filter((l) => !actual.includes(l));
		expect(
			missing,
			`Served by src/routes but not in src/lib/server/route-inventory.ts (add an entry saying who may use it):\n  ${missing.join('\n  ')}`
		).toEqual([]);
		expect(stale, `Listed in src/lib/server/route-inventory.ts but not served by src/routes:\n  ${stale.join('\n  ')}`).toEqual([]);
		expect(actual.length).toBeGreaterThan(30);
	});

	test('each route is listed once, with a description and at least one way in', () => {
		const ids = routeInventory.map((r) => r.id);
		expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
		for (const r of routeInventory) {
			expect(r.what.length, r.id).toBeGreaterThan(5);
			expect(Boolean(r.page || r.actions || r.endpoint), r.id).toBe(true);
		}
	});

	test('a class-teacher or class-owner route has the class in its address', () => {
		for (const r of routeInventory) {
			const levels = [r.page, ...Object.values(r.actions ?? {}), ...Object.values(r.endpoint ?? {})];
			if (levels.includes('class-owner') || levels.includes('class-teacher')) expect(r.id, r.id).toContain('[class]');
		}
	});
});
