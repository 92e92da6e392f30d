import { loadGradebook, teacherClass } from '$lib/server/reports/class-data';
import { csvResponse, gradebookCsv } from '$lib/server/reports/csv-exports';
import { DEFAULT_SORT, sortRows } from '$lib/server/reports/gradebook';
import type { RequestHandler } from './$types';

/** The gradebook matrix, students by name, one row each. */
export const GET: RequestHandler = async ({ locals, url, params }) => {
	const { db, cls } = await teacherClass(locals, url, params.class);
	const { lessons, rows } = await loadGradebook(db, cls);
	return csvResponse(gradebookCsv(lessons, sortRows(rows, DEFAULT_SORT, lessons), cls.late_policy), cls.name, 'gradebook', cls.time_zone);
};
