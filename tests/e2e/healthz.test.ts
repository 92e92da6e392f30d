import { expect, test } from 'vitest';
import { baseURL } from './content';

test('/healthz answers "ok", never cached, with the security headers and nothing about the asker', async () => {
	const res = await fetch(`${baseURL()}/healthz`);
	expect(res.status).toBe(200);
	expect(await res.text()).toBe('ok');
	expect(res.headers.get('cache-control')).toBe('no-store');
	expect(res.headers.get('x-content-type-options')).toBe('nosniff');
	expect(res.headers.get('set-cookie')).toBeNull();
	expect((await fetch(`${baseURL()}/healthz`, { method: 'POST', headers: { origin: baseURL() } })).status).toBe(405);
});
