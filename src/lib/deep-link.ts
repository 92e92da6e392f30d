import type { AfterNavigate } from '@sveltejs/kit';

/**
 * After a client navigation to `/page#id`, SvelteKit scrolls to the element at once, while the
 * new page's stylesheet may still be loading (it adds the `<link>` without waiting). The page then
 * lays out again and the element is no longer where it scrolled: a lesson's "Read it highlighted"
 * link sometimes left the sentence off screen. Once the styles are in, scroll to it again, unless
 * the reader has scrolled meanwhile.
 */
export function scrollToFragmentOnceStyled({ type, to }: AfterNavigate) {
	if (type === 'enter' || !to?.url.hash) return;
	const pending = [...document.querySelectorAll<HTMLLinkElement>('link[rel="stylesheet"]')].filter((l) => !l.sheet);
	if (!pending.length) return;
	const y = scrollY;
	const loaded = (l: HTMLLinkElement) =>
		new Promise((done) => {
			l.addEventListener('load', done, { once: true });
			l.addEventListener('error', done, { once: true });
		});
	void Promise.all(pending.map(loaded)).then(() => {
		if (scrollY === y) document.getElementById(decodeURIComponent(to.url.hash.slice(1)))?.scrollIntoView();
	});
}
