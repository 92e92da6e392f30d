/**
 * What the lesson page's script does to a card the server rendered: puts a new rendering of it
 * in place (the card address's reply) and enhances that one as the page's own were.
 */

/** A card's parts the script works with; each card is a `<section data-card>` with one form. */
export interface CardParts {
	section: HTMLElement;
	form: HTMLFormElement;
	question: string;
}

export const partsOf = (section: HTMLElement): CardParts => ({ section, form: section.querySelector('form')!, question: section.dataset.question! });

let enhanceNew: (section: HTMLElement) => void = () => {};
export const onNewCard = (enhance: (section: HTMLElement) => void) => (enhanceNew = enhance);

/**
 * Puts the card the server rendered in place of `old`'s content; the card is enhanced again
 * before it is returned. The `<section>` itself stays, with its Read aloud button or open player
 * (which reads that element): a student who presses Play after answering hears the feedback.
 */
export function replaceCard(old: HTMLElement, html: string, before?: (card: HTMLElement) => void): HTMLElement | null {
	const template = document.createElement('template');
	template.innerHTML = html;
	const card = template.content.querySelector<HTMLElement>('section[data-card]');
	if (!card || !old.isConnected) return null;
	// the number it had here: a retry or a review numbers its cards among themselves
	const number = card.querySelector('.question-number');
	if (number) number.textContent = old.querySelector('.question-number')?.textContent ?? number.textContent;
	if (old.dataset.readable) card.dataset.readable = old.dataset.readable;
	before?.(card);
	// a live region already in the page is announced when its text changes; a new one, filled as it comes, often is not
	for (const fresh of card.querySelectorAll<HTMLElement>('[data-live]')) {
		const kept = old.querySelector<HTMLElement>(`[data-live="${CSS.escape(fresh.dataset.live!)}"]`);
		if (!kept) continue;
		kept.hidden = fresh.hidden;
		if (kept.textContent !== fresh.textContent) kept.textContent = fresh.textContent;
		fresh.replaceWith(kept);
	}
	const reader = [...old.children].filter((el) => el.matches('button.read-aloud, [data-read-aloud]'));
	for (const { name } of [...old.attributes]) if (!card.hasAttribute(name)) old.removeAttribute(name);
	for (const { name, value } of [...card.attributes]) old.setAttribute(name, value);
	old.replaceChildren(...reader, ...card.childNodes);
	enhanceNew(old);
	return old;
}

/** A message in the card's actions, as the server would render a refusal (role=alert), or none. */
export function showError(form: HTMLFormElement, text: string | null): void {
	let p = form.querySelector<HTMLElement>('.error-text[role="alert"]');
	if (!text) return p?.remove();
	if (!p) {
		p = document.createElement('p');
		p.className = 'error-text';
		p.setAttribute('role', 'alert');
		(form.querySelector('.question-actions') ?? form).append(p);
	}
	p.textContent = text;
}

/** A fresh submission key for the form's next post. */
export const renewKey = (form: HTMLFormElement) => ((form.elements.namedItem('idem') as HTMLInputElement).value = crypto.randomUUID());
