import { error } from '@sveltejs/kit';
import { findLessonBySlug, findModule, publicQuestion } from '$lib/server/content';
import { skillNames } from '$lib/server/content/guide';
import { lessonsOfTarget } from '$lib/server/content/assignments';
import { assignmentsOf, roster } from '$lib/server/db/classes';
import { answersOfClass } from '$lib/server/db/gradebook';
import { choiceTypes, shownKey } from '$lib/questions/registry';
import { layoutBars } from '$lib/server/reports/chart';
import { choiceTexts, givenIds, keyTexts, teacherClass, toAttempt, writtenAttempts } from '$lib/server/reports/class-data';
import { assignedLessons } from '$lib/server/reports/gradebook';
import { analyseItems, answerDistribution, choiceDistribution, countedAttempt, countingSentence, GROUP_SHARE } from '$lib/server/reports/item-analysis';
import { formatInZone } from '$lib/time-zone';
import type { PageServerLoad } from './$types';


export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, cls } = await teacherClass(locals, url, params.class);
	const lesson = findLessonBySlug(params.lesson);
	if (!lesson) error(404, { message: 'There is no lesson at this address.' });
	const key = `${lesson!.module}/${lesson!.slug}`;
	const [members, assignments, answers, written] = await Promise.all([
		roster(db, cls.id),
		assignmentsOf(db, cls.id),
		answersOfClass(db, cls.id, [key]),
		writtenAttempts(db, cls.id, [key])
	]);
	const assigned = assignedLessons(assignments, lessonsOfTarget).find((l) => l.key === key);

	const attempts = answers.map((a) => ({ ...toAttempt(a), answer: a.answer }));
	// written answers count once scored, by their rubric points over the maximum (a scaled item)
	const scaled = new Set(lesson!.questions.filter((q) => q.type === 'written').map((q) => q.id));
	const stats = analyseItems(
		lesson!.questions.map((q) => q.id),
		[...attempts, ...written],
		cls.counting,
		scaled
	);

	const questions = lesson!.questions.map((q, i) => {
		const s = stats[i]!;
		if (q.type === 'written') {
			const mine = written.filter((w) => w.questionId === q.id);
			const scored = mine.flatMap((w) => (w.grade ? [JSON.parse(w.grade.scores) as Record<string, number>] : []));
			// per criterion, how many scored answers reached each level
			const criteria = q.rubric.map((c) => {
				const counts = c.levels.map((l) => ({
					id: `${c.id}-${l.points}`,
					text: `${l.points} point${l.points === 1 ? '' : 's'}: ${l.text}`,
					right: false,
					count: scored.filter((sc) => sc[c.id] === l.points).length,
					share: 0
				}));
				for (const x of counts) x.share = scored.length ? x.count / scored.length : 0;
				return { id: c.id, name: c.name, levels: counts, chart: layoutBars(counts) };
			});
			const empty = { students: 0, choices: [] };
			return {
				n: i + 1,
				id: q.id,
				prompt: q.prompt,
				skill: skillNames[q.skill],
				multiple: false,
				key: keyTexts(q),
				...s,
				written: { waiting: mine.filter((w) => w.waiting).length, scored: scored.length, criteria },
				distribution: empty,
				chart: layoutBars([])
			};
		}
		// each student's counted attempt at this question: what they chose
		const byStudent = new Map<string, typeof attempts>();
		for (const a of attempts) {
			if (a.questionId !== q.id) continue;
			const list = byStudent.get(a.studentId);
			if (list) list.push(a);
			else byStudent.set(a.studentId, [a]);
		}
		const given = [...byStudent.values()].map((list) => givenIds(q, countedAttempt(list, cls.counting)!.answer));
		const pub = publicQuestion(q);
		const distribution =
			'choices' in pub && choiceTypes.includes(q.type)
				? choiceDistribution(pub.choices, shownKey(q), given)
				: answerDistribution(keyTexts(q).join('; '), given.map((g) => choiceTexts(q, g).join('; ')));
		return {
			n: i + 1,
			id: q.id,
			prompt: q.prompt,
			skill: skillNames[q.skill],
			multiple: q.type === 'multiple',
			key: keyTexts(q),
			...s,
			written: null,
			distribution,
			chart: layoutBars(distribution.choices)
		};
	});

	return {
		klass: { id: cls.id, name: cls.name, section: cls.section },
		lesson: { slug: lesson!.slug, title: lesson!.title, module: findModule(lesson!.module)?.title ?? '', href: `/modules/${lesson!.module}/${lesson!.slug}` },
		assigned: Boolean(assigned),
		due: assigned?.dueAt ? formatInZone(assigned.dueAt, cls.time_zone) : null,
		counting: countingSentence[cls.counting],
		members: members.length,
		students: new Set([...answers.map((a) => a.user_id), ...written.map((w) => w.studentId)]).size,
		groupPercent: Math.round(GROUP_SHARE * 100),
		questions
	};
};
