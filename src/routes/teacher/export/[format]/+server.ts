import { requireTeacher } from '$lib/server/guard';
import { exportResponse } from '$lib/server/exports/respond';
import type { RequestHandler } from './$types';

/** Every question of the course, as GIFT or a QTI 3 package. */
export const GET: RequestHandler = ({ locals, url, params }) => {
	requireTeacher(locals, url);
	return exportResponse(params.format);
};
