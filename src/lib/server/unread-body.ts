/**
 * A request body the app did not read is read to its end before the answer goes out. When an
 * answer comes before the body was read (a redirect to log in, a 403, 404, 405 or 415),
 * adapter-node leaves the rest of a large body (over ~150 KB) unread on the connection, and
 * the next request the browser sends on that kept-alive connection hangs until it times out.
 * Bodies are capped by BODY_SIZE_LIMIT (512 KB), so reading one costs little.
 */
export async function readRestOfBody(request: Request): Promise<void> {
	if (!request.body || request.bodyUsed) return;
	// over the size limit, or the client went away: nothing left to do
	await request.arrayBuffer().catch(() => undefined);
}
