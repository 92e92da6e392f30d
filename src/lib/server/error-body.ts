/**
 * SvelteKit answers a few requests with a 4xx and no body at all (page data asked of a
 * download: `/me/data/export.csv/__data.json`). Every 4xx of this app says in words what went
 * wrong, so the hook gives those a short message; other answers pass through untouched.
 */
const messages: Record<number, string> = {
	400: 'The request could not be read. Reload the page and try again.',
	404: 'There is nothing at this address.',
	405: 'This address does not accept that kind of request.'
};

export const messageFor = (status: number): string => messages[status] ?? `The request could not be answered (error ${status}).`;

export async function withMessage(response: Response, method: string): Promise<Response> {
	// pages and JSON have their own messages; only a bare answer is read to see if it is empty
	if (response.status < 400 || method === 'HEAD' || response.headers.has('content-type')) return response;
	const text = response.body === null ? '' : await response.text();
	const headers = new Headers(response.headers);
	headers.delete('content-length');
	if (text.trim()) return new Response(text, { status: response.status, headers });
	headers.set('content-type', 'text/plain; charset=utf-8');
	return new Response(messageFor(response.status), { status: response.status, headers });
}
