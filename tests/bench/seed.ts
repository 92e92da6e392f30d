/**
 * Fills a database with a school's worth of data for the report benchmark (target 3): many
 * teachers, classes of 30, students, assignments, and answers to the course's real questions
 * (graded by the app's own grader, right or wrong, first tries and retries, over many lessons
 * and days), plus a few guests. One class of 30, "the measured class", is generated from a
 * fixed seed and is the same whatever the total, so timings at 10 k and 1 M compare like with
 * like. Batched multi-row inserts through Kysely, in a few large transactions, on both engines.
 *
 *   npx tsx tests/bench/seed.ts --answers 1000000 --file /tmp/school.db
 *   npx tsx tests/bench/seed.ts --answers 1000000 --url postgres://postgres@127.0.0.1:5432/school
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { sql, type Insertable, type Kysely } from 'kysely';
import { loadContent, type Content, type LessonQuestion } from '../../src/lib/content/load';
import { hashPassword } from '../../src/lib/server/auth/password';
import { readContentFiles } from '../../src/lib/server/content/files';
import { createDb, type Db, type DbConfig } from '../../src/lib/server/db/client';
import { migrateToLatest } from '../../src/lib/server/db/migrate';
import type { AnswerTable, Database } from '../../src/lib/server/db/schema';
import { keyHash } from '../../src/lib/server/grading/key-hash';
import { CODE_ALPHABET } from '../../src/lib/server/join-code';
import { grade, keyOf } from '../../src/lib/questions/registry';

export const CLASS_SIZE = 30;
export const BENCH_TEACHER = { email: 'bench-teacher@school.example', password: 'bench-password-1' };
/** the measured class's assignments: the first two modules */
const MEASURED_MODULES = 2;

/** mulberry32: a small seeded PRNG, so the measured class is the same in every database */
function prng(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

interface Variant {
	answer: string;
	correct: 0 | 1;
	points: number;
}
interface SeedQuestion {
	lesson: string;
	id: string;
	keyHash: string;
	right: Variant;
	wrong: Variant;
}

/** The form fields a student posts to answer a question right or wrong (as the lesson page's forms name them). */
function fieldsFor(q: LessonQuestion, right: boolean, content: Content): Record<string, string[]> {
	switch (q.type) {
		case 'single':
			return { choice: [right ? q.answer : q.choices.find((c) => c.id !== q.answer)!.id] };
		case 'multiple':
			return { choice: right ? [...q.answers] : [q.choices.find((c) => !q.answers.includes(c.id))!.id] };
		case 'true-false':
			return { choice: [String(right ? q.answer : !q.answer)] };
		case 'numeric':
			return { value: [String(right ? q.answer : q.answer + q.tolerance + 1)] };
		case 'ordering': {
			const ids = q.items.map((i) => i.id);
			return Object.fromEntries((right ? ids : [...ids].reverse()).map((id, i) => [`pos-${id}`, [String(i + 1)]]));
		}
		case 'matching': {
			const key = keyOf(q) as Record<string, string>;
			const letters = q.pairs.map((p) => key[p.id]!);
			return Object.fromEntries(q.pairs.map((p, i) => [`match-${p.id}`, [right ? letters[i]! : letters[(i + 1) % letters.length]!]]));
		}
		case 'find-evidence':
		case 'two-part': {
			const proving = new Set(q.proving.flatMap((p) => p.sentenceIds));
			const source = content.sources.find((s) => s.id === q.source)!;
			const other = source.paragraphs.filter((p) => p.kind === 'text').flatMap((p) => p.sentences).find((s) => !proving.has(s.id))!.id;
			const sentence = [String(right ? q.proving[0]!.sentenceIds[0] : other)];
			return q.type === 'find-evidence' ? { sentence } : { choice: [right ? q.answer : q.choices.find((c) => c.id !== q.answer)!.id], sentence };
		}
		case 'written':
			throw new Error('seed: written answers are scored by a teacher, not seeded as graded answers');
	}
}

/** Every question of the course with a right and a wrong answer, graded by the app's grader. */
function courseQuestions(content: Content): SeedQuestion[][] {
	return content.modules.flatMap((m) =>
		m.lessons.map((l) =>
			// written answers are not graded answers: they wait for a teacher
			l.questions.filter((q) => q.type !== 'written').map((q) => {
				const variant = (right: boolean): Variant => {
					const g = grade(q, fieldsFor(q, right, content));
					if (!g.ok || g.correct !== right) throw new Error(`seed: could not answer ${q.id} ${right ? 'right' : 'wrong'}`);
					return { answer: JSON.stringify(g.answer), correct: g.correct ? 1 : 0, points: g.points };
				};
				return { lesson: `${m.slug}/${l.slug}`, id: q.id, keyHash: keyHash(q), right: variant(true), wrong: variant(false) };
			})
		)
	);
}

const TERM_START = Date.parse('2025-09-01T00:00:00Z');
const DAY = 86_400_000;

/**
 * One learner's answers: lessons in course order from `fromLesson`, each question tried once
 * (right with probability `ability`) and a wrong one retried half the time; a lesson every few
 * days, answered in one sitting during the day. Stops after `quota` answers; goes round the
 * course again (review) while there is quota left.
 */
function* learnerAnswers(
	lessons: SeedQuestion[][],
	who: { user_id: string | null; guest_id: string | null },
	o: { quota: number; ability: number; answerShare: number; lessonCount: number; passes: number; rand: () => number }
): Generator<Insertable<AnswerTable>> {
	let left = o.quota;
	for (let pass = 0; left > 0 && pass < o.passes; pass++) {
		for (let li = 0; li < o.lessonCount && left > 0; li++) {
			let at = TERM_START + (pass * o.lessonCount + li) * 3 * DAY + Math.floor(o.rand() * 2 * DAY) + 8 * 3_600_000;
			for (const q of lessons[li]!) {
				if (left <= 0) break;
				if (o.rand() > o.answerShare) continue;
				let tries = 0;
				for (;;) {
					at += 20_000 + Math.floor(o.rand() * 100_000);
					const right = o.rand() < o.ability;
					const v = right ? q.right : q.wrong;
					left--;
					yield {
						id: crypto.randomUUID(),
						...who,
						lesson: q.lesson,
						question_id: q.id,
						answer: v.answer,
						correct: v.correct,
						points: v.points,
						key_hash: q.keyHash,
						idempotency_key: crypto.randomUUID(),
						created_at: new Date(at).toISOString()
					};
					if (right || ++tries > 1 || left <= 0 || o.rand() < 0.5) break;
				}
			}
		}
	}
}

/** Rows per statement: under SQLite's 32 766 and PostgreSQL's 65 535 bound parameters. */
const MAX_PARAMS = 30_000;
/** Statements per transaction */
const BATCHES_PER_TX = 25;

async function insertAll<T extends keyof Database>(db: Kysely<Database>, table: T, rows: Iterable<Insertable<Database[T]>>): Promise<number> {
	let per = 0;
	let chunk: Insertable<Database[T]>[] = [];
	let n = 0;
	const flush = async () => {
		if (!chunk.length) return;
		const rowsNow = chunk;
		chunk = [];
		await db.transaction().execute(async (trx) => {
			for (let i = 0; i < rowsNow.length; i += per) await trx.insertInto(table).values(rowsNow.slice(i, i + per) as never).execute();
		});
	};
	for (const row of rows) {
		if (!per) per = Math.floor(MAX_PARAMS / Object.keys(row).length);
		chunk.push(row);
		n++;
		if (chunk.length >= per * BATCHES_PER_TX) await flush();
	}
	await flush();
	return n;
}

export interface Seeded {
	classId: string;
	/** the first lesson of the measured class, for the per-question page: its slug and "module/lesson" key */
	lessonSlug: string;
	lessonKey: string;
	/** the lessons in the measured class's gradebook ("module/lesson") */
	gradebookKeys: string[];
	teacher: typeof BENCH_TEACHER;
	answers: number;
	classAnswers: number;
	students: number;
	classes: number;
	ms: number;
}

/** Seeds an empty, migrated database with about `answers` answers. */
export async function seed(handle: Db, total: number, log: (m: string) => void = () => {}): Promise<Seeded> {
	const started = performance.now();
	const { db } = handle;
	// a bigger page cache for the bulk load (random ids touch every page of their indexes); this connection only
	if (handle.engine === 'sqlite') await sql`pragma cache_size = -262144`.execute(db);
	const { content, problems } = loadContent(readContentFiles(process.cwd()));
	if (problems.length) throw new Error(`seed: lessons/ has ${problems.length} problems; run npm run check:content`);
	const lessons = courseQuestions(content);
	const created = new Date(TERM_START - 7 * DAY).toISOString();
	const studentHash = 'seeded-student-without-password';
	const codes = new Set<string>();
	const code = (rand: () => number) => {
		for (;;) {
			const c = Array.from({ length: 6 }, () => CODE_ALPHABET[Math.floor(rand() * CODE_ALPHABET.length)]).join('');
			if (!codes.has(c)) return codes.add(c), c;
		}
	};

	// the measured class, from a fixed seed
	const mr = prng(1);
	const teacherId = crypto.randomUUID();
	const classId = crypto.randomUUID();
	const measuredLessons = content.modules.slice(0, MEASURED_MODULES).reduce((n, m) => n + m.lessons.length, 0);
	const measured = Array.from({ length: CLASS_SIZE }, (_, i) => ({ id: crypto.randomUUID(), n: i, ability: 0.45 + mr() * 0.5 }));
	const measuredAnswers: Insertable<AnswerTable>[] = measured.flatMap((s) => [
		// the assigned lessons, then a start on the next one (not in the gradebook)
		...learnerAnswers(lessons, { user_id: s.id, guest_id: null }, { quota: 10_000, ability: s.ability, answerShare: 0.9, lessonCount: measuredLessons, passes: 1, rand: mr }),
		...learnerAnswers(lessons.slice(measuredLessons), { user_id: s.id, guest_id: null }, { quota: 5, ability: s.ability, answerShare: 1, lessonCount: 1, passes: 1, rand: mr })
	]);

	// everyone else: learners with 100–400 answers each until the total is reached; one in 25 a guest
	const or = prng(2);
	const others: { id: string; guest: boolean; quota: number; ability: number }[] = [];
	for (let left = total - measuredAnswers.length; left > 0; ) {
		const quota = Math.min(left, 100 + Math.floor(or() * 300));
		others.push({ id: crypto.randomUUID(), guest: others.length % 25 === 24, quota, ability: 0.35 + or() * 0.6 });
		left -= quota;
	}
	const students = others.filter((o) => !o.guest);
	const classCount = Math.ceil(students.length / CLASS_SIZE);
	const teacherCount = Math.ceil(classCount / 3);
	const classIds = Array.from({ length: classCount }, () => crypto.randomUUID());
	const teacherIds = Array.from({ length: teacherCount }, () => crypto.randomUUID());
	log(`seeding ${total} answers: ${students.length + CLASS_SIZE} students, ${classCount + 1} classes, ${teacherCount + 1} teachers`);

	const user = (id: string, role: 'student' | 'teacher', n: string, hash: string) => ({
		id,
		role,
		username: role === 'student' ? `s${n}` : null,
		email: role === 'teacher' ? `t${n}@school.example` : null,
		display_name: `${role === 'student' ? 'Student' : 'Teacher'} ${n}`,
		password_hash: hash,
		time_zone: 'Europe/London',
		created_at: created
	});
	await insertAll(db, 'users', [
		{ ...user(teacherId, 'teacher', 'bench', await hashPassword(BENCH_TEACHER.password)), email: BENCH_TEACHER.email },
		...measured.map((s) => user(s.id, 'student', `m${s.n}`, studentHash)),
		...teacherIds.map((id, i) => user(id, 'teacher', String(i), studentHash)),
		...students.map((s, i) => user(s.id, 'student', String(i), studentHash))
	]);
	const klass = (id: string, teacher: string, name: string) => ({
		id,
		teacher_id: teacher,
		name,
		section: null,
		join_code: code(or),
		time_zone: 'Europe/London',
		counting: 'latest' as const,
		created_at: created,
		archived_at: null,
		late_policy: 'accept' as const
	});
	await insertAll(db, 'classes', [klass(classId, teacherId, 'Measured class'), ...classIds.map((id, i) => klass(id, teacherIds[Math.floor(i / 3)]!, `Class ${i}`))]);
	await insertAll(db, 'memberships', [
		...measured.map((s) => ({ class_id: classId, student_id: s.id, joined_at: created })),
		...students.map((s, i) => ({ class_id: classIds[Math.floor(i / CLASS_SIZE)]!, student_id: s.id, joined_at: created }))
	]);
	const due = (m: number) => new Date(TERM_START + (m + 1) * 14 * DAY).toISOString();
	await insertAll(db, 'assignments', [
		...content.modules.slice(0, MEASURED_MODULES).map((m, i) => ({ id: crypto.randomUUID(), class_id: classId, target: m.slug, due_at: due(i), created_at: created })),
		...classIds.flatMap((id, c) =>
			content.modules.slice(0, 2 + (c % 3)).map((m, i) => ({ id: crypto.randomUUID(), class_id: id, target: m.slug, due_at: due(i), created_at: created }))
		)
	]);

	function* allAnswers() {
		yield* measuredAnswers;
		for (const o of others) {
			const who = o.guest ? { user_id: null, guest_id: o.id } : { user_id: o.id, guest_id: null };
			yield* learnerAnswers(lessons, who, { quota: o.quota, ability: o.ability, answerShare: 0.85, lessonCount: lessons.length, passes: 20, rand: or });
		}
	}
	const answers = await insertAll(db, 'answers', allAnswers());
	// what PostgreSQL's autovacuum does shortly after a bulk load anyway; SQLite keeps its defaults
	if (handle.engine === 'postgres') await sql`analyze`.execute(db);
	const ms = performance.now() - started;
	log(`seeded ${answers} answers (${measuredAnswers.length} in the measured class) on ${handle.engine} in ${(ms / 1000).toFixed(1)} s`);
	return {
		classId,
		lessonSlug: content.modules[0]!.lessons[0]!.slug,
		lessonKey: lessons[0]![0]!.lesson,
		gradebookKeys: lessons.slice(0, measuredLessons).map((l) => l[0]!.lesson),
		teacher: BENCH_TEACHER,
		answers,
		classAnswers: measuredAnswers.length,
		students: students.length + CLASS_SIZE,
		classes: classCount + 1,
		ms
	};
}

/** Creates (migrates) the database and seeds it. */
export async function seedDatabase(config: DbConfig, total: number, log?: (m: string) => void): Promise<Seeded> {
	const handle = createDb(config);
	try {
		await migrateToLatest(handle.db);
		return await seed(handle, total, log);
	} finally {
		await handle.close();
	}
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
	const { values } = parseArgs({ options: { answers: { type: 'string', default: '10000' }, file: { type: 'string' }, url: { type: 'string' } } });
	const total = Number(values.answers);
	if (!Number.isInteger(total) || total < 1) throw new Error('--answers must be a positive whole number');
	if (!values.file && !values.url) throw new Error('Give --file <sqlite file> or --url <postgres URL> (an empty database)');
	const config: DbConfig = values.url ? { engine: 'postgres', url: values.url } : { engine: 'sqlite', file: values.file! };
	const s = await seedDatabase(config, total, console.log);
	console.log(`measured class ${s.classId}, teacher ${s.teacher.email} / ${s.teacher.password}`);
}
