/** "Download my data": everything stored about a student, as JSON and as CSV. */
import type { Kysely } from 'kysely';
import { toCsv } from './csv';
import { exportUserData } from './db/export';
import type { Database } from './db/schema';
import { changedReading } from '$lib/reading';
import { accountReading } from './reading';

export async function dataAsJson(db: Kysely<Database>, userId: string) {
	const data = await exportUserData(db, userId);
	return {
		exportedAt: new Date().toISOString(),
		...data,
		user: data.user && { ...data.user, reading_settings: chosenReading(data.user.reading_settings) },
		answers: data.answers.map((a) => ({ ...a, answer: JSON.parse(a.answer) as unknown, correct: a.correct === 1 })),
		writtenAnswers: data.writtenAnswers.map((a) => ({ ...a, draft: parsed(a.draft), submitted: parsed(a.submitted) })),
		writtenVersions: data.writtenVersions.map((v) => ({ ...v, content: parsed(v.content) })),
		writtenGrades: data.writtenGrades.map((g) => ({ ...g, scores: parsed(g.scores) }))
	};
}

const parsed = (json: string | null): unknown => (json === null ? null : JSON.parse(json));

/** A written answer's parts as CSV cells. */
function writtenCells(json: string | null): string[] {
	if (json === null) return [];
	const c = JSON.parse(json) as { claim: string; evidence: string[]; reasoning: string };
	return [`claim=${c.claim}`, `evidence=${c.evidence.join(' ')}`, `reasoning=${c.reasoning}`];
}

/** The settings that differ from the defaults: `{ size: 'larger' }`, `{}` (the defaults, chosen), or null (never chosen). */
const chosenReading = (json: string | null) => (json ? changedReading(accountReading(json)) : null);

/** `{"size":"larger","theme":"contrast"}` → `size larger, theme contrast`; `{}` → `the defaults` */
const readingWords = (json: string): string =>
	Object.entries(chosenReading(json) ?? {})
		.map(([k, v]) => `${k} ${v}`)
		.join(', ') || 'the defaults';

/** One CSV with a row per stored record; the `record` column says which kind. */
export async function dataAsCsv(db: Kysely<Database>, userId: string): Promise<string> {
	const d = await exportUserData(db, userId);
	const rows: (string | number | null)[][] = [];
	if (d.user) {
		rows.push([
			'account',
			d.user.created_at,
			`username=${d.user.username ?? ''}`,
			`name=${d.user.display_name}`,
			`time zone=${d.user.time_zone}`,
			d.user.password_reset_at ? `password set with a code=${d.user.password_reset_at} by ${d.user.password_reset_by ?? ''}`.trim() : '',
			d.user.reading_settings ? `reading settings=${readingWords(d.user.reading_settings)}` : ''
		]);
	}
	for (const s of d.sessions) rows.push(['session', s.created_at, `expires=${s.expires_at}`, `last seen=${s.last_seen_at ?? ''}`, '', '', '']);
	for (const m of d.memberships) rows.push(['class', m.joined_at, m.class_name, m.section ?? '', '', '', '']);
	for (const a of d.answers) rows.push(['answer', a.created_at, a.lesson, a.question_id, a.answer, a.correct ? 'right' : 'wrong', a.points]);
	for (const c of d.passwordCodes) {
		rows.push(['one-time code', c.created_at, c.purpose, `made by=${c.created_by_name}`, `expires=${c.expires_at}`, `used=${c.used_at ?? ''}`, '']);
	}
	for (const w of d.writtenAnswers) {
		const state = w.graded_at ? `graded=${w.graded_at}` : w.submitted ? 'waiting for grading' : 'draft only';
		rows.push(['written answer', w.created_at, `${w.lesson} ${w.question_id}`, `submitted=${writtenCells(w.submitted).join(' | ')}`, `draft=${writtenCells(w.draft).join(' | ')}`, state, `id=${w.id}`]);
	}
	for (const v of d.writtenVersions) rows.push([`written ${v.kind} (version)`, v.created_at, `answer=${v.answer_id}`, ...writtenCells(v.content), '']);
	for (const g of d.writtenGrades) {
		rows.push(['teacher’s grade', g.created_at, `answer=${g.answer_id}`, `points=${g.total}/${g.max}`, `scores=${g.scores}`, `comment=${g.comment}`, `by=${g.grader_name}`]);
	}
	for (const a of d.lmsAccounts) rows.push(['LMS account', a.created_at, `issuer=${a.issuer}`, `LMS user id=${a.subject}`, '', '', '']);
	for (const c of d.lmsCourses) rows.push(['LMS course', c.joined_at, `course=${c.context_id}`, `platform=${c.platform_id}`, '', '', '']);
	for (const c of d.lmsLaunchCodes) rows.push(['LMS launch', c.expires_at, `opens=${c.target || 'the course'}`, `used=${c.used_at ?? ''}`, '', '', '']);
	for (const g of d.lmsGradeColumns) rows.push(['LMS grade column', g.created_at, g.target, g.lineitem_url, `course=${g.context_id}`, `LMS user id=${g.subject}`, `id=${g.id}`]);
	for (const o of d.lmsScores) {
		rows.push(['score for an LMS', o.created_at, `column=${o.link_id}`, `score=${o.score_given}/${o.score_maximum}`, `${o.activity_progress}, ${o.grading_progress}`, o.sent_at ? `sent=${o.sent_at}` : `waiting, tries=${o.attempts}`, o.last_error ?? '']);
	}
	for (const c of d.attemptCounters) rows.push(['attempt counter', c.window_start, c.what, `count=${c.count}`, c.key, '', '']);
	return toCsv(['record', 'time', 'detail 1', 'detail 2', 'detail 3', 'detail 4', 'detail 5'], rows);
}
