/**
 * `npm run check:content`: loads every file under lessons/, proves every quote against its
 * source, runs the course-wide checks (citations per source, reading level, copying, skills,
 * two-part questions, repeats), and
 * prints every problem at once (exit 1) or what was checked (exit 0).
 */
import { performance } from 'node:perf_hooks';
import { courseChecks, GRADE_RANGE, MIN_QUESTIONS_PER_SOURCE } from '../lib/content/course-checks';
import { formatProblem, loadContent } from '../lib/content/load';
import { MAX_QUESTION_GRADE, MIN_NOT_RECALL_PER_LESSON, MIN_NOT_RECALL_SHARE, teachingChecks, writtenPerModule, type SkillCounts } from '../lib/content/teaching-checks';
import { readContentFiles } from '../lib/server/content/files';

const started = performance.now();
const files = readContentFiles(process.cwd());
const { content, problems } = loadContent(files);
const course = courseChecks(content);
const teaching = teachingChecks(content);
const all = [...problems, ...course.problems, ...teaching.problems, ...writtenPerModule(content)];
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
const skillList = (c: SkillCounts) => Object.entries(c).map(([k, v]) => `${k} ${v}`).join(', ');
const share = (c: SkillCounts, n: number) => `${Math.round((100 * (n - c.recall)) / Math.max(1, n))} % not recall`;
log(`  skills       ${share(teaching.course, questions.length)} (at least ${MIN_NOT_RECALL_SHARE * 100} %): ${skillList(teaching.course)}`);
log(`  two-part     ${teaching.twoPart} (at least one a lesson)`);
log(`  proving      ${questions.reduce((n, q) => n + ('proving' in q ? q.proving.length : 0), 0)} proving sentences, each a sentence of the article its question shows`);
const flagged = teaching.repeats.filter((r) => !r.reuse);
log(`  repeats      ${flagged.length} unexplained; ${teaching.reuses.length} deliberate, each with its reason:`);
for (const r of flagged) log(`    ✗ ${r.a.id} ↔ ${r.b.id} (${r.why})`);
for (const r of teaching.reuses) {
	const pair = teaching.repeats.find((x) => x.reuse && (x.a.id === r.id || x.b.id === r.id));
	log(`      ${r.id}${pair ? ` (flagged: ${pair.a.id === r.id ? pair.b.id : pair.a.id}, ${pair.why})` : ''}: ${r.reuse}`);
}
log(`  per lesson   skills (at least ${MIN_NOT_RECALL_PER_LESSON} not recall), two-part:`);
for (const r of teaching.lessons) {
	const n = Object.values(r.skills).reduce((a, b) => a + b, 0);
	const ok = n - r.skills.recall >= MIN_NOT_RECALL_PER_LESSON && r.twoPart >= 1;
	log(`    ${ok ? ' ' : '✗'} ${r.path}: ${n} questions, ${skillList(r.skills)}; two-part ${r.twoPart}`);
}
log(`  reading level, Flesch–Kincaid US grade: prose (aim ${GRADE_RANGE.min}–${GRADE_RANGE.max}) | questions (at most ${MAX_QUESTION_GRADE})`);
course.lessons.forEach((r, i) => {
	const q = teaching.lessons[i]!.questions;
	const ok = r.grade >= GRADE_RANGE.min && r.grade <= GRADE_RANGE.max && q.grade <= MAX_QUESTION_GRADE;
	log(`    ${r.grade.toFixed(1).padStart(5)} | ${q.grade.toFixed(1).padStart(4)} ${ok ? ' ' : '✗'} ${r.path} (${r.words} + ${q.words} words)`);
});
log(`  time         ${ms.toFixed(0)} ms`);
process.exit(all.length ? 1 : 0);
