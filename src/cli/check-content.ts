/**
 * `npm run check:content`: loads every file under lessons/, proves every quote against its
 * source, runs the course-wide checks (citations per source, reading level, copying), and
 * prints every problem at once (exit 1) or what was checked (exit 0).
 */
import { performance } from 'node:perf_hooks';
import { courseChecks, GRADE_RANGE, MIN_QUESTIONS_PER_SOURCE } from '../lib/content/course-checks';
import { formatProblem, loadContent } from '../lib/content/load';
import { readContentFiles } from '../lib/server/content/files';

const started = performance.now();
const files = readContentFiles(process.cwd());
const { content, problems } = loadContent(files);
const course = courseChecks(content);
const all = [...problems, ...course.problems];
const ms = performance.now() - started;

const lessons = content.modules.flatMap((m) => m.lessons);
const questions = lessons.flatMap((l) => l.questions);
const perType = new Map<string, number>();
for (const q of questions) perType.set(q.type, (perType.get(q.type) ?? 0) + 1);
const quotesPerSource = new Map(content.sources.map((s) => [s.id, 0]));
let quotes = 0;
for (const c of [...questions.flatMap((q) => q.cite), ...content.glossary.flatMap((g) => g.cite), ...content.timeline.flatMap((t) => t.cite)]) {
	quotes++;
	quotesPerSource.set(c.source, (quotesPerSource.get(c.source) ?? 0) + 1);
}
const list = (m: Map<string, number>) => [...m].map(([k, v]) => `${k} ${v}`).join(', ');
const log = all.length ? console.error : console.log;

log(all.length ? `Content check failed: ${all.length} problem${all.length === 1 ? '' : 's'}\n` : 'Content check passed');
for (const p of all) console.error(formatProblem(p));
if (all.length) console.error('');
log(`  modules      ${content.modules.length}`);
log(`  lessons      ${lessons.length}`);
log(`  questions    ${questions.length} (${list(perType)})`);
log(`  by source    questions citing each (at least ${MIN_QUESTIONS_PER_SOURCE}): ${list(course.questionsPerSource)}`);
log(`  citations    ${quotes} quotes proved verbatim (${list(quotesPerSource)})`);
log(`  glossary     ${content.glossary.length} entries; timeline ${content.timeline.length} events`);
log(`  sources      ${content.sources.length}, ${content.sources.reduce((n, s) => n + s.sentences.length, 0)} sentences`);
log(`  reading level, Flesch–Kincaid US grade (aim ${GRADE_RANGE.min}–${GRADE_RANGE.max}):`);
for (const r of course.lessons) {
	const ok = r.grade >= GRADE_RANGE.min && r.grade <= GRADE_RANGE.max;
	log(`    ${r.grade.toFixed(1).padStart(5)} ${ok ? ' ' : '✗'} ${r.path} (${r.words} words)`);
}
log(`  time         ${ms.toFixed(0)} ms`);
process.exit(all.length ? 1 : 0);
