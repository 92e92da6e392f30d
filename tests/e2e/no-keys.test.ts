/**
 * Answer keys, explanations and cited quotes live only on the server: no lesson page, no
 * __data.json and no file of the client build may hold them, until the student answers.
 * Each check also proves it can see what it looks for (the answer response, the server build).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { unflatten } from 'devalue';
import { describe, expect, test } from 'vitest';
import { allLessons, answerFields, autoGraded, baseURL, leaks, newStudent, postAnswer, postForm, searchable, secrets, shownSources, signUpByPost, type QuestionOf } from './content';

const lessons = allLessons();
const allSecrets = secrets();

/** Every key as it would be written in the lesson YAML or serialised as JSON, e.g. `answers: [a, b]`, `"answer":"a"`. */
function keyForms() {
	return lessons.flatMap(({ lesson }) =>
		lesson.questions.flatMap((q) => {
			// ordering, matching and find-evidence keys are checked by shape below (shuffled, lettered, no ids)
			if (q.type !== 'single' && q.type !== 'multiple' && q.type !== 'true-false' && q.type !== 'numeric' && q.type !== 'two-part') return [];
			const field = q.type === 'multiple' ? 'answers' : 'answer';
			const value = q.type === 'multiple' ? q.answers : q.answer;
			const yaml = Array.isArray(value) ? `${field}: [${value.join(', ')}]` : `${field}: ${String(value)}`;
			return { question: q.id, forms: [yaml, `"${field}":${JSON.stringify(value)}`, `${field}:${JSON.stringify(value)}`] };
		})
	);
}

function findLeaks(where: string, text: string) {
	const haystack = searchable(text);
	return allSecrets.flatMap((s) => leaks(haystack, s).map((slice) => `${where}: ${s.question} ${s.what}: "${slice}"`));
}

test('every explanation and quote has a slice that the public text does not contain', () => {
	// without one the searches below could not tell a leak from the lesson's own prose
	expect(allSecrets.filter((s) => s.slices.length === 0).map((s) => `${s.question} ${s.what}`)).toEqual([]);
	expect(allSecrets.length).toBeGreaterThan(0);
});

const publicFields: Record<string, string[]> = {
	single: ['choices', 'id', 'prompt', 'type'],
	multiple: ['choices', 'id', 'prompt', 'type'],
	'true-false': ['choices', 'id', 'prompt', 'type'],
	numeric: ['id', 'prompt', 'type', 'unit'],
	ordering: ['id', 'items', 'prompt', 'type'],
	matching: ['id', 'left', 'options', 'prompt', 'type'],
	'find-evidence': ['id', 'paragraphs', 'prompt', 'source', 'type'],
	'two-part': ['choices', 'id', 'paragraphs', 'partB', 'prompt', 'source', 'type'],
	written: ['articles', 'id', 'limits', 'prompt', 'rubric', 'type']
};

type DataNode = { type: string; data?: unknown[] } | null;

async function lessonData(path: string) {
	const res = await fetch(`${baseURL()}${path}/__data.json`);
	expect(res.status).toBe(200);
	const text = await res.text();
	const json = JSON.parse(text) as { type: string; nodes: DataNode[] };
	const nodes = json.nodes.map((n) => (n?.type === 'data' && n.data ? (unflatten(n.data) as Record<string, unknown>) : null));
	return { text, nodes };
}

describe('lesson pages hold no answer, explanation or quote before an answer', () => {
	test.each(lessons.map((l) => [l.path, l] as const))('%s (HTML and __data.json)', async (path, ref) => {
		const html = await fetch(`${baseURL()}${path}`);
		expect(html.status).toBe(200);
		const page = await html.text();
		// the page does show the questions, so an empty or wrong page cannot pass
		for (const q of ref.lesson.questions) expect(searchable(page)).toContain(searchable(q.prompt));
		const data = await lessonData(path);
		expect([...findLeaks(`${path} HTML`, page), ...findLeaks(`${path}/__data.json`, data.text)]).toEqual([]);

		// the public questions carry exactly the fields of their type's public part
		const pageNode = data.nodes.find((n) => n && 'questions' in n);
		expect(pageNode, 'no node of __data.json holds the questions').toBeTruthy();
		const questions = pageNode!.questions as Record<string, unknown>[];
		expect(questions.map((q) => q.id)).toEqual(ref.lesson.questions.map((q) => q.id));
		for (const [i, q] of questions.entries()) {
			const authored = ref.lesson.questions[i]!;
			const fields = publicFields[authored.type]!.filter((f) => f !== 'unit' || (authored.type === 'numeric' && authored.unit));
			expect(Object.keys(q).sort()).toEqual(fields);
			const listed = (q.choices ?? q.items ?? q.left ?? []) as Record<string, unknown>[];
			for (const c of listed) expect(Object.keys(c).sort()).toEqual(['id', 'text']);
			if (authored.type === 'ordering') {
				// shown in an order that is not the answer
				expect(listed.map((c) => c.id)).not.toEqual(authored.items.map((x) => x.id));
			}
			if (authored.type === 'matching') {
				// the right-hand side is named by letters, never by the pair it belongs to
				const options = q.options as { id: string; text: string }[];
				expect(options.map((o) => o.id)).toEqual(options.map((_, k) => 'abcdefgh'[k]));
				expect(options.map((o) => o.text)).not.toEqual(authored.pairs.map((p) => p.right));
			}
			if (authored.type === 'find-evidence' || authored.type === 'two-part') {
				// every body sentence of the article, the proving one among them, none marked
				const sentences = (q.paragraphs as { sentences: Record<string, unknown>[] }[]).flatMap((p) => p.sentences);
				for (const s of sentences) expect(Object.keys(s).sort()).toEqual(['id', 'text']);
				const key = authored.proving.flatMap((p) => p.sentenceIds);
				expect(sentences.map((s) => s.id)).toEqual(expect.arrayContaining(key));
				expect(sentences.length).toBeGreaterThan(10);
			}
		}
		for (const k of keyForms()) for (const form of k.forms) expect(searchable(data.text)).not.toContain(form);
	});

	test.each(lessons.map((l) => [l.path, l] as const))('%s: answering returns the explanation and quote', async (path, ref) => {
		// a written answer is not checked at once: see the written test below
		for (const q of ref.lesson.questions.filter(autoGraded)) {
			const mine = allSecrets.filter((s) => s.question === q.id);
			const res = await postAnswer(path, [['question', q.id], ...answerFields(q, true)]);
			expect(res.status, `${q.id}: ${/role="alert"[^<]*</.exec(res.text)?.[0] ?? ''}`).toBe(200);
			const body = searchable(res.text);
			expect(mine.length).toBe(1 + q.cite.filter((c) => !shownSources().has(c.source)).length);
			for (const s of mine) expect(s.slices.filter((slice) => !body.includes(slice)), `${q.id} ${s.what}`).toEqual([]);
		}
	});

	test.each(lessons.map((l) => [l.path, l] as const))(
		'%s: after one answer, the page shows that explanation again and no other',
		async (path, ref) => {
			const [answered, ...others] = ref.lesson.questions;
			const post = await postAnswer(path, [
				['question', answered!.id],
				...answerFields(answered!, true)
			]);
			expect(post.status).toBe(200);
			expect(post.cookie, 'the answer response set no cookie').not.toBe('');
			const page = await fetch(`${baseURL()}${path}`, { headers: { cookie: post.cookie } });
			const data = await fetch(`${baseURL()}${path}/__data.json`, { headers: { cookie: post.cookie } });
			for (const [where, text] of [
				['HTML', searchable(await page.text())],
				['__data.json', searchable(await data.text())]
			] as const) {
				const mine = allSecrets.filter((s) => s.question === answered!.id);
				for (const s of mine) expect(leaks(text, s), `${where}: ${s.what} of ${answered!.id}`).toEqual(s.slices);
				const rest = allSecrets.filter((s) => others.some((q) => q.id === s.question));
				expect(rest.flatMap((s) => leaks(text, s).map((slice) => `${where}: ${s.question} ${s.what}: "${slice}"`))).toEqual([]);
			}
		}
	);
});

/** Every file under dir, with gzip and brotli copies decompressed. */
function* files(dir: string): Generator<{ path: string; text: string }> {
	for (const name of readdirSync(dir)) {
		const path = join(dir, name);
		if (statSync(path).isDirectory()) {
			yield* files(path);
			continue;
		}
		const raw = readFileSync(path);
		const bytes = name.endsWith('.gz') ? gunzipSync(raw) : name.endsWith('.br') ? brotliDecompressSync(raw) : raw;
		yield { path, text: bytes.toString('utf8') };
	}
}

describe('the client build holds no answer, explanation or quote', () => {
	test.each(['build/client', '.svelte-kit/output/client'])('%s', (dir) => {
		const all = [...files(dir)];
		expect(all.filter((f) => f.path.endsWith('.js')).length).toBeGreaterThan(0);
		// adapter-node precompresses build/client: those .gz/.br copies are decompressed and searched too
		if (dir === 'build/client') expect(all.some((f) => /\.js\.(gz|br)$/.test(f.path))).toBe(true);
		const found = all.flatMap((f) => findLeaks(f.path, f.text));
		expect(found).toEqual([]);
		const keys = all.flatMap((f) => {
			const text = searchable(f.text);
			return keyForms().flatMap((k) => k.forms.filter((form) => text.includes(form)).map((form) => `${f.path}: ${k.question}: ${form}`));
		});
		expect(keys).toEqual([]);
	});

	test('the same search finds every secret in the server build (so the check above can fail)', () => {
		const server = [...files('build/server')].map((f) => searchable(f.text)).join('\n');
		const missing = allSecrets.flatMap((s) =>
			s.slices
				.filter((slice) => !server.includes(slice))
				.map((slice) => `${s.question} ${s.what}: "${slice}"`)
		);
		expect(missing).toEqual([]);
		// and it finds the keys there in their YAML form
		const yamlMissing = keyForms().filter((k) => !server.includes(k.forms[0]!));
		expect(yamlMissing).toEqual([]);
	});

	const writtenLessons = lessons.filter((l) => l.lesson.questions.some((q) => q.type === 'written'));
	test.each(writtenLessons.map((l) => [l.path, l] as const))(
		'%s: a written question’s model answer and explanation appear only once a student in no class has submitted',
		async (path, ref) => {
			const q = ref.lesson.questions.find((x): x is QuestionOf<'written'> => x.type === 'written')!;
			const mine = allSecrets.filter((s) => s.question === q.id);
			expect(mine.map((s) => s.what)).toEqual(expect.arrayContaining(['explanation', 'model answer']));
			const cookie = await signUpByPost(newStudent('nk'), baseURL());
			const text = async () => searchable((await fetch(`${baseURL()}${path}`, { headers: { cookie } }).then((r) => r.text())) + (await fetch(`${baseURL()}${path}/__data.json`, { headers: { cookie } }).then((r) => r.text())));
			const before = await text();
			expect(mine.flatMap((s) => leaks(before, s)), 'before writing').toEqual([]);
			// a draft is not a submission
			const fields = answerFields(q, true);
			const draft = await postForm(`${path}?/write`, [['question', q.id], ['idem', crypto.randomUUID()], ...fields.map(([k, v]): [string, string] => [k, k === 'intent' ? 'draft' : v])], { cookie });
			expect(draft.status).toBe(200);
			expect(mine.flatMap((s) => leaks(searchable(draft.text), s)), 'the draft response').toEqual([]);
			const drafted = await text();
			expect(mine.flatMap((s) => leaks(drafted, s)), 'after a draft').toEqual([]);
			const submit = await postForm(`${path}?/write`, [['question', q.id], ['idem', crypto.randomUUID()], ...fields], { cookie });
			expect(submit.status).toBe(200);
			const after = await text();
			for (const s of mine.filter((x) => x.what === 'explanation' || x.what === 'model answer')) expect(leaks(after, s), `${s.what} after submitting`).toEqual(s.slices);
			// and no other question's secrets
			expect(allSecrets.filter((s) => s.question !== q.id && ref.lesson.questions.some((x) => x.id === s.question)).flatMap((s) => leaks(after, s))).toEqual([]);
		}
	);
});
