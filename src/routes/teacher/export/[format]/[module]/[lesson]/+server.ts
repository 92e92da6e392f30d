import { requireTeacher } from '$lib/server/guard';
import { exportResponse } from '$lib/server/exports/respond';
import type { RequestHandler } from './$types';

/** The questions of one lesson, as GIFT or a QTI 3 package (with the lesson's assessment test). */
export const GET: RequestHandler = ({ locals, url, params }) => {
	requireTeacher(locals, url);
	return exportResponse(params.format, params.module, params.lesson);
};
