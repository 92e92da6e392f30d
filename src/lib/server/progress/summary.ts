/** Where a student stands: per lesson and module, from their answers and the course content. */
import type { Module } from '$lib/content/load';

export interface AnswerRow {
	lesson: string;
	questionId: string;
	correct: boolean;
	at: string;
	/** a written answer: answered, scored by a teacher, never "missed" here */
	written?: boolean;
}

export interface LessonProgress {
	slug: string;
	title: string;
	href: string;
	total: number;
	answered: number;
	done: boolean;
	/** share of questions whose latest answer is right */
	latest: number;
	/** share of questions answered right at least once */
	best: number;
	missed: number;
	lastAt: string | null;
}

export interface ModuleProgress {
	slug: string;
	title: string;
	lessons: LessonProgress[];
	lessonsDone: number;
	/** answered questions / all questions of the module */
	share: number;
}

export function summarize(modules: readonly Module[], rows: readonly AnswerRow[]) {
	const sorted = [...rows].sort((a, b) => a.at.localeCompare(b.at));
	const out: ModuleProgress[] = modules.map((m) => {
		const lessons = m.lessons.map((l): LessonProgress => {
			const key = `${m.slug}/${l.slug}`;
			const ids = new Set(l.questions.map((q) => q.id));
			const mine = sorted.filter((r) => r.lesson === key && ids.has(r.questionId));
			const latest = new Map<string, boolean>();
			const everRight = new Set<string>();
			const written = new Set<string>();
			for (const r of mine) {
				latest.set(r.questionId, r.correct);
				if (r.correct) everRight.add(r.questionId);
				if (r.written) written.add(r.questionId);
			}
			const total = l.questions.length;
			const right = [...latest.values()].filter(Boolean).length;
			return {
				slug: l.slug,
				title: l.title,
				href: `/modules/${m.slug}/${l.slug}`,
				total,
				answered: latest.size,
				done: latest.size === total,
				latest: total ? right / total : 0,
				best: total ? everRight.size / total : 0,
				missed: latest.size - right - [...written].filter((id) => !latest.get(id)).length,
				lastAt: mine.at(-1)?.at ?? null
			};
		});
		const total = lessons.reduce((n, l) => n + l.total, 0);
		return {
			slug: m.slug,
			title: m.title,
			lessons,
			lessonsDone: lessons.filter((l) => l.done).length,
			share: total ? lessons.reduce((n, l) => n + l.answered, 0) / total : 0
		};
	});
	const all = out.flatMap((m) => m.lessons);
	const recent = [...all].filter((l) => l.lastAt).sort((a, b) => b.lastAt!.localeCompare(a.lastAt!))[0];
	// continue: the most recent lesson if unfinished, else the first unfinished lesson after it
	let next = recent && !recent.done ? recent : undefined;
	if (!next) {
		const from = recent ? all.indexOf(recent) + 1 : 0;
		next = all.slice(from).find((l) => !l.done) ?? all.find((l) => !l.done);
	}
	return { modules: out, started: Boolean(recent), continueWith: next ?? null };
}
