/**
 * Property-based fuzzing of every form action, endpoint and page (issue 8): random and hostile
 * values (wrong types, missing, extra and repeated fields, huge strings, Unicode edge cases,
 * unknown ids, wrong question types, replayed submissions) in every request shape (plain and
 * enhanced form posts, multipart, odd and upper-case content types, cross-origin posts, other
 * methods, GET with a body, bodies over the size limit). Every answer is 2xx/3xx/4xx with a
 * message a person can read, never a 5xx, and the server stays up.
 *
 * It runs its own server, so the rate limits it trips do not reach other test files. It prints
 * one line: cases sent, targets, 5xx seen, statuses, time and seed. Settings, by environment:
 * - FUZZ_SEED=<n> replays a run (the seed is printed; job i of a run uses seed n + i)
 * - FUZZ_CASES=<n> sends about n cases (default 10 600; the ≥ 10 000 check applies from there)
 * - FUZZ_PARALLEL=<n> properties at once (default 6)
 * - FUZZ_DATABASE_URL=postgres://… fuzzes the PostgreSQL engine instead of a fresh SQLite file
 * - FUZZ_ALL=1 keeps starting properties after a failure, to list every failing target
 * - FUZZ_TRACE=<file>, FUZZ_SERVER_LOG=<file> append each request, and the server's output, to a file
 */
import { appendFileSync } from 'node:fs';
import { Agent } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, describe as group, expect, test } from 'vitest';
import { startServer } from './global-setup';
import { allLessons, answerByPost, answerFields, content, createClassByPost, joinCodeIn, newStudent, newTeacher, postForm, searchable, signUpTeacherByPost, signUpWithCode, unchanging } from './content';
import { CROSS_SITE_ENTRIES } from '../../src/lib/server/csrf';
import { crossOriginContentTypes } from './fuzz-arbitraries';
import { ACCEPT_HTML, caseOf, cookieOf, enhancedHeaders, manualMultipart, rawCase, rawRequest, requestsOf, SIZE_LIMIT, type Case, type RawCase } from './fuzz-cases';
import { describe, fetchAnswer, judge, plainText, rawAnswer, send, Stats, urlencoded, type Answer } from './fuzz-http';
import { allowed, destructive, hints, queryHints, targets, type Identity, type Target, type World } from './fuzz-targets';

const SEED = Number(process.env.FUZZ_SEED ?? 20261122);
const CASES = Number(process.env.FUZZ_CASES ?? 10_600);
/** properties running at once: the server is one process, but requests overlap with the client's work */
const PARALLEL = Number(process.env.FUZZ_PARALLEL ?? 6);

let server: Awaited<ReturnType<typeof startServer>>;
let serverLog = '';
const base = () => server.url;
const world: World = {
	teacher: '',
	coTeacher: '',
	student: '',
	studentUsername: '',
	studentPassword: '',
	classId: '',
	studentId: '',
	student2Id: '',
	assignmentId: '',
	removableAssignmentId: '',
	code: '',
	writtenAnswerId: '',
	writtenSubmitted: ''
};
const stats = new Stats();

async function get(path: string, cookie?: string): Promise<Answer> {
	return fetchAnswer(`${base()}${path}`, { headers: cookie ? { cookie } : {} });
}

beforeAll(async () => {
	server = await startServer(process.env.FUZZ_DATABASE_URL ? { DATABASE_URL: process.env.FUZZ_DATABASE_URL } : {});
	const keep = (d: Buffer) => {
		serverLog = (serverLog + d.toString()).slice(-20_000);
		if (process.env.FUZZ_SERVER_LOG) appendFileSync(process.env.FUZZ_SERVER_LOG, d);
	};
	server.child.stdout?.on('data', keep);
	server.child.stderr?.on('data', keep);
	const m = content().modules[0]!;
	const l = m.lessons[0]!;
	world.teacher = await signUpTeacherByPost(newTeacher('fuzz'), base());
	world.classId = await createClassByPost(world.teacher, 'Fuzz class', { base: base() });
	const co = newTeacher('fuzzco');
	world.coTeacher = await signUpTeacherByPost(co, base());
	expect((await postForm(`/teacher/classes/${world.classId}?/addCoTeacher`, { email: co.email }, { base: base(), cookie: world.teacher })).status).toBe(200);
	for (const target of [m.slug, `${m.slug}/${l.slug}`]) {
		const r = await postForm(`/teacher/classes/${world.classId}?/assign`, { target, due: '2030-01-01T10:00' }, { base: base(), cookie: world.teacher });
		expect(r.status).toBe(200);
	}
	const html = (await get(`/teacher/classes/${world.classId}`, world.teacher)).text;
	world.code = joinCodeIn(html)!;
	const assignments = [...new Set([...html.matchAll(/name="assignment" value="([0-9a-f-]{36})"/g)].map((x) => x[1]!))];
	world.assignmentId = assignments[0] ?? '';
	world.removableAssignmentId = assignments[1] ?? '';
	const student = newStudent('fuzz');
	world.studentUsername = student.username;
	world.studentPassword = student.password;
	world.student = await signUpWithCode(student, world.code, base());
	await signUpWithCode(newStudent('fuzz2'), world.code, base());
	await answerByPost(`/modules/${m.slug}/${l.slug}`, l.questions[0]!, true, world.student, base());
	const roster = (await get(`/teacher/classes/${world.classId}`, world.teacher)).text;
	const ids = [...roster.matchAll(new RegExp(`/teacher/classes/${world.classId}/students/([0-9a-f-]{36})`, 'g'))].map((x) => x[1]!);
	const me = JSON.parse((await get('/me/data/export.json', world.student)).text) as { user: { id: string } };
	world.studentId = me.user.id;
	world.student2Id = ids.find((id) => id !== me.user.id)!;
	// a written answer waiting in the class's grading queue, for the grade action's hints
	const wl = allLessons().find((x) => x.lesson.questions.some((q) => q.type === 'written'))!;
	const wq = wl.lesson.questions.find((q) => q.type === 'written')!;
	const wrote = await postForm(`${wl.path}?/write`, [['question', wq.id], ['idem', crypto.randomUUID()], ...answerFields(wq, true)], { base: base(), cookie: world.student });
	expect(wrote.status).toBe(200);
	const queue = (await get(`/teacher/classes/${world.classId}/grading`, world.teacher)).text;
	world.writtenAnswerId = /name="answer" value="([0-9a-f-]{36})"/.exec(queue)![1]!;
	world.writtenSubmitted = /name="submitted" value="([^"]+)"/.exec(queue)![1]!;
	expect(Object.values(world).every(Boolean), JSON.stringify(world)).toBe(true);
});

afterAll(() => {
	server?.child.kill('SIGTERM');
});

/** The server answers its home page and has not exited. */
async function expectUp(when: string) {
	expect(server.child.exitCode, `the server exited ${when}:\n${serverLog}`).toBeNull();
	const home = await get('/');
	expect(home.status, `GET / ${when}`).toBe(200);
}

/** Sends a case and judges every answer; throws (so fast-check shrinks it) on the first bad one. */
async function runCase(target: Target, c: Case) {
	for (const { url, init, sent } of requestsOf(target, c, base(), world)) {
		let answer: Answer;
		const t0 = performance.now();
		try {
			answer = await send(url, init);
			if (process.env.FUZZ_TRACE) appendFileSync(process.env.FUZZ_TRACE, `${new Date().toISOString()} ${Math.round(performance.now() - t0)}ms ${describe(sent, answer).slice(0, 600)}\n`);
		} catch (e) {
			if (process.env.FUZZ_TRACE) appendFileSync(process.env.FUZZ_TRACE, `${new Date().toISOString()} ${Math.round(performance.now() - t0)}ms FAILED ${describe(sent).slice(0, 600)}\n`);
			const cause = e instanceof Error && e.cause ? ` (${String(e.cause)})` : '';
			throw new Error(`no answer: ${describe(sent)}: ${String(e)}${cause}${server.child.exitCode !== null ? `\nthe server exited:\n${serverLog}` : ''}`, { cause: e });
		}
		const { status, problem } = judge(answer);
		stats.count(status);
		// the LTI entry points take cross-site posts by design (the judge still wants a 4xx with words);
		// kit's own 308 to an address's normal form comes before any hook and runs nothing (the
		// post it redirects to is checked in its turn)
		const normalized = answer.status === 308;
		if (c.shape.kind === 'cross-origin' && !normalized && !CROSS_SITE_ENTRIES.has(new URL(url).pathname) && (answer.status !== 403 || !answer.text.includes('Cross-site'))) {
			throw new Error(`a cross-origin post was not refused with 403: ${describe(sent, answer)}`);
		}
		if (problem) throw new Error(`${problem}: ${describe(sent, answer)}${status >= 500 ? `\nserver log:\n${serverLog.slice(-3000)}` : ''}`);
	}
}

const shortenedForTrace = (c: unknown) => JSON.parse(JSON.stringify(c, (_k, v: unknown) => (typeof v === 'string' && v.length > 300 ? `${v.slice(0, 300)}…` : v)));

async function runRaw(c: RawCase) {
	if (process.env.FUZZ_TRACE) appendFileSync(process.env.FUZZ_TRACE, `${new Date().toISOString()} RAW ${JSON.stringify(shortenedForTrace(c))}\n`);
	const { url, method, headers, chunks, sent } = rawRequest(c, base(), world);
	const answer = await rawAnswer(url, { method, headers, chunks });
	const { status, problem } = judge(answer);
	stats.count(status);
	if (problem) throw new Error(`${problem}: ${describe(sent, answer)}\nserver log:\n${serverLog.slice(-2000)}`);
}

// ---- running properties side by side ----

interface Job {
	name: string;
	runs: number;
	property: () => fc.IAsyncProperty<[unknown]>;
}

/** Long strings (a 100 KB value) shortened, so a counterexample stays readable. */
function shortened(v: unknown): unknown {
	if (typeof v === 'string') return v.length > 200 ? `${v.slice(0, 100)}…(${v.length} chars)` : v;
	if (Array.isArray(v)) return v.map(shortened);
	if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shortened(x)]));
	return v;
}

/** fast-check's report of a failed property: the shrunk counterexample, its error, and how to replay it. */
function report(run: fc.RunDetails<[unknown]>): string {
	const error = run.errorInstance instanceof Error ? run.errorInstance.message : String(run.errorInstance);
	return [
		`failed after ${run.numRuns} cases, shrunk ${run.numShrinks} times (replay: seed ${run.seed}, path "${run.counterexamplePath}")`,
		`counterexample: ${fc.stringify(shortened(run.counterexample))}`,
		`error: ${error.length > 4000 ? `${error.slice(0, 4000)}…` : error}`
	].join('\n');
}

async function runJobs(jobs: Job[]): Promise<string[]> {
	const failures: string[] = [];
	let next = 0;
	const worker = async () => {
		// after a failure, the jobs running finish (and shrink) but no new one starts
		while (next < jobs.length && (!failures.length || process.env.FUZZ_ALL)) {
			const i = next++;
			const job = jobs[i]!;
			// a fixed seed per job, so FUZZ_SEED replays the whole run; shrinking is cut short after a minute
			const run = await fc.check(job.property(), { seed: SEED + i, numRuns: job.runs, interruptAfterTimeLimit: 60_000 });
			if (run.failed) failures.push(`${job.name}: ${report(run)}`);
			try {
				await expectUp(`after fuzzing ${job.name}`);
			} catch (e) {
				failures.push(String(e));
			}
		}
	};
	await Promise.all(Array.from({ length: PARALLEL }, worker));
	return failures;
}

// ---- request-level hostile cases, one by one (counted with the fuzz cases) ----

/** Judges an answer like every fuzz case, counts it, and returns it. */
function checked(answer: Answer, what: string): Answer {
	const { status, problem } = judge(answer);
	stats.count(status);
	expect(problem, `${what} → HTTP ${answer.status}: ${answer.text.slice(0, 300)}`).toBeNull();
	return answer;
}

/** A form that would change something, for each action, as its rightful user would send it. */
function validForm(t: Target): [string, string][] {
	const m = content().modules[0]!;
	const q = m.lessons[0]!.questions[0]!;
	const answer: [string, string][] = [['question', q.id], ...answerFields(q, true), ['idem', crypto.randomUUID()]];
	const forms: Record<string, [string, string][]> = {
		'/modules/[module]/[lesson]?/answer': answer,
		'/me/review?/answer': answer,
		'/signup?/default': Object.entries({ displayName: 'Evil Student', username: `evil-${Date.now()}`, password: 'evil password 1234', code: world.code }),
		'/teacher/signup?/default': Object.entries({ displayName: 'Evil Teacher', email: `evil-${Date.now()}@evil.example`, password: 'evil password 1234' }),
		'/login?/default': Object.entries({ username: world.studentUsername, password: world.studentPassword }),
		'/join?/default': [['code', world.code]],
		'/me/data?/delete': [['confirm', world.studentUsername]],
		'/teacher?/create': Object.entries({ name: 'Evil class', section: '', timeZone: 'UTC' }),
		'/teacher/classes/[class]?/removeStudent': [['student', world.student2Id]],
		'/teacher/classes/[class]?/assign': Object.entries({ target: content().modules[1]!.slug, due: '' }),
		'/teacher/classes/[class]?/updateDue': Object.entries({ assignment: world.assignmentId, due: '2031-02-03T04:05' }),
		'/teacher/classes/[class]?/removeAssignment': [['assignment', world.assignmentId]],
		'/teacher/classes/[class]?/counting': [['counting', 'latest']]
	};
	return forms[t.key] ?? [];
}

/** The identity an action is for; anyone-actions as the student, so that a forged logout would show. */
const ownerOf = (t: Target): Identity => (allowed(t.access).includes('student') ? 'student' : allowed(t.access)[0]!);
const cookieFor = (id: Identity): Record<string, string> =>
	id === 'student' ? { cookie: world.student } : id === 'teacher' ? { cookie: world.teacher } : id === 'co-teacher' ? { cookie: world.coTeacher } : {};
const actionPath = (t: Target) => {
	const m = content().modules[0]!;
	const path = t.route.replace('[class]', world.classId).replace('[module]', m.slug).replace('[lesson]', m.lessons[0]!.slug);
	return t.action === 'default' ? path : `${path}?/${t.action}`;
};
const formTargets = () => targets().filter((t) => t.kind === 'action');
/** the actions that read their form (signing out and the join-code buttons do not) */
const readsForm = (t: Target) =>
	!['/logout?/default', '/teacher/classes/[class]?/resetCode', '/teacher/classes/[class]?/disableCode', '/teacher/classes/[class]?/archive', '/teacher/classes/[class]?/restore'].includes(t.key);

/** Everything a forged post could change: the class and its roster, the teacher's classes, the student's data and session. */
async function snapshot() {
	const pages = await Promise.all([
		get('/teacher', world.teacher),
		get(`/teacher/classes/${world.classId}`, world.teacher),
		get(`/teacher/classes/${world.classId}/answers.csv`, world.teacher),
		get('/me/data/export.json', world.student)
	]);
	for (const p of pages) expect(p.status).toBe(200);
	return pages.map((p) => unchanging(p.text));
}

group('hostile requests, one by one', () => {
	test('cross-origin form posts, in every content type spelling, are refused 403 and change nothing', async () => {
		const before = await snapshot();
		for (const t of formTargets()) {
			const fields = validForm(t);
			for (const contentType of crossOriginContentTypes) {
				const body = /multipart/i.test(contentType) ? manualMultipart(fields) : /text\/plain/i.test(contentType) ? plainText(fields) : urlencoded(fields);
				for (const origin of ['http://evil.example', 'null', null]) {
					const what = `POST ${t.key} from ${origin} as ${contentType}`;
					const init = { method: 'POST', headers: { ...cookieFor(ownerOf(t)), 'content-type': contentType, ...(origin ? { origin } : {}) }, body };
					const answer = checked(await send(`${base()}${actionPath(t)}`, init), what);
					if (CROSS_SITE_ENTRIES.has(new URL(actionPath(t), 'http://x').pathname)) {
						// an LMS posts its LTI login and launch from its own site: refused for what they carry (no registered LMS, no signed token), never for where they come from
						expect(answer.status, what).toBeGreaterThanOrEqual(400);
						expect(answer.status, what).toBeLessThan(500);
						expect(answer.text, what).not.toContain('Cross-site POST form submissions are forbidden');
						continue;
					}
					expect(answer.status, what).toBe(403);
					expect(answer.text, what).toContain('Cross-site POST form submissions are forbidden');
				}
			}
		}
		expect(await snapshot()).toEqual(before);
	});

	test('a body over the size limit is refused 413 with words by every action that reads its form', async () => {
		const big = Buffer.from(`name=${'x'.repeat(SIZE_LIMIT + 1)}`);
		for (const t of formTargets().filter(readsForm)) {
			for (const chunked of [false, true]) {
				for (const enhanced of [false, true]) {
					const what = `POST ${t.key} with ${big.length} bytes${chunked ? ', chunked' : ''}${enhanced ? ', enhanced' : ''}`;
					const headers = {
						...cookieFor(ownerOf(t)),
						origin: base(),
						'content-type': 'application/x-www-form-urlencoded',
						...enhancedHeaders(enhanced),
						...(chunked ? { 'transfer-encoding': 'chunked' } : { 'content-length': String(big.length) })
					};
					const answer = checked(await rawAnswer(`${base()}${actionPath(t)}`, { method: 'POST', headers, chunks: chunked ? [big.subarray(0, 300_000), big.subarray(300_000)] : [big] }), what);
					// an action answers an enhanced post with a JSON result (HTTP 200, the status inside); a POST endpoint, as it is
					const status = enhanced && t.kind === 'action' && !t.key.startsWith('POST ') ? (JSON.parse(answer.text) as { status?: number }).status ?? answer.status : answer.status;
					expect(status, what).toBe(413);
					expect(searchable(answer.text), what).toContain('The form is too large to send');
				}
			}
		}
	});

	test('a body that is not a form (text/plain, a broken multipart body, the binary form type) is a 400 with words', async () => {
		const bodies: [string, string][] = [
			['text/plain', 'name=value'],
			['TEXT/PLAIN; charset=UTF-8', 'name=value'],
			['multipart/form-data', '--x\r\n'],
			['multipart/form-data; boundary=nope', 'garbage'],
			['Multipart/Form-Data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb'],
			['application/x-sveltekit-formdata', 'a=b']
		];
		for (const t of formTargets().filter(readsForm)) {
			for (const [contentType, body] of bodies) {
				const what = `POST ${t.key} as ${contentType}`;
				const answer = checked(await send(`${base()}${actionPath(t)}`, { method: 'POST', headers: { ...cookieFor(ownerOf(t)), origin: base(), 'content-type': contentType, accept: ACCEPT_HTML }, body }), what);
				expect(answer.status, what).toBe(400);
				expect(searchable(answer.text), what).toContain('could not be read');
			}
		}
	});

	test('form action names SvelteKit cannot handle are 404 with words, also on an address that does not decode', async () => {
		for (const name of ['default', '__proto__', 'constructor', 'valueOf', 'hasOwnProperty']) {
			for (const path of [`/login?/${name}`, `/teacher/classes/${world.classId}?/${name}`, `/sources/%ED%A0%80?/${name}`]) {
				for (const enhanced of [false, true]) {
					const what = `POST ${path}${enhanced ? ' enhanced' : ''}`;
					const answer = checked(await rawAnswer(`${base()}${path}`, { method: 'POST', headers: { ...cookieFor('teacher'), origin: base(), 'content-type': 'application/x-www-form-urlencoded', 'content-length': '3', ...enhancedHeaders(enhanced) }, chunks: ['a=b'] }), what);
					expect(answer.status, what).toBe(404);
					expect(answer.text, what).toContain('This page has no form action with that name');
				}
			}
		}
		// a thrown error in the hook on an address that does not decode once stopped the server
		await expectUp('after odd action names');
	});

	test('fields named __proto__ or constructor are just fields', async () => {
		const t = formTargets().find((x) => x.key === '/modules/[module]/[lesson]?/answer')!;
		for (const name of ['__proto__', 'constructor', 'toString']) {
			const answer = checked(await send(`${base()}${actionPath(t)}`, { method: 'POST', headers: { origin: base(), 'content-type': 'application/x-www-form-urlencoded', ...enhancedHeaders(true) }, body: urlencoded([...validForm(t), [name, 'x']]) }), name);
			expect(JSON.parse(answer.text), name).toMatchObject({ type: 'success' });
		}
	});

	test('a large body answered without being read does not leave the connection hanging', async () => {
		const agent = new Agent({ keepAlive: true, maxSockets: 1 });
		try {
			const body = Buffer.from(`name=${'x'.repeat(300_000)}`);
			for (const [method, path] of [['POST', '/teacher?/create'], ['POST', '/login?/default'], ['PUT', '/login'], ['POST', '/me/data/export.json']]) {
				const headers = { origin: base(), 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length) };
				checked(await rawAnswer(`${base()}${path}`, { method: method!, headers, chunks: [body], agent }), `${method} ${path} with 300 KB`);
				// the next request on the same kept-alive connection
				const next = checked(await rawAnswer(`${base()}/`, { method: 'GET', headers: {}, chunks: [], agent, timeout: 5000 }), `GET / after ${method} ${path}`);
				expect(next.status).toBe(200);
			}
		} finally {
			agent.destroy();
		}
	});

	test('a GET with a body gets its whole page (the unread body used to reset the connection)', async () => {
		const body = Buffer.from(`=${'%20'.repeat(100_000)}`);
		const headers = { ...cookieOf(world, 'student'), 'content-type': 'application/x-www-form-urlencoded', 'content-length': String(body.length), accept: 'text/html' };
		for (let i = 0; i < 30; i++) {
			const answer = checked(await rawAnswer(`${base()}/glossary`, { method: 'GET', headers, chunks: [body] }), `GET /glossary with a body, try ${i + 1}`);
			expect(answer.status).toBe(200);
			expect(answer.text).toContain('</html>');
		}
	});

	test('page data asked of a download is a 404 with words', async () => {
		for (const path of ['/me/data/export.csv/__data.json', `/teacher/classes/${world.classId}/gradebook.csv/__data.json`]) {
			const answer = checked(await get(path, world.teacher), path);
			expect(answer.status).toBe(404);
			expect(answer.text).toContain('There is nothing at this address.');
		}
	});
});

group('fuzzing every form action, endpoint and page', () => {
	test('the field hints name real targets and real identities', () => {
		const keys = new Set(targets().map((t) => t.key));
		for (const key of [...Object.keys(hints), ...Object.keys(queryHints), ...Object.keys(destructive)]) expect(keys, `hint for ${key}`).toContain(key);
	});

	test('≥ 10 000 random and hostile requests: never a 5xx, always a readable message, the server stays up', { timeout: Math.max(240_000, CASES * 20) }, async () => {
		const started = performance.now();
		const all = targets();
		const jobs: Job[] = [];
		/** the identity that passes a target's guard gets three times the cases of the others */
		const weighted = all.flatMap((t) =>
			(['anonymous', 'student', 'teacher', 'co-teacher', 'forged'] as const)
				.filter((id) => !destructive[t.key]?.includes(id))
				.map((id) => ({ t, id, weight: (allowed(t.access).includes(id) ? 3 : 1) * (t.kind === 'page' ? 1 : 2) * (id === 'forged' ? 0.5 : 1) }))
		);
		const rawShare = 0.06;
		const total = weighted.reduce((n, w) => n + w.weight, 0);
		for (const { t, id, weight } of weighted) {
			const runs = Math.max(5, Math.round(((CASES * (1 - rawShare)) / 1.04) * (weight / total)));
			jobs.push({ name: `${t.key} as ${id}`, runs, property: () => fc.asyncProperty(caseOf(t, id, world), (c) => runCase(t, c)) as fc.IAsyncProperty<[unknown]> });
		}
		jobs.push({ name: 'GET with a body, bodies over the size limit, malformed addresses', runs: Math.round(CASES * rawShare), property: () => fc.asyncProperty(rawCase(all, world), runRaw) as fc.IAsyncProperty<[unknown]> });
		// the slow ones first, so the pool ends together
		jobs.sort((a, b) => b.runs - a.runs);

		const failures = await runJobs(jobs);
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		console.log(`fuzz: ${stats.cases} cases over ${all.length} targets, ${stats.fiveHundreds} 5xx, statuses ${stats.summary()} in ${seconds} s (seed ${SEED}, FUZZ_SEED to replay)`);
		expect(failures, failures.join('\n\n')).toEqual([]);
		await expectUp('at the end');
		expect(stats.fiveHundreds).toBe(0);
		expect(stats.cases).toBeGreaterThanOrEqual(CASES >= 10_600 ? 10_000 : 0);
	});
});
