/** A download of an export for the app's routes: the course's content, the asked scope, or 404 in words. */
import { error } from '@sveltejs/kit';
import { modules, sources } from '$lib/server/content';
import { isFormat, select, FORMATS } from './course';
import { exportFile } from './index';

export function exportResponse(format: string, module?: string, lesson?: string): Response {
	if (!isFormat(format)) error(404, { message: `There is no export as “${format}”. Choose one of: ${FORMATS.join(', ')}.` });
	const selected = select({ modules, sources }, module, lesson);
	if (!selected.ok) error(404, { message: selected.message });
	const file = exportFile(format, { modules, sources }, selected.selection);
	return new Response(file.body, {
		headers: {
			'content-type': file.contentType,
			'content-disposition': `attachment; filename="${file.filename}"`,
			// teachers only: the file holds every key
			'cache-control': 'private, no-store'
		}
	});
}
