import { formatCode } from '$lib/server/join-code';
import { dueLabel } from '$lib/server/progress/due';
import { loadGradebook, shortTime, teacherClass } from '$lib/server/reports/class-data';
import { firstDir, lessonSummaries, parseSort, sortRows } from '$lib/server/reports/gradebook';
import { countingSentence } from '$lib/server/reports/item-analysis';
import { formatInZone } from '$lib/time-zone';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ locals, url, params }) => {
	const { db, cls } = await teacherClass(locals, url, params.class);
	const { lessons, rows } = await loadGradebook(db, cls);
	const sort = parseSort(url.searchParams, lessons);
	const ordered = sortRows(rows, sort, lessons);
	// each column header: its sort link (the other direction when already sorted by it) and aria-sort
	const column = (key: string) => {
		const sorted = sort.key === key;
		const next = sorted ? (sort.dir === 'asc' ? 'desc' : 'asc') : firstDir(key);
		return {
			href: `?sort=${encodeURIComponent(key)}&dir=${next}`,
			next,
			ariaSort: sorted ? (sort.dir === 'asc' ? ('ascending' as const) : ('descending' as const)) : undefined
		};
	};

	const sortTitle = sort.key === 'name' ? 'name' : sort.key === 'total' ? 'total score' : lessons.find((l) => l.slug === sort.key)!.title;
	const sortedBy =
		sort.key === 'name'
			? `by name, ${sort.dir === 'asc' ? 'A to Z' : 'Z to A'}`
			: `by ${sortTitle}, ${sort.dir === 'asc' ? 'lowest score first' : 'highest score first'}`;

	return {
		klass: { id: cls.id, name: cls.name, section: cls.section, timeZone: cls.time_zone },
		code: cls.join_code ? formatCode(cls.join_code) : null,
		counting: countingSentence[cls.counting],
		lateRule: cls.late_policy === 'exclude' ? 'Answers after the due date do not count: they are kept, and marked late.' : 'Answers after the due date count, and are marked late.',
		sort,
		sortedBy,
		columns: { name: column('name'), total: column('total') },
		lessons: lessons.map((l) => ({
			slug: l.slug,
			title: l.title,
			questions: l.questionIds.length,
			due: l.dueAt ? shortTime(l.dueAt, cls.time_zone) : null,
			dueFull: l.dueAt ? formatInZone(l.dueAt, cls.time_zone) : null,
			column: column(l.slug)
		})),
		summaries: lessonSummaries(rows, lessons),
		rows: ordered.map((r) => ({
			student: r.student,
			cells: r.cells.map((c) => ({ ...c, label: dueLabel[c.state] })),
			total: r.total
		}))
	};
};
