/**
 * What a card address answers, named in its `x-card` header: the card as the server renders it
 * now (`html`), or no card and why in words (`message`), or a refusal because the post names
 * another owner than who is signed in (`wrong-owner`). A reply without the header came from
 * something else (a proxy's or a captive portal's page). Shared by the endpoints and the outbox.
 */
export const CARD_HEADER = 'x-card';
export const CARD_KIND = { html: 'html', message: 'message', wrongOwner: 'wrong-owner' } as const;
export type CardKind = (typeof CARD_KIND)[keyof typeof CARD_KIND];
