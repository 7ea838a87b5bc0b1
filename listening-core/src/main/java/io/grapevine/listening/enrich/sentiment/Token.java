package io.grapevine.listening.enrich.sentiment;

/**
 * One piece of a text as the scorer sees it: a word, an emoji or emoticon, or a clause
 * boundary.
 *
 * @param type what kind of piece it is
 * @param text the word lower case without accents, the emoji without modifiers, or the
 * punctuation
 * @param shouted whether the word was written in capitals
 */
record Token(Type type, String text, boolean shouted) {

	enum Type {

		WORD, EMOJI, EMOTICON, BOUNDARY

	}

}
