/**
 * Reading a posted form. `request.formData()` throws on a body that is not a form (a text/plain
 * post, a multipart body with a broken or missing boundary) and on one over adapter-node's
 * BODY_SIZE_LIMIT; thrown as is, both would be a 500. Here they are a 400 or a 413 with words.
 */
import { error } from '@sveltejs/kit';

export interface FormProblem {
	status: 400 | 413;
	message: string;
}

export const TOO_LARGE = 'The form is too large to send. Shorten what you typed and try again.';
export const UNREADABLE = 'The form could not be read. Reload the page and try again.';

const tooLarge = (e: unknown) => typeof e === 'object' && e !== null && 'status' in e && e.status === 413;

/** The form, or what is wrong with it (for actions that show problems next to the form). */
export async function formOrProblem(request: Request): Promise<FormData | FormProblem> {
	try {
		return await request.formData();
	} catch (e) {
		return tooLarge(e) ? { status: 413, message: TOO_LARGE } : { status: 400, message: UNREADABLE };
	}
}

/** The form; a body that is not one is a 400 (413 when too large) with a readable message. */
export async function readForm(request: Request): Promise<FormData> {
	const data = await formOrProblem(request);
	if (data instanceof FormData) return data;
	error(data.status, { message: data.message });
}
