/**
 * `npm run check:content`: loads every file under lessons/, proves every quote against its
 * source, and prints every problem at once (exit 1) or a summary of what was checked (exit 0).
 */
import { performance } from 'node:perf_hooks';
import { formatProblem, loadContent } from '../lib/content/load';
import { readContentFiles } from '../lib/server/content/files';

const started = performance.now();
const files = readContentFiles(process.cwd());
const { content, problems } = loadContent(files);
const ms = performance.now() - started;

if (problems.length) {
	console.error(`Content check failed: ${problems.length} problem${problems.length === 1 ? '' : 's'}\n`);
	for (const p of problems) console.error(formatProblem(p));
	process.exit(1);
}

const lessons = content.modules.flatMap((m) => m.lessons);
const questions = lessons.flatMap((l) => l.questions);
const perType = new Map<string, number>();
for (const q of questions) perType.set(q.type, (perType.get(q.type) ?? 0) + 1);
const perSource = new Map(content.sources.map((s) => [s.id, 0]));
let quotes = 0;
for (const q of questions) {
	for (const c of q.cite) {
		quotes++;
		perSource.set(c.source, (perSource.get(c.source) ?? 0) + 1);
	}
}
const list = (m: Map<string, number>) => [...m].map(([k, v]) => `${k} ${v}`).join(', ');
console.log('Content check passed');
console.log(`  modules    ${content.modules.length}`);
console.log(`  lessons    ${lessons.length}`);
console.log(`  questions  ${questions.length} (${list(perType)})`);
console.log(`  citations  ${quotes} quotes proved verbatim (by source: ${list(perSource)})`);
console.log(`  sources    ${content.sources.length}, ${content.sources.reduce((n, s) => n + s.sentences.length, 0)} sentences`);
console.log(`  time       ${ms.toFixed(0)} ms`);
