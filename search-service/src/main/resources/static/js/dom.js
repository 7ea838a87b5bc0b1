// Small helpers to build the page. Text people wrote is only ever inserted as text; the
// service's <mark> highlights are rebuilt as elements from its HTML-escaped fragments,
// never through innerHTML.

const SVG = 'http://www.w3.org/2000/svg';

export const byId = (id) => document.getElementById(id);

export function element(name, attributes, text) {
	const node = document.createElement(name);
	Object.entries(attributes || {}).forEach(([key, value]) => {
		if (value !== undefined && value !== null && value !== false) {
			node.setAttribute(key, value === true ? '' : value);
		}
	});
	if (text !== undefined) {
		node.textContent = text;
	}
	return node;
}

export function svg(name, attributes) {
	const node = document.createElementNS(SVG, name);
	Object.entries(attributes || {}).forEach(([key, value]) => node.setAttribute(key, value));
	return node;
}

export function isWebLink(url) {
	return typeof url === 'string' && /^https?:\/\//i.test(url);
}

export function link(url, text, attributes) {
	return element('a', Object.assign({ href: url, rel: 'noopener noreferrer', target: '_blank' }, attributes || {}),
		text);
}

export function duration(seconds) {
	const s = Math.max(0, Math.round(seconds || 0));
	if (s < 60) {
		return s + ' s';
	}
	if (s < 3600) {
		return Math.floor(s / 60) + ' min';
	}
	if (s < 86400) {
		return Math.floor(s / 3600) + ' h ' + Math.floor((s % 3600) / 60) + ' min';
	}
	return Math.floor(s / 86400) + ' d ' + Math.floor((s % 86400) / 3600) + ' h';
}

export function plural(count, one, many) {
	return count + ' ' + (count === 1 ? one : many);
}

function decodeEntities(text) {
	return text.replace(/&(lt|gt|amp|quot|#x27|#39|#x2F|#47);/g, (match, entity) => ({
		lt: '<', gt: '>', amp: '&', quot: '"', '#x27': "'", '#39': "'", '#x2F': '/', '#47': '/'
	})[entity]);
}

export function highlighted(fragment) {
	const paragraph = element('p', { class: 'text' });
	let marked = false;
	fragment.split(/(<mark>|<\/mark>)/).forEach((piece) => {
		if (piece === '<mark>') {
			marked = true;
		}
		else if (piece === '</mark>') {
			marked = false;
		}
		else if (piece) {
			const text = decodeEntities(piece);
			paragraph.appendChild(marked ? element('mark', {}, text) : document.createTextNode(text));
		}
	});
	return paragraph;
}

// A mention as a list item: where, who, when, its text (with the query's words marked),
// a link to it, and a badge when the organization itself said it.
export function mentionItem(mention, highlights) {
	const item = element('li', { class: 'mention', 'data-id': mention.id });
	if (mention.owned) {
		item.classList.add('owned');
	}
	const meta = element('div', { class: 'meta' });
	meta.appendChild(element('span', { class: 'source' }, mention.source));
	const author = mention.author || {};
	meta.appendChild(element('span', { class: 'author' },
		(author.displayName ? author.displayName + ' ' : '') + '@' + author.handle));
	if (mention.owned) {
		meta.appendChild(element('span', { class: 'badge badge-owned', title: 'Posted by one of the organization\'s own '
			+ 'accounts: what the organization said, which waits for no answer' }, 'Our post'));
	}
	else if (mention.byCompetitor) {
		meta.appendChild(element('span', { class: 'badge' }, 'Competitor\'s own post'));
	}
	if (mention.sentiment && mention.sentiment.label && mention.sentiment.label !== 'neutral') {
		meta.appendChild(element('span', { class: 'badge sentiment-' + mention.sentiment.label },
			mention.sentiment.label));
	}
	const published = new Date(mention.publishedAt);
	meta.appendChild(element('time', { datetime: mention.publishedAt }, published.toLocaleString()));
	if (typeof mention.reach === 'number') {
		meta.appendChild(element('span', { class: 'reach', title: 'Reach: followers and engagement on one scale' },
			'reach ' + mention.reach.toFixed(1)));
	}
	if (isWebLink(mention.url)) {
		meta.appendChild(link(mention.url, 'Open post'));
	}
	item.appendChild(meta);
	if (highlights && highlights.length) {
		highlights.forEach((fragment) => item.appendChild(highlighted(fragment)));
	}
	else {
		item.appendChild(element('p', { class: 'text' }, mention.text));
	}
	return item;
}
