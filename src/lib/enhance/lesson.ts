/**
 * All the JavaScript of a lesson page, which is rendered on the server and not hydrated: it works
 * the same without this file, where every form posts and the page comes back. With it, question
 * cards post without a reload (the server renders the card that comes back), answers the server
 * does not acknowledge wait in the outbox, written drafts save themselves, ordering questions get
 * their move buttons, and Read aloud buttons appear where the browser can speak.
 */
import { startOutbox } from '$lib/outbox/outbox';
import { readAloud } from '$lib/read-aloud/trigger';
import { answerCard } from './answer-card';
import { onNewCard } from './cards';
import { ordering } from './ordering';
import { writtenCard } from './written-card';

/** Once graded, the proving sentence comes into view inside its article's box (the page stays put), when the box does. */
function showProving(box: HTMLElement) {
	const seen = new IntersectionObserver((entries) => {
		if (!entries.some((e) => e.isIntersecting)) return;
		seen.disconnect();
		const proving = box.querySelector<HTMLElement>('.sentence.right');
		if (proving) box.scrollTop = Math.max(0, proving.offsetTop - 8);
	});
	seen.observe(box);
}

const readable = (el: HTMLElement) => readAloud(el, { id: el.dataset.readableId!, label: el.dataset.readable!, after: el.dataset.readableAfter });

/** the cards with a Read aloud button: a card the server rendered again keeps its own */
const withButton = new WeakSet<HTMLElement>();

/** A question card, as the page came or as the server rendered it after a post. */
function card(section: HTMLElement) {
	if (!withButton.has(section)) readable(section);
	withButton.add(section);
	for (const list of section.querySelectorAll<HTMLElement>('[data-ordering]')) ordering(list);
	for (const box of section.querySelectorAll<HTMLElement>('.article[data-graded]')) showProving(box);
	if (section.dataset.card === 'written') writtenCard(section);
	else answerCard(section);
}

onNewCard(card);
startOutbox();
for (const el of document.querySelectorAll<HTMLElement>('[data-readable]:not([data-card])')) readable(el);
for (const section of document.querySelectorAll<HTMLElement>('section[data-card]')) card(section);
// for tests, and anyone who asks: the page's script has run
document.documentElement.dataset.ready = '';
