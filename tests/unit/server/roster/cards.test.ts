/** The QR codes on login cards, read back by a decoder nobody here wrote (jsQR). */
import jsQR from 'jsqr';
import { describe, expect, it } from 'vitest';
import { loginCards, qrPath } from '../../../../src/lib/server/roster/cards';

/** Draws the path (its own "Mx yhNv1h-Nz" squares) at `scale` pixels a module, with a 4-module quiet zone. */
function raster({ size, path }: { size: number; path: string }, scale = 4) {
	const side = (size + 8) * scale;
	const px = new Uint8ClampedArray(side * side * 4).fill(255);
	for (const m of path.matchAll(/M(\d+) (\d+)h(\d+)v1h-\d+z/g)) {
		const [x, y, run] = [Number(m[1]), Number(m[2]), Number(m[3])];
		for (let dy = 0; dy < scale; dy++) {
			for (let dx = 0; dx < run * scale; dx++) {
				const i = (((y + 4) * scale + dy) * side + (x + 4) * scale + dx) * 4;
				px[i] = px[i + 1] = px[i + 2] = 0;
			}
		}
	}
	return { px, side };
}

describe('login card QR codes', () => {
	it('decode to the sign-in address with the username', () => {
		const [card] = loginCards('https://backchannel.school.example', [{ name: 'Amira Haddad', username: 'amira.haddad', code: 'K7QXP-3MZ9A' }]);
		expect(card!.url).toBe('https://backchannel.school.example/reset?username=amira.haddad');
		const { px, side } = raster(card!.qr);
		expect(jsQR(px, side, side)?.data).toBe(card!.url);
	});

	it('hold an address with characters that need encoding', () => {
		const url = 'http://127.0.0.1:5173/reset?username=o%27brien_2';
		const { px, side } = raster(qrPath(url));
		expect(jsQR(px, side, side)?.data).toBe(url);
	});
});
